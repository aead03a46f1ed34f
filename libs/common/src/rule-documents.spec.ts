import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { DomainError } from './errors.js';
import {
  assertMayPublishRules,
  checkNewVersion,
  checkRuleDocument,
  diffRuleSets,
  jurisdictionChain,
  NATIONAL_JURISDICTION,
  resolveRules,
  type RuleDocument,
  type RuleEntry,
} from './rule-documents.js';

type Body = { amount: number };
const source = [{ title: '测试用规范性文件', documentNo: '测〔2025〕1号', article: '第三条' }];

function doc(
  jurisdiction: string,
  key: string,
  rules: RuleEntry<Body>[],
  from = '2025-01-01',
  to: string | null = null,
  version = `${key}/2025.1`,
): RuleDocument<Body> {
  return { family: 'subsidy', documentKey: key, version, jurisdiction, title: `文件 ${key}`, sources: source, effectiveFrom: from, effectiveTo: to, rules };
}
const adds = (key: string, amount: number): RuleEntry<Body> => ({ key, title: `规则 ${key}`, composition: 'adds', sources: source, body: { amount } });
const replaces = (key: string, amount: number): RuleEntry<Body> => ({ key, title: `规则 ${key}`, composition: 'replaces', sources: source, body: { amount } });

const national = doc(NATIONAL_JURISDICTION, 'national-allowance', [adds('ALLOWANCE', 300)]);
const city = doc('330100', 'city-operating', [adds('OPERATING', 900)]);
const district = doc('330106', 'district-operating', [replaces('OPERATING', 600), adds('SECOND_CHILD', 300)], '2026-01-01');
const otherCity = doc('371000', 'weihai-operating', [adds('OPERATING', 500)]);
const all = [national, city, district, otherCity];

const amounts = (set: { rules: { key: string; body: Body }[] }) => set.rules.map((r) => `${r.key}=${r.body.amount}`).sort();

describe('jurisdictions', () => {
  it('chains national, province, city, county and street for a street code', () => {
    expect(jurisdictionChain('330106109')).toEqual([NATIONAL_JURISDICTION, '330000', '330100', '330106', '330106109']);
    expect(jurisdictionChain('330100')).toEqual([NATIONAL_JURISDICTION, '330000', '330100']);
    expect(jurisdictionChain('330000')).toEqual([NATIONAL_JURISDICTION, '330000']);
  });
});

