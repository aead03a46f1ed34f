import {
  JURISDICTION_LEVELS,
  NATIONAL_JURISDICTION,
  RULE_COMPOSITIONS,
  RULE_FAMILIES,
  type RuleDocument,
  type RuleFamily,
  type RuleSource as Citation,
} from '@shanyu/common';

import { IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate, ListOf } from '../validators.js';

/** The service that keeps each rule family's documents and answers `<service>.rules.*` for it. */
export const RULE_FAMILY_SERVICES: Record<RuleFamily, string> = {
  filing: 'registry',
  inspection: 'inspection',
  supervision: 'inspection',
  credit: 'credit',
  staff: 'staff',
  subsidy: 'subsidy',
  target: 'registry',
};

@JSONSchema({ description: 'The effective rules of one family for a division on a date (分级规则：国家、省、市、区县、街道)' })
export class EffectiveRulesRequest {
  @JSONSchema({ description: 'Rule family', enum: [...RULE_FAMILIES] })
  @IsIn(RULE_FAMILIES)
  family: RuleFamily;

  @JSONSchema({ description: 'Province, city, county (6 digits) or street (9 digits) code', example: '330106109' })
  @IsDivisionCode()
  divisionCode: string;

  @JSONSchema({ description: 'YYYY-MM-DD; default today (Asia/Shanghai)', example: '2026-03-01' })
  @IsOptional()
  @IsIsoDate()
  date?: string;
}

@JSONSchema({ description: 'Two rule sets of one family side by side: another date, another division, or both' })
export class RuleDiffRequest extends EffectiveRulesRequest {
  @JSONSchema({ description: 'The division to compare with; default divisionCode', example: '371002' })
  @IsOptional()
  @IsDivisionCode()
  otherDivisionCode?: string;

  @JSONSchema({ description: 'The date to compare with (YYYY-MM-DD); default date', example: '2025-06-01' })
  @IsOptional()
  @IsIsoDate()
  otherDate?: string;
}

@JSONSchema({ description: 'Rule documents of one family, every version, optionally of one jurisdiction' })
export class RuleDocumentsRequest {
  @JSONSchema({ enum: [...RULE_FAMILIES] })
  @IsIn(RULE_FAMILIES)
  family: RuleFamily;

  @JSONSchema({ description: `${NATIONAL_JURISDICTION} (全国) or a division code`, example: '330100' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9})$/, { message: '适用地域应为 000000（全国）或 6 位、9 位区划代码' })
  jurisdiction?: string;
}

@JSONSchema({ description: 'A document a rule cites: title, 文号 and article, so an official can look it up' })
export class RuleSourceInput {
  @JSONSchema({ example: '托育机构设置标准（试行）' })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  title: string;

