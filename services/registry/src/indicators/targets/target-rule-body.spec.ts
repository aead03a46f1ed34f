import { type DomainError, resolveRules } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRuleDocuments } from '../../rules/registry-rule-documents.js';
import { BUILT_IN_TARGET_DOCUMENTS, NATIONAL_TARGETS_2021 } from './builtin-target-documents.data.js';
import { checkTargetDocument, type TargetRuleBody, type TargetRuleDocument } from './target-rule-body.js';

const documents = loadBuiltInRuleDocuments(BUILT_IN_TARGET_DOCUMENTS) as TargetRuleDocument[];
const targets = (divisionCode: string, date = '2026-06-30') =>
  resolveRules<TargetRuleBody>('target', documents, divisionCode, date).rules.map((r) => [r.key, r.body.value, r.from.jurisdiction]);

describe('development targets (发展目标) by jurisdiction', () => {
  it('gives every division the national 每千人口托位数 target, and 拱墅区 and its streets their own in its place, with its 健康管理率 target', () => {
    expect(targets('330106')).toEqual([['placesPer1000', 4.5, '000000']]);
    expect(targets('371002001')).toEqual([['placesPer1000', 4.5, '000000']]);
    expect(targets('330105')).toEqual([
      ['placesPer1000', 4.6, '330105'],
      ['healthManagementRate', 95, '330105'],
    ]);
    expect(targets('330105001')).toEqual(targets('330105'));
    // Before the national plan was issued there was no target.
    expect(targets('330106', '2020-06-30')).toEqual([]);
  });

  it('cites the document every built-in target comes from', () => {
    for (const doc of documents) for (const rule of doc.rules) expect(rule.sources[0]?.title.length, rule.key).toBeGreaterThan(4);
  });

  it('refuses an unknown indicator, a percentage over 100, a wrong direction or year and an unknown field, naming each', () => {
    const broken = {
      ...NATIONAL_TARGETS_2021,
      rules: [
        { ...NATIONAL_TARGETS_2021.rules[0]!, body: { indicator: 'happiness', value: 1, direction: 'atLeast', byYear: 2025 } },
        { ...NATIONAL_TARGETS_2021.rules[0]!, key: 'filingRate', body: { indicator: 'filingRate', value: 120, direction: 'up', byYear: 25, extra: 1 } },
      ],
    } as unknown as TargetRuleDocument;
    let error: DomainError | undefined;
    try {
      checkTargetDocument(broken);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('RULE_DOCUMENT_INVALID');
    expect(error?.details?.map((d) => d.field).sort()).toEqual(
      ['rules.0.body.indicator', 'rules.1.body.byYear', 'rules.1.body.direction', 'rules.1.body.extra', 'rules.1.body.value'].sort(),
    );
  });

  it('is not a filing document: the registry checks each family by its own rules', () => {
    expect(() => checkTargetDocument({ ...NATIONAL_TARGETS_2021, family: 'filing' } as unknown as TargetRuleDocument)).toThrow(
      expect.objectContaining({ code: 'RULE_DOCUMENT_INVALID' }),
    );
  });
});