describe('resolveRules', () => {
  it("applies only the documents of the division's own chain: another city's rule judges nobody here", () => {
    expect(amounts(resolveRules('subsidy', all, '330102', '2026-03-01'))).toEqual(['ALLOWANCE=300', 'OPERATING=900']);
    expect(amounts(resolveRules('subsidy', all, '371002', '2026-03-01'))).toEqual(['ALLOWANCE=300', 'OPERATING=500']);
  });

  it("lets a district replace the city's rule for itself, naming what it replaced", () => {
    const set = resolveRules('subsidy', all, '330106109', '2026-03-01');
    expect(amounts(set)).toEqual(['ALLOWANCE=300', 'OPERATING=600', 'SECOND_CHILD=300']);
    const operating = set.rules.find((r) => r.key === 'OPERATING')!;
    expect(operating.from).toMatchObject({
      documentKey: 'district-operating',
      jurisdiction: '330106',
      level: 'county',
      jurisdictionName: '浙江省杭州市西湖区',
    });
    expect(operating.replaced).toEqual([
      expect.objectContaining({ key: 'OPERATING', from: expect.objectContaining({ documentKey: 'city-operating', level: 'city' }) }),
    ]);
  });

  it('uses the rules in force on the date: before the district document the city rule applies', () => {
    expect(amounts(resolveRules('subsidy', all, '330106', '2025-12-31'))).toEqual(['ALLOWANCE=300', 'OPERATING=900']);
  });

  it('stacks a rule that adds to the same key, and picks the version of a document in force', () => {
    const addsToo = doc('330106', 'district-top-up', [adds('OPERATING', 100)], '2025-01-01', '2025-06-30');
    const next = doc('330106', 'district-top-up', [adds('OPERATING', 150)], '2025-07-01', null, 'district-top-up/2025.2');
    expect(amounts(resolveRules('subsidy', [city, addsToo, next], '330106', '2025-03-01'))).toEqual(['OPERATING=100', 'OPERATING=900']);
    expect(amounts(resolveRules('subsidy', [city, addsToo, next], '330106', '2025-09-01'))).toEqual(['OPERATING=150', 'OPERATING=900']);
  });

  it('disables a rule from above with its reason, and records an explicit inheritance', () => {
    const street = doc(
      '330106109',
      'street-rules',
      [
        { key: 'SECOND_CHILD', title: '不适用', composition: 'disables', reason: '本镇由区级统一发放', sources: source },
        { key: 'ALLOWANCE', title: '沿用国家育儿补贴', composition: 'inherits', sources: [] },
      ],
      '2026-02-01',
    );
    const set = resolveRules('subsidy', [...all, street], '330106109', '2026-03-01');
    expect(amounts(set)).toEqual(['ALLOWANCE=300', 'OPERATING=600']);
    expect(set.disabled).toEqual([
      expect.objectContaining({
        key: 'SECOND_CHILD',
        reason: '本镇由区级统一发放',
        was: [expect.objectContaining({ from: expect.objectContaining({ documentKey: 'district-operating' }) })],
      }),
    ]);
    expect(set.rules.find((r) => r.key === 'ALLOWANCE')!.inheritedBy.map((r) => r.documentKey)).toEqual(['street-rules']);
    // The neighbouring street is untouched by it.
    expect(amounts(resolveRules('subsidy', [...all, street], '330106001', '2026-03-01'))).toContain('SECOND_CHILD=300');
  });

  it('ends an open version when a later one starts, even if the later one has ended since', () => {
    const first = doc('330106', 'district-pilot', [adds('PILOT', 100)], '2025-01-01', null);
    const second = doc('330106', 'district-pilot', [adds('PILOT', 200)], '2025-07-01', '2025-09-30', 'district-pilot/2025.2');
    expect(amounts(resolveRules('subsidy', [first, second], '330106', '2025-08-01'))).toEqual(['PILOT=200']);
    expect(amounts(resolveRules('subsidy', [first, second], '330106', '2025-10-01'))).toEqual([]);
  });

  it('ignores documents of another family', () => {
    expect(resolveRules('filing', all, '330106', '2026-03-01').rules).toEqual([]);
  });
});

describe('diffRuleSets', () => {
  it('tells two dates and two divisions apart key by key', () => {
    const dates = diffRuleSets(resolveRules('subsidy', all, '330106', '2025-12-01'), resolveRules('subsidy', all, '330106', '2026-03-01'));
    expect(dates.added.map((r) => r.key)).toEqual(['SECOND_CHILD']);
    expect(dates.changed.map((c) => [c.key, c.before[0]!.body.amount, c.after[0]!.body.amount])).toEqual([['OPERATING', 900, 600]]);
    expect(dates.removed).toEqual([]);
    expect(dates.unchanged).toBe(1);
    const places = diffRuleSets(resolveRules('subsidy', all, '330106', '2026-03-01'), resolveRules('subsidy', all, '371002', '2026-03-01'));
    expect(places.removed.map((r) => r.key)).toEqual(['SECOND_CHILD']);
    expect(places.changed.map((c) => c.key)).toEqual(['OPERATING']);
  });
});

