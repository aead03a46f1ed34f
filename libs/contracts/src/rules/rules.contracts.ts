import { JURISDICTION_LEVELS, NATIONAL_JURISDICTION, RULE_COMPOSITIONS, RULE_FAMILIES, type RuleFamily } from '@shanyu/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate } from '../validators.js';

/** The service that keeps each rule family's documents and answers `<service>.rules.*` for it. */
export const RULE_FAMILY_SERVICES: Record<RuleFamily, string> = {
  filing: 'registry',
  inspection: 'inspection',
  supervision: 'inspection',
  credit: 'credit',
  staff: 'staff',
  subsidy: 'subsidy',
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
