import { randomUUID } from 'node:crypto';
import { formatRuleSource, resolveRules, type RuleEntry } from '@shanyu/common';
import { CREDIT_EVENT_TYPES, type CreditEventType } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { type CreditRuleBody, type CreditRuleDocument, CreditModelError, loadCreditModels } from './credit-model.js';
import {
  CREDIT_MODEL_2023,
  CREDIT_MODEL_2026,
  CREDIT_MODEL_2026_2,
  CREDIT_RULE_DOCUMENTS,
  HUANCUI_CREDIT_SCHEME,
  WEIHAI_CREDIT_SCHEME,
} from './credit-models.data.js';
import { evaluate, judge, type LedgerEntry } from './evaluate.js';

const models = loadCreditModels(CREDIT_RULE_DOCUMENTS);
/** 西湖区 三墩镇: no credit scheme of its own. */
const XIHU = '330106109';
/** 环翠区 环翠楼街道: 威海's scheme, carried out by 环翠区's own. */
const HUANCUI = '371002001';
/** 文登区: 威海's scheme, no district document. */
const WENDENG = '371003';

const clone = <T>(v: T): T => structuredClone(v);
type Rule = RuleEntry<CreditRuleBody>;
const ruleOf = (doc: CreditRuleDocument, key: string) => doc.rules.find((r) => r.key === key)! as Rule & { body: Record<string, unknown> };
/** The shipped documents with the 2026 national version changed. */
const broken = (change: (doc: CreditRuleDocument) => void, extra: CreditRuleDocument[] = []) => {
  const doc = clone(CREDIT_MODEL_2026);
  change(doc);
  return () => loadCreditModels([CREDIT_MODEL_2023, doc, WEIHAI_CREDIT_SCHEME, HUANCUI_CREDIT_SCHEME, ...extra]);
};
const local = (overrides: Partial<CreditRuleDocument>): CreditRuleDocument => ({
  family: 'credit',
  documentKey: 'test-scheme',
  version: 'test-scheme/2026.1',
  jurisdiction: '330106',
  title: '测试用区级信用方案',
  sources: [{ title: '测试用区级信用方案' }],
  effectiveFrom: '2026-08-01',
  effectiveTo: null,
  rules: [],
  ...overrides,
});

