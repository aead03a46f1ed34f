import fs from 'node:fs';
import { formatRuleSource, resolveRules } from '@shanyu/common';
import { CLASS_TYPES, CREDENTIAL_TYPES, STAFF_ROLES } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { loadStaffRules, parseStaffRules, STAFF_RULES_FILE, type StaffRuleDocument, staffRulesProblems, wholeSetProblems } from './staff-rules.js';

const shipped = () => JSON.parse(fs.readFileSync(STAFF_RULES_FILE, 'utf8'));
const book = loadStaffRules();
const on = '2026-06-15';
/** 西湖区 三墩镇 and 西湖区 itself: the district's 持证率 target applies. */
const XIHU_STREET = '330106109';
/** 环翠区 (威海) and 上城区 (杭州, beside 西湖区): no target of their own. */
const HUANCUI = '371002';
const SHANGCHENG = '330102';

describe('staff rules file (services/staff/rules/staff-rules.json): rule documents of the family staff', () => {
  it('loads, the national rules whole: every credential type, role and class type, each rule with its source', () => {
    const rules = book.for('000000', on);
    expect(rules.version).toBe('staff-standards/2019.1+staff-vetting/2021.1+family-childcare-points/2023.1');
    expect(Object.keys(rules.credentialTypes).sort()).toEqual([...CREDENTIAL_TYPES].sort());
    expect(rules.roleRequirements.map((r) => r.role).sort()).toEqual([...STAFF_ROLES].sort());
    expect(rules.ratios.map((r) => r.classType).sort()).toEqual([...CLASS_TYPES].sort());
    for (const r of rules.roleRequirements) expect(r.source.length).toBeGreaterThan(4);
  });

  it('has the national ratios (设置标准 第二十条), the refusals and the yearly re-check (未成年人保护法 第六十二条), and no national 持证率 target', () => {
    const rules = book.for('000000', on);
    const ratio = Object.fromEntries(rules.ratios.map((r) => [r.classType, r.childrenPerCarer]));
    expect(ratio).toMatchObject({ infant: 3, toddler: 5, older: 7 });
    expect(rules.ratios.find((r) => r.classType === 'infant')!.source).toBe('《托育机构设置标准（试行）》 国卫人口发〔2019〕58号 第二十条');
    expect(rules.recheck).toMatchObject({ intervalMonths: 12, source: expect.stringContaining('第六十二条') });
    expect(rules.vetting).toMatchObject({ refuseBanned: true, refuseCriminalRecord: true });
    expect(rules.credentialTypes.health_certificate).toMatchObject({ kind: 'health', validityMonths: 12, source: expect.stringContaining('第十四条') });
    const carer = rules.roleRequirements.find((r) => r.role === 'carer')!;
    expect(carer.requires.map((r) => r.anyOf)).toEqual([['childcare_worker', 'infant_carer'], ['health_certificate']]);
    expect(rules.certificateRateTarget).toBeNull();
  });

  it('national documents cite national documents only', () => {
    const national = (shipped().documents as StaffRuleDocument[]).filter((d) => d.jurisdiction === '000000');
    expect(national.map((d) => d.version)).toEqual(['staff-standards/2019.1', 'staff-vetting/2021.1', 'family-childcare-points/2023.1']);
    const cited = national.flatMap((d) => [...d.sources, ...d.rules.flatMap((r) => r.sources)]).map(formatRuleSource);
    expect(cited.join('；')).not.toMatch(/西湖|西政办函|杭州|浙江|威海|环翠/);
  });

  it('fails loudly on a key in the wrong place, a missing source, an unknown type, a missing class type or a target that is not in basis points', () => {
    const file = shipped();
    const standards = file.documents[0];
    const rule = (key: string) => standards.rules.find((r: { key: string }) => r.key === key);
    rule('ratio.infant').body.childrenPerCarrer = 3; // misspelt: must not be ignored
    rule('credential.driving_licence').sources = [];
    rule('role.carer').body.requires[0].push('pilot_licence');
    standards.rules = standards.rules.filter((r: { key: string }) => r.key !== 'ratio.mixed');
    file.documents[2].rules[0].body.targetBp = 0.9; // a share where basis points are meant
    const problems = staffRulesProblems(file);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/staff-standards\/2019\.1\)\.rules\.\d+\.body\.childrenPerCarrer: 未知的键 childrenPerCarrer/),
        expect.stringMatching(/staff-standards\/2019\.1\)\.rules\.\d+\.sources: 至少写明一个依据/),
        expect.stringMatching(/rules\.\d+\.body\.requires\.0: 未知的证书类型 pilot_licence/),
        expect.stringMatching(/xihu-staff-targets\/2021\.1\)\.rules\.0\.body\.targetBp: 应为 1–10000 的整数/),
      ]),
    );
    expect(() => parseStaffRules(JSON.stringify(file), 'test.json')).toThrow(/test\.json[\s\S]*childrenPerCarrer/);
    expect(() => parseStaffRules('{', 'test.json')).toThrow(/not valid JSON/);
    // Once every document checks, a set that is not whole is refused too.
    const missing = shipped();
    missing.documents[0].rules = missing.documents[0].rules.filter((r: { key: string }) => r.key !== 'ratio.mixed');
    expect(staffRulesProblems(missing)).toEqual(expect.arrayContaining([expect.stringMatching(/no ratio for class type mixed/)]));
  });

  it('refuses a role listed twice or missing', () => {
    const file = shipped();
    const standards = file.documents[0];
    standards.rules.push({ ...standards.rules.find((r: { key: string }) => r.key === 'role.carer'), key: 'role.carer-2' });
    standards.rules = standards.rules.filter((r: { key: string }) => r.key !== 'role.guard');
    expect(staffRulesProblems(file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/role carer: 2 rules in force/), expect.stringMatching(/no rule for role guard/)]),
    );
  });
});