  @JSONSchema({ example: '国卫人口发〔2019〕58号' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  documentNo?: string;

  @JSONSchema({ example: '第十一条' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  article?: string;
}

@JSONSchema({
  description:
    'One rule of a document: its key (a lower level replaces, adds to or disables the rule of the same key), how it composes with the levels above, its sources and, for adds/replaces, its body',
})
export class RuleEntryInput {
  @JSONSchema({ example: 'RESIDENTIAL_FACILITY' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { message: '规则标识应以字母开头，由字母、数字、_ . - 组成（至多 64 位）' })
  key: string;

  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @JSONSchema({
    description:
      'adds (beside the rules above), replaces (the rules of the same key above), disables (with a reason), inherits (confirms the rule above, no body)',
  })
  @IsIn(RULE_COMPOSITIONS)
  composition: (typeof RULE_COMPOSITIONS)[number];

  @JSONSchema({ description: 'Why a rule from above is disabled (required for disables)' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  reason?: string;

  @IsArray()
  @ListOf(() => RuleSourceInput, { max: 20 })
  sources: RuleSourceInput[];

  @JSONSchema({ description: "The family's content of the rule, checked by the service that keeps the family (filing: {kind, params})" })
  @IsOptional()
  @IsObject()
  body?: Record<string, unknown>;
}

@JSONSchema({ description: 'A rule document (分级规则文件): a new version of a document key, in force in its jurisdiction from effectiveFrom' })
export class RuleDocumentBody {
  @JSONSchema({ example: 'xihu-childcare-notice' })
  @Matches(/^[a-z][a-z0-9-]{2,60}$/, { message: '文件标识应为小写字母、数字和连字符（3–61 位）' })
  documentKey: string;

  @JSONSchema({ description: '<documentKey>/<year>.<n>; a version is never edited', example: 'xihu-childcare-notice/2026.1' })
  @IsString()
  @MinLength(5)
  @MaxLength(80)
  version: string;

  @JSONSchema({ description: `${NATIONAL_JURISDICTION} (全国) or a province, city, county or street code`, example: '330106' })
  @Matches(/^(\d{6}|\d{9})$/, { message: '适用地域应为 000000（全国）或 6 位、9 位区划代码' })
  jurisdiction: string;

  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @IsArray()
  @ListOf(() => RuleSourceInput, { min: 1, max: 20 })
  sources: RuleSourceInput[];

  @JSONSchema({ example: '2026-07-01' })
  @IsIsoDate()
  effectiveFrom: string;

  @JSONSchema({ description: 'Last day in force; omitted or null: until the next version of the document starts' })
  @IsOptional()
  @IsIsoDate()
  effectiveTo?: string;

  @IsArray()
  @ListOf(() => RuleEntryInput, { min: 1, max: 200 })
  rules: RuleEntryInput[];
}

@JSONSchema({ description: 'Publish a rule document of a family kept by the answering service' })
export class PublishRuleDocumentRequest extends RuleDocumentBody {
  @JSONSchema({ enum: [...RULE_FAMILIES] })
  @IsIn(RULE_FAMILIES)
  family: RuleFamily;
}

const citation = (s: Citation): Citation => ({
  title: s.title,
  ...(s.documentNo ? { documentNo: s.documentNo } : {}),
  ...(s.article ? { article: s.article } : {}),
});

/**
 * The rule document a publication asks to store: the request's fields only (no validator class
 * instances, no absent optional fields), for the family's own check. The body is the family's
 * to check (`B`).
 */
export function ruleDocumentOf<B>(request: PublishRuleDocumentRequest): RuleDocument<B> {
  const plain = JSON.parse(JSON.stringify(request)) as PublishRuleDocumentRequest;
  return {
    family: plain.family,
    documentKey: plain.documentKey,
    version: plain.version,
    jurisdiction: plain.jurisdiction,
    title: plain.title,
    sources: plain.sources.map(citation),
    effectiveFrom: plain.effectiveFrom,
    effectiveTo: plain.effectiveTo ?? null,
    rules: plain.rules.map((r) => ({
      key: r.key,
      title: r.title,
      composition: r.composition,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      sources: r.sources.map(citation),
      ...(r.body !== undefined ? { body: r.body as B } : {}),
    })),
  };
}

export const RuleSource = t.Object(
  {
    title: t.String({ description: 'Document title (文件名称)' }),
    documentNo: t.Optional(t.String({ description: '文号, e.g. 国卫人口发〔2019〕58号' })),
    article: t.Optional(t.String({ description: 'Article or section, e.g. 第十一条' })),
  },
  { $id: 'RuleSource' },
);
export type RuleSource = Static<typeof RuleSource>;

export const RuleDocumentRef = t.Object(
  {
    documentKey: t.String(),
    version: t.String(),
    title: t.String(),
    jurisdiction: t.String({ description: `${NATIONAL_JURISDICTION} (全国) or a division code` }),
    jurisdictionName: t.String({ example: '浙江省杭州市西湖区' }),
    level: StringEnum(JURISDICTION_LEVELS),
    effectiveFrom: t.String({ format: 'date' }),
    effectiveTo: Nullable(t.String({ format: 'date' })),
    sources: t.Array(RuleSource),
  },
  { $id: 'RuleDocumentRef' },
);

export const EffectiveRuleView = t.Object(
  {
    key: t.String(),
    title: t.String(),
    composition: StringEnum(['adds', 'replaces'] as const, { description: 'How it joined the rules from above' }),
    sources: t.Array(RuleSource),
    body: t.Unknown({ description: "The family's content of the rule" }),
    from: RuleDocumentRef,
    replaced: t.Array(t.Object({ key: t.String(), title: t.String(), from: RuleDocumentRef }), { description: 'Rules from above it took the place of' }),
    inheritedBy: t.Array(RuleDocumentRef, { description: 'Lower-level documents that confirmed it applies unchanged' }),
  },
  { $id: 'EffectiveRule' },
);

export const DisabledRuleView = t.Object(
  {
    key: t.String(),
    title: t.String(),
    reason: t.String(),
    by: RuleDocumentRef,
    was: t.Array(t.Object({ title: t.String(), from: RuleDocumentRef })),
  },
  { $id: 'DisabledRule' },
);

export const ResolvedRulesView = t.Object(
  {
    family: StringEnum(RULE_FAMILIES),
    divisionCode: t.String(),
    date: t.String({ format: 'date' }),
    chain: t.Array(t.Object({ jurisdiction: t.String(), name: t.String(), level: StringEnum(JURISDICTION_LEVELS) }), {
      description: 'The jurisdictions consulted, national first',
    }),
    rules: t.Array(EffectiveRuleView),
    disabled: t.Array(DisabledRuleView),
  },
  { $id: 'ResolvedRules' },
);
export type ResolvedRulesView = Static<typeof ResolvedRulesView>;

export const RuleSetDiffView = t.Object(
  {
    before: ResolvedRulesView,
    after: ResolvedRulesView,
    added: t.Array(EffectiveRuleView, { description: 'In force in the second set only' }),
    removed: t.Array(EffectiveRuleView, { description: 'In force in the first set only' }),
    changed: t.Array(t.Object({ key: t.String(), before: t.Array(EffectiveRuleView), after: t.Array(EffectiveRuleView) })),
    unchanged: t.Integer(),
  },
  { $id: 'RuleSetDiff' },
);
export type RuleSetDiffView = Static<typeof RuleSetDiffView>;

export const RuleDocumentView = t.Object(
  {
    family: StringEnum(RULE_FAMILIES),
    documentKey: t.String(),
    version: t.String(),
    jurisdiction: t.String(),
    jurisdictionName: t.String(),
    level: StringEnum(JURISDICTION_LEVELS),
    title: t.String(),
    sources: t.Array(RuleSource),
    effectiveFrom: t.String({ format: 'date' }),
    effectiveTo: Nullable(t.String({ format: 'date' })),
    rules: t.Array(
      t.Object({
        key: t.String(),
        title: t.String(),
        composition: StringEnum(RULE_COMPOSITIONS),
        reason: t.Optional(t.String()),
        sources: t.Array(RuleSource),
        body: t.Optional(t.Unknown()),
      }),
    ),
    origin: StringEnum(['built-in', 'published'] as const),
  },
  { $id: 'RuleDocument' },
);
export type RuleDocumentView = Static<typeof RuleDocumentView>;

export const RuleDocumentList = t.Array(RuleDocumentView, { $id: 'RuleDocumentList' });

/**
 * `evt.<service>.rules.published.v1` (rulesPublishedEvent): a new version of a rule document was
 * published through the API — what, where and from when; the document itself is read with
 * `<service>.rules.documents`.
 */
export const RuleDocumentPublishedData = t.Object(
  {
    family: StringEnum(RULE_FAMILIES),
    documentKey: t.String(),
    version: t.String({ example: 'huancui-staff-ratios/2026.1' }),
    title: t.String(),
    jurisdiction: t.String({ description: `${NATIONAL_JURISDICTION} (全国) or the division code the document applies in` }),
    level: StringEnum(JURISDICTION_LEVELS),
    effectiveFrom: t.String({ format: 'date' }),
    effectiveTo: Nullable(t.String({ format: 'date' })),
    rules: t.Array(t.Object({ key: t.String(), composition: StringEnum(RULE_COMPOSITIONS) }), {
      description: 'The key of each rule and how it composes with the rules of the same key above',
    }),
  },
  { $id: 'RuleDocumentPublishedData' },
);
export type RuleDocumentPublishedData = Static<typeof RuleDocumentPublishedData>;