describe('checkRuleDocument', () => {
  const positive = (body: Body, at: string, problems: { field: string; code: string; message: string }[]) => {
    if (!(body.amount > 0)) problems.push({ field: `${at}.amount`, code: 'RULE_DOCUMENT_INVALID', message: '金额应为正数' });
  };

  it('accepts a well-formed document', () => {
    expect(checkRuleDocument(district, positive)).toBe(district);
  });

  it('names every problem by field: envelope, composition, keys and the body check', () => {
    const bad = {
      ...doc('33010', 'Bad Key', [
        adds('DUP', 1),
        adds('DUP', -1),
        { key: 'OFF', title: '停用', composition: 'disables', sources: source } as RuleEntry<Body>,
        { key: 'EMPTY', title: '无内容', composition: 'replaces', sources: source } as RuleEntry<Body>,
      ]),
      sources: [],
      effectiveTo: '2024-01-01',
    };
    try {
      checkRuleDocument(bad, positive);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('RULE_DOCUMENT_INVALID');
      expect((e as DomainError).details?.map((p) => p.field).sort()).toEqual(
        ['documentKey', 'effectiveTo', 'jurisdiction', 'rules.1.body.amount', 'rules.1.key', 'rules.2.reason', 'rules.3.body', 'sources'].sort(),
      );
    }
  });
});

describe('assertMayPublishRules', () => {
  const official = (department: Actor['department'], divisions: string[]): Actor => ({ department, role: 'official', userId: 'u', divisions });
  const code = (f: () => void) => {
    try {
      f();
      return 'allowed';
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('lets an official publish its own families inside its own divisions only', () => {
    expect(code(() => assertMayPublishRules(official('health', ['330106']), 'filing', '330106'))).toBe('allowed');
    expect(code(() => assertMayPublishRules(official('health', ['330106']), 'filing', '330106109'))).toBe('allowed');
    expect(code(() => assertMayPublishRules(official('health', ['330106']), 'filing', '330100'))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(code(() => assertMayPublishRules(official('market', ['371002']), 'inspection', '330106'))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(code(() => assertMayPublishRules(official('market', ['371002']), 'inspection', NATIONAL_JURISDICTION))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(code(() => assertMayPublishRules(official('market', ['371002']), 'subsidy', '371002'))).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(code(() => assertMayPublishRules({ department: 'operator', role: 'operator', userId: 'o', divisions: ['330106'] }, 'subsidy', '330106'))).toBe(
      'DEPARTMENT_NOT_ALLOWED',
    );
  });

  it('leaves national documents to the platform admin', () => {
    expect(code(() => assertMayPublishRules({ department: 'admin', role: 'admin', userId: 'a', divisions: [] }, 'credit', NATIONAL_JURISDICTION))).toBe(
      'allowed',
    );
  });
});

describe('checkNewVersion', () => {
  const refusal = (f: () => void) => {
    try {
      f();
      return 'allowed';
    } catch (e) {
      const d = e as DomainError;
      return `${d.code} ${d.details?.[0]?.field}`;
    }
  };
  const next = (over: Partial<RuleDocument<Body>> = {}) => ({ ...district, version: 'district-operating/2026.2', effectiveFrom: '2026-07-01', ...over });

  it('takes the next version of a key, in its jurisdiction, starting after the latest and not in the past', () => {
    expect(refusal(() => checkNewVersion(next(), all, '2026-06-30'))).toBe('allowed');
    expect(refusal(() => checkNewVersion(next({ effectiveFrom: '2026-06-30' }), all, '2026-06-30'))).toBe('allowed');
  });

  it('refuses an existing version, another jurisdiction or family for the key, a start before the latest, a start in the past', () => {
    expect(refusal(() => checkNewVersion(next({ version: district.version }), all))).toBe('RULE_DOCUMENT_VERSION_EXISTS version');
    expect(refusal(() => checkNewVersion(next({ jurisdiction: '330105' }), all))).toBe('RULE_DOCUMENT_INVALID jurisdiction');
    expect(refusal(() => checkNewVersion(next({ family: 'staff' }), all))).toBe('RULE_DOCUMENT_INVALID documentKey');
    expect(refusal(() => checkNewVersion(next({ effectiveFrom: '2026-01-01' }), all))).toBe('RULE_DOCUMENT_INVALID effectiveFrom');
    expect(refusal(() => checkNewVersion(next({ effectiveFrom: '2026-06-29' }), all, '2026-06-30'))).toBe('RULE_DOCUMENT_INVALID effectiveFrom');
  });
});
