import { describe, expect, it } from 'vitest';
import { loadCreditModels } from './credit-model.js';
import { CREDIT_RULE_DOCUMENTS } from './credit-models.data.js';

const models = loadCreditModels(CREDIT_RULE_DOCUMENTS);
/** 西湖区 三墩镇: the national default alone. */
const XIHU = '330106109';

describe('credit-model/2027.1: a grade stops no subsidy by itself', () => {
  it('from 2027-01-01, C has no subsidy measure and D refers to the serious-breach list with the fiscal-funds basis; 2026 keeps its text', () => {
    const before = models.for(XIHU, '2026-12-31')!;
    const after = models.for(XIHU, '2027-01-01')!;
    expect(after.version).toBe('credit-model/2027.1');
    expect(before.measures.C.map((m) => m.department)).toContain('subsidy');
    expect(after.measures.C.map((m) => m.department)).not.toContain('subsidy');
    const subsidy = after.measures.D.find((m) => m.department === 'subsidy')!;
    expect(subsidy.measure).toContain('严重失信主体名单');
    expect(subsidy.measure).not.toContain('暂停拨付');
    expect(JSON.stringify(subsidy)).toContain('国发〔2016〕33号');
    // The scores and thresholds are the 2026.2 ones.
    expect([after.startScore, after.grades]).toEqual([before.startScore, before.grades]);
  });
});