describe('credit model as rule documents: the loader', () => {
  it('makes a whole national default model of each version: every event type scored once, each rule with its source', () => {
    for (const [on, version] of [
      ['2026-06-30', 'credit-model/2023.1'],
      ['2026-07-01', 'credit-model/2026.1'],
    ] as const) {
      const model = models.for('000000', on)!;
      expect(model).toMatchObject({ version, jurisdiction: '000000', jurisdictionName: '全国' });
      expect(model.rules.map((r) => r.eventType).sort()).toEqual([...CREDIT_EVENT_TYPES].sort());
      for (const rule of model.rules) expect(rule.source.length).toBeGreaterThan(10);
      expect(model.grades.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D']);
    }
    expect(models.for('000000', '2022-12-31')).toBeNull();
    expect(models.judging(XIHU, '2020-05-01').version).toBe('credit-model/2023.1');
  });

  it('the national default cites national documents only, and says its points are the platform’s', () => {
    for (const doc of [CREDIT_MODEL_2023, CREDIT_MODEL_2026]) {
      const cited = [...doc.sources, ...doc.rules.flatMap((r) => r.sources)].map(formatRuleSource).join('；');
      expect(cited).not.toMatch(/威海|环翠|京卫|北京|西湖|杭州|山东/);
      expect(cited).toContain('国办发〔2019〕35号');
    }
    const rule = models.for(XIHU, '2026-07-01')!.rules.find((r) => r.id === 'RATIO_BREACHED')!;
    expect(rule.source).toContain('《托育机构设置标准（试行）》 国卫人口发〔2019〕58号 第二十条');
    expect(rule.source).toContain('平台默认分值');
  });

  it('the "D anywhere" triggers are a ban on current staff, a suspension, a revocation and a critical finding left overdue', () => {
    const triggers = (on: string) =>
      models
        .for('000000', on)!
        .rules.filter((r) => r.dTrigger)
        .map((r) => r.eventType)
        .sort();
    expect(triggers('2025-01-01')).toEqual(['finding_overdue.critical', 'penalty_issued.revocation', 'penalty_issued.suspension', 'staff_ban_matched']);
    expect(triggers('2026-07-01')).toEqual(triggers('2025-01-01'));
  });

  const cases: [string, () => unknown, RegExp][] = [
    [
      'a misplaced key (point instead of points)',
      broken((doc) => {
        const r = ruleOf(doc, 'FINDING_MAJOR');
        r.body.point = r.body.points;
        delete r.body.points;
      }),
      /body\.point：未知的键 point[\s\S]*body\.points：缺少 points/,
    ],
    [
      'a rule without a source',
      broken((doc) => {
        ruleOf(doc, 'BAN_MATCHED').sources = [];
      }),
      /sources：至少写明一个依据/,
    ],
    [
      'an event type without a rule',
      broken((doc) => {
        doc.rules = doc.rules.filter((r) => r.key !== 'RATIO_BREACHED');
      }),
      /no rule for event type staff_ratio_breached/,
    ],
    [
      'two rules for one event type',
      broken((doc) => {
        doc.rules = [...doc.rules, { ...ruleOf(doc, 'FINDING_MINOR'), key: 'FINDING_MINOR_2' }];
      }),
      /2 rules for event type finding_recorded\.minor/,
    ],
    [
      'an unknown event type',
      broken((doc) => {
        ruleOf(doc, 'FINDING_MINOR').body.eventType = 'finding_recorded.trivial';
      }),
      /未知的信用事项类型 finding_recorded\.trivial/,
    ],
    [
      'non-integer points',
      broken((doc) => {
        ruleOf(doc, 'FINDING_MINOR').body.points = -1.5;
      }),
      /分值应为 ±1000 以内的整数/,
    ],
    [
      'thresholds not descending',
      broken((doc) => {
        (ruleOf(doc, 'grading').body.grades as { minScore: number }[])[1]!.minScore = 95;
      }),
      /grades\.1\.minScore：分级线应为整数，且低于上一级/,
    ],
    [
      'a D threshold other than the minimum score',
      broken((doc) => {
        (ruleOf(doc, 'grading').body.grades as { minScore: number }[])[3]!.minScore = 10;
      }),
      /D 级分级线应等于最低分/,
    ],
    [
      'a decay step that keeps more than the last',
      broken((doc) => {
        ruleOf(doc, 'FINDING_MAJOR').body.decay = {
          from: 'correction',
          steps: [
            { afterDays: 10, keep: 0.5 },
            { afterDays: 20, keep: 0.8 },
          ],
        };
      }),
      /保留比例应在 0 与上一档之间/,
    ],
    [
      'decay from correction on a penalty',
      broken((doc) => {
        ruleOf(doc, 'PENALTY_FINE').body.decay = { from: 'correction', steps: [{ afterDays: 10, keep: 0 }] };
      }),
      /只有检查发现的问题才有整改/,
    ],
    [
      'repair of a positive entry',
      broken((doc) => {
        ruleOf(doc, 'FILING_APPROVED').body.repair = { allowed: true, minDays: 0 };
      }),
      /只有扣分事项可以信用修复/,
    ],
    [
      'a repair that scores',
      broken((doc) => {
        ruleOf(doc, 'CREDIT_REPAIRED').body.points = 5;
      }),
      /信用修复本身不计分/,
    ],
    [
      'a D trigger without days',
      broken((doc) => {
        ruleOf(doc, 'BAN_MATCHED').body.dTrigger = {};
      }),
      /D 触发天数应为正整数/,
    ],
    [
      'a start score outside the range',
      broken((doc) => {
        ruleOf(doc, 'grading').body.startScore = 120;
      }),
      /起始分应在最低分与最高分之间/,
    ],
    [
      'an unknown key in the grading',
      broken((doc) => {
        ruleOf(doc, 'grading').body.thresholds = {};
      }),
      /未知的键 thresholds/,
    ],
    [
      'an unknown kind of rule',
      broken((doc) => {
        ruleOf(doc, 'measure.A.inspection').body.kind = 'bonus';
      }),
      /未知的信用规则类型 bonus/,
    ],
    [
      'a measure without a source',
      broken((doc) => {
        ruleOf(doc, 'measure.A.inspection').sources = [];
      }),
      /rules\.\d+\.sources：至少写明一个依据/,
    ],
    [
      'the same version twice',
      () => loadCreditModels([...CREDIT_RULE_DOCUMENTS, { ...CREDIT_MODEL_2023, effectiveFrom: '2024-01-01' }]),
      /duplicate credit model version/,
    ],
    [
      "a district scoring an event type beside the nation's instead of replacing it",
      broken(() => undefined, [local({ rules: [{ ...ruleOf(CREDIT_MODEL_2026, 'FINDING_MAJOR'), key: 'XIHU_FINDING_MAJOR' }] })]),
      /the credit rules in force in 330106 on 2026-08-01 make no model[\s\S]*2 rules for event type finding_recorded\.major/,
    ],
    [
      'a second grading added below',
      broken(() => undefined, [local({ rules: [{ ...ruleOf(CREDIT_MODEL_2026, 'grading'), key: 'grading-2' }] })]),
      /2 gradings in force/,
    ],
  ];

  it.each(cases)('refuses %s, loudly', (_what, load, message) => {
    expect(load).toThrow(CreditModelError);
    expect(load).toThrow(message);
  });
});

/** A ledger entry as the credit service records it for an institution of the division. */
function entry(divisionCode: string, eventType: CreditEventType, occurredOn: string): LedgerEntry {
  const { rule } = judge(models, eventType, occurredOn, divisionCode);
  return {
    id: randomUUID(),
    institutionId: randomUUID(),
    sourceEventId: randomUUID(),
    subject: 'evt.test.v1',
    eventType,
    occurredAt: `${occurredOn}T02:00:00.000Z`,
    occurredOn,
    ref: null,
    department: null,
    facts: {},
    ruleId: rule.id,
    points: rule.points,
    source: rule.source,
    modelVersion: rule.documentVersion,
  };
}

describe('credit due process in the model (2026.2)', () => {
  const withListing = (change: (body: Record<string, unknown>) => void) => () => {
    const doc = clone(CREDIT_MODEL_2026_2);
    change(ruleOf(doc, 'listing').body);
    return loadCreditModels([CREDIT_MODEL_2023, CREDIT_MODEL_2026, doc, WEIHAI_CREDIT_SCHEME, HUANCUI_CREDIT_SCHEME]);
  };

  it('labels grades as supervision classes from 2026-12-01, and keeps the earlier labels for earlier days', () => {
    expect(models.for(XIHU, '2026-11-30')!.grades.map((g) => g.label)).toEqual(['守信', '基本守信', '失信', '严重失信']);
    const now = models.for(XIHU, '2026-12-01')!;
    expect(now.version).toBe('credit-model/2026.2');
    expect(now.grades.map((g) => `${g.grade}${g.label}${g.minScore}`)).toEqual(['A优92', 'B良72', 'C中55', 'D差0']);
    // The scores are 2026.1's, now judged under 2026.2.
    expect(now.rules.find((r) => r.id === 'FINDING_CRITICAL')).toMatchObject({ points: -15, documentVersion: 'credit-model/2026.2' });
  });

  it('has a listing procedure only from 2026.2, grounded on the facts the law treats as serious, with its sources', () => {
    expect(models.for(XIHU, '2026-11-30')!.listing).toBeNull();
    for (const division of [XIHU, HUANCUI]) {
      expect(models.for(division, '2026-12-07')!.listing).toMatchObject({
        groundedBy: ['penalty_issued.suspension', 'penalty_issued.revocation', 'staff_ban_matched'],
        statementDays: 10,
        minPublicationDays: 365,
        maxPublicationDays: 1095,
        documentVersion: 'credit-model/2026.2',
      });
    }
    const source = models.for(XIHU, '2026-12-07')!.listing!.source;
    expect(source).toContain('国办发〔2020〕49号');
    expect(source).toContain('国家发展和改革委员会令2023年第58号');
    expect(source).toContain('陈述申辩');
  });

  it('refuses a listing rule that names an unknown event, inverted periods, a zero period or an unknown key', () => {
    expect(withListing((b) => (b.groundedBy = ['staff_ban_matched', 'parking_ticket']))).toThrow(/groundedBy\.1.*未知的信用事项类型 parking_ticket/);
    expect(withListing((b) => (b.groundedBy = []))).toThrow(/groundedBy/);
    expect(withListing((b) => (b.minPublicationDays = 2000))).toThrow(/maxPublicationDays.*最长公示期不得短于最短公示期/);
    expect(withListing((b) => (b.statementDays = 0))).toThrow(/statementDays/);
    expect(withListing((b) => (b.publishOnline = true))).toThrow(/未知的键 publishOnline/);
    expect(withListing(() => undefined)).not.toThrow();
  });
});

describe('which credit scheme applies where', () => {
  const on = '2026-08-01';

  it("an institution in 环翠区 is judged by 威海's scheme as 环翠区 carries it out", () => {
    const model = models.for(HUANCUI, on)!;
    expect(model).toMatchObject({ jurisdiction: '371002', jurisdictionName: '山东省威海市环翠区', version: 'credit-model/2026.1' });
    expect(model.documents.map((d) => [d.version, d.jurisdiction])).toEqual([
      ['credit-model/2026.1', '000000'],
      ['weihai-credit-scheme/2023.1', '371000'],
      ['huancui-credit-scheme/2023.1', '371002'],
    ]);
    expect(model.measures.D).toContainEqual({
      department: 'health',
      measure: '不得申报或保留示范性托育机构称号，普惠资格复核（失信联合惩戒）',
      source: '《威海市托育服务机构信用体系管理工作实施方案（试行）》',
    });
    // Every department's measures of the national default still apply beside the city's.
    expect(model.measures.D.map((m) => m.department).sort()).toEqual(['all', 'health', 'inspection', 'subsidy']);

    const resolved = resolveRules('credit', CREDIT_RULE_DOCUMENTS, HUANCUI, on);
    expect(resolved.chain.map((c) => c.jurisdiction)).toEqual(['000000', '370000', '371000', '371002', HUANCUI]);
    const health = resolved.rules.find((r) => r.key === 'measure.D.health')!;
    expect(health.from).toMatchObject({ version: 'weihai-credit-scheme/2023.1', level: 'city', jurisdictionName: '山东省威海市' });
    expect(health.inheritedBy.map((d) => d.version)).toEqual(['huancui-credit-scheme/2023.1']);
  });

  it("an institution in 西湖区 is not: the national default, without 威海's measures", () => {
    const model = models.for(XIHU, on)!;
    expect(model).toMatchObject({ jurisdiction: '000000', jurisdictionName: '全国', version: 'credit-model/2026.1' });
    expect(model.documents.map((d) => d.version)).toEqual(['credit-model/2026.1']);
    const cited = Object.values(model.measures)
      .flat()
      .map((m) => m.source)
      .join('；');
    expect(cited).not.toContain('威海');
    expect(model.measures.D.map((m) => m.department).sort()).toEqual(['all', 'inspection', 'subsidy']);
    expect(resolveRules('credit', CREDIT_RULE_DOCUMENTS, XIHU, on).rules.some((r) => r.from.jurisdiction !== '000000')).toBe(false);
  });

  it('the rest of 威海 has the city’s scheme without 环翠区’s document', () => {
    const model = models.for(WENDENG, on)!;
    expect(model.jurisdiction).toBe('371000');
    expect(model.documents.map((d) => d.version)).toEqual(['credit-model/2026.1', 'weihai-credit-scheme/2023.1']);
  });

  it('grades and explains each institution by its own division’s model, and says which', () => {
    const ledger = (division: string) => [entry(division, 'filing_approved', '2026-07-02'), entry(division, 'penalty_issued.fine', '2026-07-20')];
    const huancui = evaluate(ledger(HUANCUI), on, models, HUANCUI);
    const xihu = evaluate(ledger(XIHU), on, models, XIHU);
    // 威海's scheme adds measures, not points: the same facts score alike in both.
    expect([huancui.score, huancui.grade]).toEqual([72, 'B']);
    expect([xihu.score, xihu.grade]).toEqual([72, 'B']);
    expect(huancui.model.jurisdiction).toBe('371002');
    expect(huancui.explanation).toContain(
      '山东省威海市环翠区适用的信用评价模型（credit-model/2026.1、weihai-credit-scheme/2023.1、huancui-credit-scheme/2023.1）',
    );
    expect(xihu.explanation).toContain('全国适用的信用评价模型（credit-model/2026.1）');
    // The ledger keeps the version of the document each rule came from: the national default's.
    expect(ledger(HUANCUI).map((e) => e.modelVersion)).toEqual(['credit-model/2026.1', 'credit-model/2026.1']);
  });

  it('a district scheme that replaces a national rule judges the facts of its own division only', () => {
    const stricter = local({
      rules: [
        {
          key: 'RATIO_BREACHED',
          title: '保育人员配比低于标准（区级从严）',
          composition: 'replaces',
          sources: [{ title: '测试用区级信用方案' }],
          body: { ...(ruleOf(CREDIT_MODEL_2026, 'RATIO_BREACHED').body as CreditRuleBody), points: -8 } as CreditRuleBody,
        },
      ],
    });
    const withDistrict = loadCreditModels([...CREDIT_RULE_DOCUMENTS, stricter]);
    const here = judge(withDistrict, 'staff_ratio_breached', '2026-08-02', XIHU).rule;
    const there = judge(withDistrict, 'staff_ratio_breached', '2026-08-02', HUANCUI).rule;
    expect([here.points, here.documentVersion, here.jurisdiction]).toEqual([-8, 'test-scheme/2026.1', '330106']);
    expect([there.points, there.documentVersion]).toEqual([-5, 'credit-model/2026.1']);
    // Before the district's document took effect the national rule judged 西湖区 too.
    expect(judge(withDistrict, 'staff_ratio_breached', '2026-07-31', XIHU).rule.points).toBe(-5);
    expect(withDistrict.rule('test-scheme/2026.1', 'staff_ratio_breached').points).toBe(-8);
  });
});

describe('what an official publishing a document is told', () => {
  it('names each gap in Chinese, per jurisdiction and day, beside the message for operators', () => {
    const gap = local({
      rules: [
        { key: 'BAN_MATCHED', title: '停用：禁业人员在岗', composition: 'disables', reason: '测试：停用国家规则', sources: [{ title: '测试用区级信用方案' }] },
      ],
    });
    let error: CreditModelError | undefined;
    try {
      loadCreditModels([...CREDIT_RULE_DOCUMENTS, gap]);
    } catch (e) {
      error = e as CreditModelError;
    }
    expect(error).toBeInstanceOf(CreditModelError);
    expect(error!.message).toMatch(/no rule for event type staff_ban_matched/);
    expect(error!.problems).toEqual([expect.stringMatching(/^浙江省杭州市西湖区自 2026-\d\d-\d\d 起：信用事项 staff_ban_matched 没有计分规则$/)]);
  });

  it('checks the day after a document ends too: the rules then in force must still make a model', () => {
    // Until 2026-12-31 the district disables the national rule for a ban on staff and scores it by its own rule, of another document…
    const disabling = local({
      effectiveTo: '2026-12-31',
      rules: [
        {
          key: 'BAN_MATCHED',
          title: '停用：禁业人员在岗',
          composition: 'disables',
          reason: '测试：由区级规则计分',
          sources: [{ title: '测试用区级信用方案' }],
        },
      ],
    });
    const own = local({
      documentKey: 'test-scores',
      version: 'test-scores/2026.1',
      rules: [{ ...ruleOf(CREDIT_MODEL_2026_2, 'BAN_MATCHED'), key: 'BAN_MATCHED_DISTRICT', composition: 'adds' }],
    });
    expect(loadCreditModels([...CREDIT_RULE_DOCUMENTS, disabling, { ...own, effectiveTo: '2026-12-31' }]).for('330106', '2026-12-31')!.rules).toHaveLength(
      CREDIT_EVENT_TYPES.length,
    );
    // …but from 2027-01-01 the national rule is back beside the district's own: two rules for one event type.
    expect(() => loadCreditModels([...CREDIT_RULE_DOCUMENTS, disabling, own])).toThrow(
      /330106 on 2027-01-01 make no model[\s\S]*2 rules for event type staff_ban_matched/,
    );
  });
});

describe('a division is never left without a grading', () => {
  it('refuses a document that disables the grading from above', () => {
    const none = local({
      rules: [{ key: 'grading', title: '停用分级', composition: 'disables', reason: '测试：停用国家分级线', sources: [{ title: '测试用区级信用方案' }] }],
    });
    let error: CreditModelError | undefined;
    try {
      loadCreditModels([...CREDIT_RULE_DOCUMENTS, none]);
    } catch (e) {
      error = e as CreditModelError;
    }
    expect(error?.message).toMatch(/330106 on 2026-\d\d-\d\d have no grading/);
    expect(error?.problems).toEqual([expect.stringMatching(/^浙江省杭州市西湖区自 2026-\d\d-\d\d 起没有分级规则（grading），无法评定信用等级$/)]);
  });
});
