import { DomainError } from '@shanyu/common';
import type { PolicyDocument } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICIES } from './builtin-policies.data.js';
import { checkPolicyDocuments, loadBuiltInPolicies } from './builtin-policies.js';
import { assertNoOverlap, effectivePolicies, loadPolicy, versionsInForce } from './policy.js';

const clone = <T>(v: T): T => structuredClone(v);
const hangzhou = () => clone(BUILT_IN_POLICIES.find((p) => p.policyKey === 'hangzhou-inclusive-operating')!);

async function problemsOf(doc: PolicyDocument): Promise<{ code: string; fields: string[]; message: string }> {
  try {
    await checkPolicyDocuments([doc]);
  } catch (e) {
    const err = e as DomainError;
    return { code: err.code, fields: (err.details ?? []).map((d) => d.field), message: err.message };
  }
  throw new Error('expected the policy to be refused');
}

describe('subsidy policies as data', () => {
  it('loads the built-in policies, every rule and condition with its source', async () => {
    const policies = await loadBuiltInPolicies();
    expect(policies.map((p) => p.version)).toEqual([
      'hangzhou-inclusive-operating/2023.1',
      'hangzhou-inclusive-operating/2027.1',
      'hangzhou-demonstration-award/2021.1',
      'huancui-childcare-support/2023.1',
      'huancui-childcare-support/2027.1',
    ]);
    for (const p of policies) {
      expect(p.source.length).toBeGreaterThan(8);
      // Each cites a document by its title, never a file of the project's notes.
      for (const rule of p.rules) expect(rule.source).toMatch(/《[^》]+》/);
      expect(JSON.stringify(p)).not.toMatch(/seed|DOMAIN|\.md\b|shared\//);
      for (const condition of Object.values(p.eligibility)) expect((condition as { source: string }).source.length).toBeGreaterThan(8);
    }
    const kinds = [...new Set(policies.flatMap((p) => p.rules.map((r) => r.kind)))].sort();
    expect(kinds).toEqual(['demonstration_award', 'opening_grant', 'per_child_by_birth_order', 'per_child_by_class']);
  });

  it('from 2027-01 refuses a serious-breach listing (国发〔2016〕33号), never a grade cited to it; earlier months keep their versions', async () => {
    const policies = await loadBuiltInPolicies();
    const inForce = (month: string) => versionsInForce(policies, month).map((p) => p.version);
    expect(inForce('2026-12')).toEqual(['hangzhou-inclusive-operating/2023.1', 'huancui-childcare-support/2023.1']);
    expect(inForce('2027-01')).toEqual(['hangzhou-inclusive-operating/2027.1', 'huancui-childcare-support/2027.1']);
    for (const version of inForce('2027-01')) {
      const p = policies.find((x) => x.version === version)!;
      expect(p.eligibility.creditGrade, version).toBeUndefined();
      expect(p.eligibility.notSeriouslyListed!.source).toContain(
        '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
      );
      expect(p.eligibility.notSeriouslyListed!.source).toContain('限制申请财政性资金');
      // Every rule that asked for the grade asks instead for the listing; the others are as they were.
      const before = policies.find((x) => x.policyKey === p.policyKey && x.effectiveFrom < '2027-01')!;
      expect(p.rules.map((r) => [r.id, r.requires])).toEqual(
        before.rules.map((r) => [r.id, r.requires.map((c) => (c === 'credit_grade' ? 'not_seriously_listed' : c))]),
      );
      expect(p.rules.map((r) => [r.id, r.params])).toEqual(before.rules.map((r) => [r.id, r.params]));
    }
    // No version the platform ships from 2027 refuses a grade anywhere.
    const cited = policies.filter((p) => p.effectiveFrom >= '2027-01').map((p) => JSON.stringify(p));
    for (const text of cited) expect(text).not.toMatch(/C、D 级/);
  });

  it('refuses a rule of an unknown kind, a missing or misplaced parameter, a rule without source', async () => {
    const unknownKind = hangzhou();
    (unknownKind.rules[0] as { kind: string }).kind = 'per_child_flat';
    expect((await problemsOf(unknownKind)).fields).toEqual(['rules.0.kind']);

    const missing = hangzhou();
    delete (missing.rules[0]!.params as Record<string, unknown>).attendanceProRata;
    const m = await problemsOf(missing);
    expect(m).toMatchObject({ code: 'POLICY_INVALID', fields: ['rules.0.params.attendanceProRata'] });
    expect(m.message).toContain('缺少参数 attendanceProRata');

    // The OpenFisca lesson: a key in the wrong place must not be silently ignored.
    const misplaced = hangzhou();
    (misplaced.rules[0]!.params as Record<string, unknown>).amountFen = 30_000;
    expect((await problemsOf(misplaced)).fields).toEqual(['rules.0.params.amountFen']);

    const badClass = hangzhou();
    (badClass.rules[0]!.params as { amountFenByClass: Record<string, unknown> }).amountFenByClass = { infant: 90_000, nursery: 1, toddler: 600.5 };
    expect((await problemsOf(badClass)).fields.sort()).toEqual(['rules.0.params.amountFenByClass.nursery', 'rules.0.params.amountFenByClass.toddler']);

    const noSource = hangzhou();
    noSource.rules[0]!.source = '';
    expect((await problemsOf(noSource)).fields).toEqual(['rules.0.source']);
  });

  it('refuses a condition a rule requires but the policy does not define, and a budget over unknown rules', async () => {
    const doc = hangzhou();
    delete doc.eligibility.creditGrade;
    doc.budget = { annualCapFen: 100_000, rules: ['OPERATING', 'NOPE'], method: 'pro_rata_largest_remainder', source: '测试：年度预算 1,000 元' };
    expect((await problemsOf(doc)).fields.sort()).toEqual(['budget.rules.1', 'rules.0.requires']);
  });

  it('refuses unknown fields and malformed months through the request contract', async () => {
    const doc = { ...hangzhou(), effectiveFrom: '2025-13', extra: true } as unknown as PolicyDocument;
    const p = await problemsOf(doc);
    expect(p.code).toBe('VALIDATION');
    expect(p.fields.sort()).toEqual(['effectiveFrom', 'extra']);
    const backwards = { ...hangzhou(), effectiveFrom: '2026-05', effectiveTo: '2026-01' };
    expect((await problemsOf(backwards)).fields).toEqual(['effectiveTo']);
  });

  it('refuses overlapping versions of one policy', async () => {
    const first = hangzhou();
    const overlapping = { ...hangzhou(), version: 'hangzhou-inclusive-operating/2024.1', effectiveFrom: '2023-01' };
    expect(await checkPolicyDocuments([first, overlapping]).catch((e: DomainError) => e.code)).toBe('POLICY_PERIOD_OVERLAP');
    const closed = { version: 'x/2025.1', effectiveFrom: '2025-01', effectiveTo: '2025-12' };
    expect(() => assertNoOverlap([closed], { version: 'x/2025.2', effectiveFrom: '2025-06', effectiveTo: null })).toThrow(/重叠/);
    expect(() => assertNoOverlap([closed], { version: 'x/2024.1', effectiveFrom: '2024-01', effectiveTo: '2024-12' })).toThrow(/新版本须晚于/);
    expect(() => assertNoOverlap([closed], { version: 'x/2026.1', effectiveFrom: '2026-01', effectiveTo: null })).not.toThrow();
  });

  it('finds the version in force for a month: an open version runs until the next starts; a closed one ends', () => {
    const v = (version: string, effectiveFrom: string, effectiveTo: string | null) => ({ policyKey: 'p', version, effectiveFrom, effectiveTo });
    const all = [v('p/2025.1', '2025-01', null), v('p/2026.1', '2026-01', '2026-06')];
    expect(versionsInForce(all, '2024-12').map((x) => x.version)).toEqual([]);
    expect(versionsInForce(all, '2025-12').map((x) => x.version)).toEqual(['p/2025.1']);
    expect(versionsInForce(all, '2026-06').map((x) => x.version)).toEqual(['p/2026.1']);
    expect(versionsInForce(all, '2026-07').map((x) => x.version)).toEqual([]); // expired: no rule applies
  });

  it('requires the version to be named after the policy', () => {
    const doc = { ...hangzhou(), version: 'other/2025.1' };
    expect(() => loadPolicy(doc)).toThrow(/版本号应以政策标识/);
  });
});

describe('policies by jurisdiction', () => {
  const district = (rule: Record<string, unknown>): PolicyDocument => ({
    ...hangzhou(),
    policyKey: 'district-operating',
    version: 'district-operating/2026.1',
    divisionCode: '330106',
    effectiveFrom: '2026-01',
    rules: [{ ...hangzhou().rules[0]!, ...rule }],
  });
  const paying = (policies: ReturnType<typeof loadPolicy>[], divisionCode: string, month: string) =>
    effectivePolicies(policies, divisionCode, month).flatMap((p) => p.rules.map((r) => `${p.version}:${r.id}`));

  it("applies a policy only inside its own division, and a district's replacement instead of the city's rule", async () => {
    const builtIn = await loadBuiltInPolicies();
    const replacing = loadPolicy(district({ composition: 'replaces' }));
    expect(paying([...builtIn, replacing], '371002', '2026-03')).toEqual([
      'huancui-childcare-support/2023.1:CHILD_FEE',
      'huancui-childcare-support/2023.1:OPENING_GRANT',
    ]);
    expect(paying([...builtIn, replacing], '330105', '2026-03')).toEqual(['hangzhou-inclusive-operating/2023.1:OPERATING']);
    expect(paying([...builtIn, replacing], '330106109', '2026-03')).toEqual(['district-operating/2026.1:OPERATING']);
    // Before the district's policy starts, the city's rule pays there too.
    expect(paying([...builtIn, replacing], '330106109', '2025-12')).toEqual(['hangzhou-inclusive-operating/2023.1:OPERATING']);
    // A rule that adds pays beside the city's.
    expect(paying([...builtIn, loadPolicy(district({ composition: 'adds' }))], '330106109', '2026-03').sort()).toEqual([
      'district-operating/2026.1:OPERATING',
      'hangzhou-inclusive-operating/2023.1:OPERATING',
    ]);
  });

  it('disables a rule from above only with a reason and without parameters', async () => {
    const disabling = district({ composition: 'disables', reason: '本区另行发放，不适用市级运营补助' });
    delete (disabling.rules[0] as Partial<PolicyDocument['rules'][number]>).kind;
    delete (disabling.rules[0] as Partial<PolicyDocument['rules'][number]>).params;
    delete (disabling.rules[0] as Partial<PolicyDocument['rules'][number]>).requires;
    const builtIn = await loadBuiltInPolicies();
    expect(paying([...builtIn, loadPolicy(disabling)], '330106109', '2026-03')).toEqual([]);
    const noReason = { ...disabling, rules: [{ ...disabling.rules[0]!, reason: undefined }] } as PolicyDocument;
    expect((await problemsOf(noReason)).fields).toEqual(['rules.0.reason']);
    const withParams = district({ composition: 'disables', reason: '本区另行发放，不适用市级运营补助' });
    expect((await problemsOf(withParams)).fields.sort()).toEqual(['rules.0.kind', 'rules.0.params', 'rules.0.requires']);
  });
});
