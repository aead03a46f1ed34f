import { DomainError, NATIONAL_JURISDICTION } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { SUPERVISION_POLICY_2026, SUPERVISION_POLICY_2026_2 } from './supervision-policy.data.js';
import { checkSupervisionDocument, resolveSupervisionPolicy, type SupervisionDocument } from './supervision-policy.js';

const source = [{ title: '环翠区托育机构双随机抽查工作方案', documentNo: '测试〔2026〕2号' }];

/** 环翠区 raises the D ratio's neighbours and shortens the repeat window, from 2026-07-01. */
const huancui: SupervisionDocument = {
  family: 'supervision',
  documentKey: 'supervision-policy-371002',
  version: 'supervision-policy-371002/2026.1',
  jurisdiction: '371002',
  title: '环翠区托育机构双随机抽查政策',
  sources: source,
  effectiveFrom: '2026-07-01',
  effectiveTo: null,
  rules: [
    {
      key: 'samplingRatios',
      title: '环翠区抽查比例',
      composition: 'replaces',
      sources: source,
      body: { parameter: 'samplingRatios', value: { A: 0.1, B: 0.2, C: 0.5, D: 1 } },
    },
    { key: 'yearlyCap', title: '沿用全国年度上限', composition: 'inherits', sources: [] },
  ],
};

const problemsOf = (doc: SupervisionDocument) => {
  try {
    checkSupervisionDocument(doc);
    return [];
  } catch (e) {
    expect((e as DomainError).code).toBe('RULE_DOCUMENT_INVALID');
    return (e as DomainError).details!.map((d) => d.field);
  }
};

describe('the supervision policy as rule documents (family supervision)', () => {
  it('ships national defaults, each parameter with its source', () => {
    expect(problemsOf(SUPERVISION_POLICY_2026)).toEqual([]);
    const policy = resolveSupervisionPolicy([SUPERVISION_POLICY_2026], '330106109', '2026-03-01');
    expect(policy).toMatchObject({
      version: 'supervision-policy/2026.1',
      samplingRatios: { A: 0.05, B: 0.1, C: 0.3, D: 1 },
      minInspectorsPerDepartment: 2,
      yearlyCap: 3,
      repeatWindowDays: 30,
      rectificationWorkingDays: { critical: 1, major: 10, minor: 20 },
    });
    expect(policy.sources.samplingRatios).toContain('国发〔2019〕5号');
    expect(policy.sources.minInspectorsPerDepartment).toContain('《中华人民共和国行政处罚法》 第四十二条');
  });

  it('brings registered institutions not yet filed into the pool from 2026-12-01 (version 2026.2), with its source; before, none', () => {
    expect(problemsOf(SUPERVISION_POLICY_2026_2)).toEqual([]);
    const docs = [SUPERVISION_POLICY_2026, SUPERVISION_POLICY_2026_2];
    expect(resolveSupervisionPolicy(docs, '330106109', '2026-11-30')).toMatchObject({ version: 'supervision-policy/2026.1', unfiledSamplingRatio: null });
    const after = resolveSupervisionPolicy(docs, '330106109', '2026-12-01');
    expect(after).toMatchObject({ version: 'supervision-policy/2026.2', unfiledSamplingRatio: 1 });
    expect(after.sources.unfiledSamplingRatio).toContain('国卫办人口发〔2019〕25号');
  });

  it('lets a district refine it for itself from its date; elsewhere and before, the national values apply', () => {
    const docs = [SUPERVISION_POLICY_2026, huancui];
    const there = resolveSupervisionPolicy(docs, '371002001', '2026-08-01');
    expect(there.samplingRatios).toEqual({ A: 0.1, B: 0.2, C: 0.5, D: 1 });
    expect(there.yearlyCap).toBe(3);
    expect(there.version).toBe('supervision-policy/2026.1 + supervision-policy-371002/2026.1');
    expect(there.sources.samplingRatios).toContain('测试〔2026〕2号');
    expect(resolveSupervisionPolicy(docs, '371002', '2026-06-30').samplingRatios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1 });
    const xihu = resolveSupervisionPolicy(docs, '330106', '2026-08-01');
    expect(xihu.samplingRatios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1 });
    expect(xihu.version).toBe('supervision-policy/2026.1');
  });

  it('refuses a local document that adds or disables, a bad value, a key that is not its parameter, and a national one with gaps', () => {
    expect(problemsOf(huancui)).toEqual([]);
    const bad: SupervisionDocument = {
      ...huancui,
      rules: [
        {
          key: 'samplingRatios',
          title: '比例',
          composition: 'adds',
          sources: source,
          body: { parameter: 'samplingRatios', value: { A: 2, B: 0.1, C: 0.3, D: 1 } },
        },
        { key: 'yearlyCap', title: '上限', composition: 'disables', reason: '本区不设年度上限', sources: source },
        { key: 'repeatWindowDays', title: '窗口', composition: 'replaces', sources: source, body: { parameter: 'yearlyCap', value: 10 } },
      ],
    };
    expect(problemsOf(bad)).toEqual(expect.arrayContaining(['rules.0.composition', 'rules.0.body.value', 'rules.1.composition', 'rules.2.body.parameter']));
    const gaps: SupervisionDocument = { ...SUPERVISION_POLICY_2026, version: 'supervision-policy/2026.2', rules: SUPERVISION_POLICY_2026.rules.slice(0, 2) };
    expect(problemsOf(gaps)).toContain('rules');
    expect(problemsOf({ ...huancui, jurisdiction: NATIONAL_JURISDICTION })).toEqual(expect.arrayContaining(['documentKey', 'rules.0.composition']));
  });
});