describe("西湖区's 持证率 target is 西湖区's", () => {
  it('applies in 西湖区 and its streets, with the district notice as its source', () => {
    for (const division of ['330106', XIHU_STREET]) {
      const rules = book.for(division, on);
      expect(rules.certificateRateTarget).toMatchObject({
        value: 0.9,
        targetBp: 9000,
        byYear: 2025,
        jurisdiction: '330106',
        jurisdictionName: '浙江省杭州市西湖区',
        source: expect.stringContaining('西政办函〔2021〕15号 一（二）'),
      });
      expect(rules.certificateRateTarget!.source).toContain('持证率达到90%以上');
      expect(rules.version).toBe('staff-standards/2019.1+staff-vetting/2021.1+family-childcare-points/2023.1+xihu-staff-targets/2021.1');
    }
  });

  it('is no target in 环翠区, in the next district of the same city, in the city or nationally', () => {
    for (const division of [HUANCUI, `${HUANCUI}001`, SHANGCHENG, '330100', '000000']) expect(book.for(division, on).certificateRateTarget).toBeNull();
  });

  it('leaves every other rule as the national one: ratios and vetting do not change across the border', () => {
    const xihu = book.for(XIHU_STREET, on);
    const huancui = book.for(HUANCUI, on);
    expect(xihu.ratios).toEqual(huancui.ratios);
    expect(xihu.recheck).toEqual(huancui.recheck);
    expect(xihu.roleRequirements).toEqual(huancui.roleRequirements);
  });

  it('resolves with provenance: the target comes from the district, the ratios from the national standard', () => {
    const resolved = resolveRules('staff', book.documents, XIHU_STREET, on);
    const target = resolved.rules.find((r) => r.key === 'certificate-rate-target')!;
    expect(target.from).toMatchObject({ version: 'xihu-staff-targets/2021.1', jurisdiction: '330106', level: 'county' });
    expect(resolved.rules.find((r) => r.key === 'ratio.infant')!.from).toMatchObject({ version: 'staff-standards/2019.1', level: 'national' });
    expect(resolveRules('staff', book.documents, HUANCUI, on).rules.some((r) => r.key === 'certificate-rate-target')).toBe(false);
  });

  it('judges days before the first whole national set by that set', () => {
    expect(book.firstDay).toBe('2021-06-01');
    expect(book.for('000000', '2020-01-01').recheck.intervalMonths).toBe(12);
  });
});

describe('a document published for a division keeps whole sets everywhere (wholeSetProblems)', () => {
  const source = [{ title: '测试用区级从业人员规定', documentNo: '测〔2026〕1号' }];
  const district = (rules: StaffRuleDocument['rules']): StaffRuleDocument => ({
    family: 'staff',
    documentKey: 'huancui-test-staff',
    version: 'huancui-test-staff/2026.1',
    jurisdiction: HUANCUI,
    title: '测试：区级从业人员规则',
    sources: source,
    effectiveFrom: '2026-08-01',
    effectiveTo: null,
    rules,
  });

  it('takes a district ratio that replaces the national one', () => {
    const stricter = district([
      {
        key: 'ratio.toddler',
        title: '托小班 1:4',
        composition: 'replaces',
        sources: source,
        body: { kind: 'ratio', classType: 'toddler', childrenPerCarer: 4 },
      },
    ]);
    expect(wholeSetProblems([...book.documents, stricter])).toEqual([]);
  });

  it('refuses one that leaves a class type without a ratio, or adds a second ratio beside the national one, saying so in Chinese', () => {
    const gap = district([{ key: 'ratio.toddler', title: '停用托小班配比', composition: 'disables', reason: '测试：停用国家配比', sources: source }]);
    expect(wholeSetProblems([...book.documents, gap], true)).toEqual([
      expect.stringMatching(/^山东省威海市环翠区自 2026-\d\d-\d\d 起：班型 toddler 没有师生比规则$/),
    ]);
    const twice = district([
      { key: 'ratio.toddler-2', title: '托小班 1:4', composition: 'adds', sources: source, body: { kind: 'ratio', classType: 'toddler', childrenPerCarer: 4 } },
    ]);
    expect(wholeSetProblems([...book.documents, twice], true)).toEqual([expect.stringMatching(/toddler 有 2 条规则同时适用/)]);
    expect(wholeSetProblems([...book.documents, twice])).toEqual([expect.stringMatching(/^371002 on 2026-\d\d-\d\d: ratio toddler: 2 rules in force/)]);
  });
});
