// 守信联合激励、失信联合惩戒 across the real services: registry, staff, inspection, credit, subsidy
// and the gateway in this process, driven through HTTP only with the demo accounts. Every event
// that reaches the credit service is published by the service that owns the fact (no event is
// published by hand here), and every effect of a grade is read from the service that applies it:
// 示范 refused for D (registry), the subsidy run's lines (subsidy), the 双随机 pool, ratios and
// checklist (inspection).
import { addDays, shanghaiToday } from '@shanyu/common';
import {
  CreditEvents,
  type CreditView,
  type EventEnvelope,
  InspectionEvents,
  type InspectionFormView,
  type InspectionView,
  type PlanDrawEntryView,
  type PlanPoolEntryView,
  type PlanView,
  RegistryEvents,
  StaffEvents,
  SubsidyEvents,
} from '@shanyu/contracts';
import { compliantFilingSubmission, DAY_MS, eventually, institutionRequest, testClock, testNatsUrl } from '@shanyu/testing';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack } from '../support/stack.js';
import { EventCollector } from './events-support.js';
import { newIdNumber } from './staff-support.js';
import { childId, hangzhouOperatingVersion, monthsAround } from './subsidy-support.js';

/** 双浦镇: a street no other test file files institutions in, so the plan's pool and the run's lines are this file's own. */
const STREET = '330106110';
const today = shanghaiToday();
/** The subsidy service's clock runs two months ahead, so this month can be computed (as in subsidy-runs). */
const SUBSIDY_CLOCK = testClock({ aheadMs: 62 * DAY_MS });
const MONTH = monthsAround().current;

type Institution = { id: string; name: string; divisionCode: string };
type Line = Record<string, any>;
type Result = { itemCode: string; result: 'pass' | 'fail' | 'not_applicable'; note?: string };

/** Every item of the department on the form: pass, except the overrides. */
function resultsFor(form: InspectionFormView, department: string, overrides: Record<string, Omit<Result, 'itemCode'>> = {}): Result[] {
  return form.areas
    .flatMap((a) => a.items)
    .filter((i) => i.department === department)
    .map((i) => ({ itemCode: i.code, ...(overrides[i.code] ?? { result: 'pass' }) }) as Result);
}

describe('守信联合激励、失信联合惩戒 across the real services', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let events: EventCollector;
  const inspectionSql = (query: string, params: unknown[] = []) => stack.sql('inspection', query, params);
  const as = (username: string) => stack.auth(username);
  const inspectors: Record<string, string[]> = {};

  /** GOOD ends A (优), BAD ends D (差), OTHER stays B (良). */
  let good: Institution, bad: Institution, other: Institution;
  const created: string[] = [];

  const credit = async (id: string) =>
    (
      await http
        .get(`/api/v1/credit/institutions/${id}`)
        .set(await as('health.330106'))
        .expect(200)
    ).body as CreditView;
  const creditWith = (what: string, id: string, test: (view: CreditView) => boolean) =>
    eventually(
      what,
      async () => {
        const view = await credit(id);
        return test(view) ? view : null;
      },
      30_000,
    );
  const hasEntry = (type: string) => (view: CreditView) => view.entries.some((e) => e.eventType === type);
  const entry = (view: CreditView, type: string) => view.entries.find((e) => e.eventType === type)!;
  /** The event of the owning service that a ledger entry names (eventId, subject, institution). */
  const sourceOf = (view: CreditView, type: string) => {
    const e = entry(view, type);
    const source = events.events.find((x) => x.eventId === e.sourceEventId);
    expect(source, `the ${e.subject} event ${e.sourceEventId} behind ${type}`).toBeDefined();
    expect(source!.subject).toBe(e.subject);
    return source as EventEnvelope<any>;
  };
  const gradeChanges = (id: string) =>
    events.of(CreditEvents.gradeChanged, (e) => e.data.institutionId === id).map((e) => `${e.data.from ?? '-'}→${e.data.to}`);

  beforeAll(async () => {
    stack = await startTestStack({
      services: ['registry', 'staff', 'inspection', 'credit', 'subsidy'],
      startOptions: {
        staff: { eventsFrom: 'new' },
        inspection: { eventsFrom: 'new' },
        credit: { eventsFrom: 'new' },
        subsidy: { eventsFrom: 'new', now: SUBSIDY_CLOCK.now },
      },
      gateway: { JWT_TTL_SECONDS: 3600 },
    });
    http = stack.http;
    events = await EventCollector.start(testNatsUrl(), 'evt.>');

    // Two linked inspectors per department for 西湖区 (the plan draws two of each).
    const admin = await as('admin');
    for (const department of ['fire', 'market', 'health']) {
      inspectors[department] = [];
      for (const n of [1, 2]) {
        const res = await http
          .post('/api/v1/inspectors')
          .set(admin)
          .send({
            department,
            name: `${department}执法员${n}`,
            badgeNo: `${department.toUpperCase()}-JOINT-${n}`,
            divisionCodes: ['330106'],
            username: `${department}.inspector${n}`,
          });
        if (res.status !== 201) throw new Error(`inspector ${department} ${n}: ${res.status} ${JSON.stringify(res.body)}`);
        inspectors[department]!.push(res.body.id);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it("filing and 普惠 approved through the registry reach the credit ledger from the registry's own events", async () => {
    const operator = await as('operator.demo');
    const health = await as('health.330106');
    const register = async (label: string) => {
      const res = await http
        .post('/api/v1/institutions')
        .set(operator)
        .send(institutionRequest({ divisionCode: STREET, name: `双浦镇${label}托育园${Date.now() % 100_000}`, address: '杭州市西湖区双浦镇铜鉴湖路 8 号' }));
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      created.push(res.body.id);
      const filing = await http.post(`/api/v1/institutions/${res.body.id}/filings`).set(operator).send(compliantFilingSubmission());
      if (filing.status !== 201) throw new Error(`filing: ${filing.status} ${JSON.stringify(filing.body)}`);
      await http.post(`/api/v1/filings/${filing.body.id}/decision`).set(health).send({ decision: 'approve' }).expect(200);
      await http
        .post(`/api/v1/institutions/${res.body.id}/inclusive`)
        .set(health)
        .send({ action: 'grant', priceCapFen: 350_000, inclusivePlaces: 30, decisionNo: `西卫普〔2026〕${created.length + 40}号` })
        .expect(200);
      return { id: res.body.id, name: res.body.name, divisionCode: res.body.divisionCode } as Institution;
    };
    good = await register('守信');
    bad = await register('失信');
    other = await register('基本守信');

    for (const i of [good, bad, other]) {
      const view = await creditWith(
        `filing and 普惠 of ${i.name} in the ledger`,
        i.id,
        (v) => hasEntry('filing_approved')(v) && hasEntry('inclusive_granted')(v),
      );
      // 80 to start, +2 备案, +3 普惠 (credit-model/2026.2): B.
      expect(view).toMatchObject({ institutionId: i.id, divisionCode: STREET, score: 85, grade: 'B', modelVersion: 'credit-model/2026.2' });
      expect(entry(view, 'filing_approved')).toMatchObject({
        subject: RegistryEvents.filingApproved,
        ruleId: 'FILING_APPROVED',
        points: 2,
        source: expect.stringContaining('国卫办人口发〔2019〕25号'),
      });
      expect(entry(view, 'inclusive_granted')).toMatchObject({
        subject: RegistryEvents.inclusiveGranted,
        ruleId: 'INCLUSIVE_GRANTED',
        points: 3,
        // 双浦镇 (西湖区) has no credit scheme of its own: the national default's rule and source, not 威海's or 环翠区's.
        source: expect.stringContaining('国办发〔2019〕35号'),
      });
      expect(entry(view, 'inclusive_granted').source).not.toMatch(/威海|环翠/);
      expect(sourceOf(view, 'filing_approved').data).toMatchObject({ institutionId: i.id, divisionCode: STREET });
      expect(sourceOf(view, 'inclusive_granted').data.institution).toMatchObject({ id: i.id });
    }
  });

  it("subsidy: the same child on two institutions' rosters in one month → the subsidy service's duplicate claim → a ledger entry on both", async () => {
    const operator = await as('operator.demo');
    const shared = childId(addDays(today, -500));
    const roster = (children: object[]) => ({
      openDays: 22,
      children: children.map((c) => ({ birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 22, ...c })),
    });
    const put = async (i: Institution, body: object) => {
      const res = await http.put(`/api/v1/institutions/${i.id}/rosters/${MONTH}`).set(operator).send(body);
      if (res.status !== 200) throw new Error(`roster of ${i.name}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await put(good, roster([{ idNumber: childId() }]));
    await put(bad, roster([{ idNumber: childId() }, { idNumber: shared }]));
    const flagged = await put(other, roster([{ idNumber: shared }, { idNumber: childId() }]));
    expect(flagged.flags.map((f: { code: string }) => f.code)).toEqual(['duplicate_claim']);

    const [duplicated] = await events.waitFor(SubsidyEvents.claimDuplicated, (e) =>
      e.data.institutions.some((x: { institutionId: string }) => x.institutionId === other.id),
    );
    expect(duplicated!.data.institutions.map((x: { institutionId: string }) => x.institutionId).sort()).toEqual([bad.id, other.id].sort());
    expect(JSON.stringify(duplicated)).not.toContain(shared);
    for (const i of [bad, other]) {
      const view = await creditWith(`duplicate claim of ${i.name} in the ledger`, i.id, hasEntry('subsidy_claim_duplicated'));
      expect(entry(view, 'subsidy_claim_duplicated')).toMatchObject({
        subject: SubsidyEvents.claimDuplicated,
        ruleId: 'SUBSIDY_DUPLICATED',
        points: -5,
        ref: MONTH,
        department: 'finance',
        title: expect.stringContaining('同一婴幼儿同月'),
        source: expect.stringContaining('国办发〔2019〕35号'),
      });
      expect(sourceOf(view, 'subsidy_claim_duplicated').eventId).toBe(duplicated!.eventId);
      expect(view).toMatchObject({ score: 80, grade: 'B' });
    }
    expect((await credit(good.id)).entries.map((e) => e.eventType)).not.toContain('subsidy_claim_duplicated');
  });

  it('staff: a banned person refused at hiring is a ledger entry; a ban matched on current staff makes the institution D whatever its points', async () => {
    const operator = await as('operator.demo');
    const police = await as('police.330106');
    // The staff service counts the roster's two toddlers (not the registered places) before the carer is hired: no ratio breach.
    await eventually('the staff service follows the roster of BAD', async () => {
      const stats = (await http.get(`/api/v1/institutions/${bad.id}/staff-stats`).set(operator).expect(200)).body;
      return stats.ratios.some(
        (r: { classType: string; enrolmentSource: string; children: number }) =>
          r.classType === 'toddler' && r.enrolmentSource === 'roster' && r.children === 2,
      );
    });

    const banned = newIdNumber();
    const ban = await http
      .post('/api/v1/bans')
      .set(police)
      .send({
        name: '韩某',
        idNumber: banned,
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市西湖区人民法院',
        documentNo: '（2026）浙0106刑初301号',
        reason: '虐待被看护人罪，终身禁止从事密切接触未成年人的工作',
      })
      .expect(201);
    expect(ban.body.matchedStaff).toEqual([]);
    const refused = await http
      .post(`/api/v1/institutions/${bad.id}/staff`)
      .set(operator)
      .send({ name: '韩某', idNumber: banned, role: 'carer', classType: 'toddler', startDate: today })
      .expect(422);
    expect(refused.body.code).toBe('STAFF_BANNED');
    let view = await creditWith('the refused hire in the ledger', bad.id, hasEntry('staff_vetting_rejected.BANNED'));
    expect(entry(view, 'staff_vetting_rejected.BANNED')).toMatchObject({
      subject: StaffEvents.vettingRejected,
      ruleId: 'VETTING_BANNED',
      points: -5,
      department: 'police',
      dTriggerActive: false,
      source: expect.stringContaining('未成年人保护法'),
    });
    expect(sourceOf(view, 'staff_vetting_rejected.BANNED').data).toMatchObject({ institutionId: bad.id, reason: 'BANNED', refId: ban.body.id });
    // A refused hire is not a D trigger: 75 is still B.
    expect(view).toMatchObject({ score: 75, grade: 'B', dTriggers: [] });

    const employed = newIdNumber();
    const carer = (
      await http
        .post(`/api/v1/institutions/${bad.id}/staff`)
        .set(operator)
        .send({ name: '蒋某', idNumber: employed, role: 'carer', classType: 'toddler', startDate: today })
        .expect(201)
    ).body;
    expect(carer.vetting.status).toBe('pending');
    const matched = await http
      .post('/api/v1/bans')
      .set(police)
      .send({
        name: '蒋某',
        idNumber: employed,
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市公安局西湖区分局',
        documentNo: '西公禁字〔2026〕77号',
        reason: '从业禁止',
      })
      .expect(201);
    expect(matched.body.matchedStaff).toEqual([{ staffId: carer.id, institutionId: bad.id }]);

    view = await creditWith('BAD graded D', bad.id, (v) => v.grade === 'D');
    // 85 − 5 (duplicate) − 5 (refused hire) − 20 (ban matched) = 55, a C by points: D by the hard rule.
    expect(view).toMatchObject({ score: 55, grade: 'D', gradeLabel: '差' });
    expect(view.explanation).toMatch(/任一部门的 D 级触发事项使机构整体为 D/);
    expect(view.dTriggers).toEqual([
      expect.objectContaining({ ruleId: 'BAN_MATCHED', occurredOn: today, source: expect.stringContaining('《中华人民共和国未成年人保护法》 第六十二条') }),
    ]);
    expect(entry(view, 'staff_ban_matched')).toMatchObject({
      subject: StaffEvents.banMatched,
      ruleId: 'BAN_MATCHED',
      points: -20,
      dTriggerActive: true,
      department: 'police',
    });
    expect(sourceOf(view, 'staff_ban_matched').data).toMatchObject({ institutionId: bad.id, divisionCode: STREET, staffId: carer.id, banId: matched.body.id });
    // What D means for the other departments, from the model: every year inspected (100%), subsidy stopped.
    expect(view.measures.map((m) => m.measure).join('；')).toMatch(/抽查比例 100%.*暂停拨付补助/);
    const [changed] = await events.waitFor(CreditEvents.gradeChanged, (e) => e.data.institutionId === bad.id);
    expect(changed!.data).toMatchObject({ from: 'B', to: 'D', grade: 'D', score: 55, divisionCode: STREET });
    expect(changed!.data.reasons[0]).toMatchObject({ kind: 'd_trigger', ruleId: 'BAN_MATCHED' });
    // No ratio breach was published: the only staff events behind BAD's ledger are the two above.
    expect(
      view.entries
        .filter((e) => e.subject.startsWith('evt.staff.'))
        .map((e) => e.eventType)
        .sort(),
    ).toEqual(['staff_ban_matched', 'staff_vetting_rejected.BANNED']);
  });

  it("inspection: a joint visit's failed critical and major items and the penalty become ledger entries with their rule sources; a clean visit earns points", async () => {
    const form = async (id: string, username: string) =>
      (
        await http
          .get(`/api/v1/inspections/${id}/form`)
          .set(await as(username))
          .expect(200)
      ).body as InspectionFormView;
    const put = async (id: string, username: string, results: Result[]) =>
      http
        .put(`/api/v1/inspections/${id}/results`)
        .set(await as(username))
        .send({ results })
        .expect(200);
    const signOff = async (id: string, username: string) =>
      (
        await http
          .post(`/api/v1/inspections/${id}/sign-off`)
          .set(await as(username))
          .send({ comment: '已现场核查' })
          .expect(200)
      ).body as InspectionView;

    // 综合查一次 at BAD: fire leads, market joins; one critical and one major item fail.
    const visit = (
      await http
        .post('/api/v1/inspections')
        .set(await as('fire.330106'))
        .send({
          institutionId: bad.id,
          departments: [
            { department: 'fire', inspectorIds: inspectors.fire },
            { department: 'market', inspectorIds: inspectors.market },
          ],
        })
        .expect(201)
    ).body as InspectionView;
    expect(visit).toMatchObject({ kind: 'adhoc', grade: 'D', formKind: 'full' });
    const merged = await form(visit.id, 'fire.330106');
    await put(visit.id, 'fire.inspector1', resultsFor(merged, 'fire', { 'FIRE-01': { result: 'fail', note: '疏散通道堆放杂物' } }));
    await signOff(visit.id, 'fire.inspector1');
    await put(visit.id, 'market.inspector1', resultsFor(merged, 'market', { 'MKT-05': { result: 'fail', note: '午餐未留样' } }));
    const done = await signOff(visit.id, 'market.inspector1');
    expect(done.status).toBe('completed');
    const critical = done.findings.find((f) => f.itemCode === 'FIRE-01')!;
    const major = done.findings.find((f) => f.itemCode === 'MKT-05')!;
    expect([critical.severity, major.severity]).toEqual(['critical', 'major']);

    let view = await creditWith(
      'both findings in the ledger',
      bad.id,
      (v) => hasEntry('finding_recorded.critical')(v) && hasEntry('finding_recorded.major')(v),
    );
    expect(entry(view, 'finding_recorded.critical')).toMatchObject({
      subject: InspectionEvents.findingRecorded,
      ruleId: 'FINDING_CRITICAL',
      points: -15,
      ref: critical.id,
      department: 'fire',
      source: expect.stringContaining('国发〔2019〕5号'),
    });
    expect(entry(view, 'finding_recorded.major')).toMatchObject({ ruleId: 'FINDING_MAJOR', points: -5, ref: major.id, department: 'market' });
    expect(sourceOf(view, 'finding_recorded.critical').data).toMatchObject({ findingId: critical.id, inspectionId: visit.id, severity: 'critical' });
    // A visit with findings is not a clean one.
    expect(view.entries.map((e) => e.eventType)).not.toContain('inspection_clean');

    // 食品安全法 第一百二十六条 fines only a refusal to correct: without it stated, no fine is lawful.
    const decision = { findingId: major.id, penaltyItemCode: 'PMKT-04', kinds: ['warning', 'fine'], fineFen: 2_000_000, reason: '未按规定留样' };
    const unstated = await http
      .post('/api/v1/penalties')
      .set(await as('market.330106'))
      .send({ ...decision, decisionNo: '西市监罚〔2026〕无情形号' })
      .expect(422);
    expect(unstated.body).toMatchObject({ code: 'PENALTY_OUT_OF_RANGE', details: [{ field: 'fineFen' }] });
    expect(unstated.body.message).toContain('拒不改正');
    // The national 裁量基准 in force places the fine: ¥20,000 of ¥5,000–¥50,000 is 一般, not 从轻.
    const stated = { ...decision, circumstances: ['refused_to_correct'], decisionNo: `西市监罚〔2026〕${Date.now() % 10_000}号` };
    const lenient = await http
      .post('/api/v1/penalties')
      .set(await as('market.330106'))
      .send({ ...stated, discretionLevel: 'lenient' })
      .expect(422);
    expect(lenient.body).toMatchObject({ code: 'PENALTY_OUTSIDE_DISCRETION', details: [{ field: 'fineFen' }] });
    const penalty = (
      await http
        .post('/api/v1/penalties')
        .set(await as('market.330106'))
        .send({ ...stated, discretionLevel: 'ordinary' })
        .expect(201)
    ).body;
    expect(penalty.discretion).toMatchObject({
      level: 'ordinary',
      minFen: 1_850_000,
      maxFen: 3_650_000,
      checklistVersion: 'market/2026.1',
      itemCode: 'DMKT-00',
    });
    // A decision number (文号) is used once per department.
    const again = await http
      .post('/api/v1/penalties')
      .set(await as('market.330106'))
      .send({
        findingId: major.id,
        penaltyItemCode: 'PMKT-04',
        kinds: ['warning'],
        decisionNo: penalty.decisionNo,
        reason: '重复录入',
      })
      .expect(409);
    expect(again.body.code).toBe('PENALTY_DECISION_NO_TAKEN');
    expect(penalty).toMatchObject({
      checklistVersion: 'market/2026.3',
      circumstances: ['refused_to_correct'],
      basisAmountFen: null,
      fineRange: { minFen: 500_000, maxFen: 5_000_000, article: '第一百二十六条第一款' },
    });
    view = await creditWith('the penalty in the ledger', bad.id, (v) => hasEntry('penalty_issued.warning')(v) && hasEntry('penalty_issued.fine')(v));
    for (const [type, ruleId, points] of [
      ['penalty_issued.warning', 'PENALTY_WARNING', -3],
      ['penalty_issued.fine', 'PENALTY_FINE', -10],
    ] as const) {
      expect(entry(view, type)).toMatchObject({
        subject: InspectionEvents.penaltyIssued,
        ruleId,
        points,
        ref: penalty.id,
        department: 'market',
        source: expect.stringContaining('行政处罚法'),
      });
      expect(sourceOf(view, type).data).toMatchObject({ penaltyId: penalty.id, institutionId: bad.id, decisionNo: penalty.decisionNo });
    }
    expect(view).toMatchObject({ grade: 'D', score: 55 - 15 - 5 - 3 - 10 });

    // A health-only visit at GOOD with every item passed: inspection_clean, +4.
    const clean = (
      await http
        .post('/api/v1/inspections')
        .set(await as('health.330106'))
        .send({
          institutionId: good.id,
          departments: [{ department: 'health', inspectorIds: inspectors.health }],
        })
        .expect(201)
    ).body as InspectionView;
    await put(clean.id, 'health.inspector1', resultsFor(await form(clean.id, 'health.330106'), 'health'));
    expect((await signOff(clean.id, 'health.inspector1')).findings).toEqual([]);
    view = await creditWith("the clean visit in GOOD's ledger", good.id, hasEntry('inspection_clean'));
    expect(entry(view, 'inspection_clean')).toMatchObject({
      subject: InspectionEvents.inspectionCompleted,
      ruleId: 'INSPECTION_CLEAN',
      points: 4,
      ref: clean.id,
      source: expect.stringContaining('国办发〔2019〕35号'),
    });
    expect(view).toMatchObject({ score: 89, grade: 'B' });
  });

  it('示范 requires A or B: the registry refuses the D institution (422) and designates the B one, which the credit service then grades A', async () => {
    const health = await as('health.330106');
    // GOOD's grade never changed (B from its start), so the registry's copy has none; the public
    // register shows the credit service's grade all the same, in the list and on the page.
    expect(await stack.sql('registry', `SELECT credit_grade FROM $schema.institution WHERE id = $1`, [good.id])).toEqual([{ credit_grade: null }]);
    const listed = (await http.get('/api/v1/public/institutions').query({ q: good.name }).expect(200)).body.items;
    expect(listed.find((i: { id: string }) => i.id === good.id)).toMatchObject({ creditGrade: 'B' });
    expect((await http.get(`/api/v1/public/institutions/${good.id}`).expect(200)).body.creditGrade).toBe('B');
    await eventually('the register shows D', async () => (await http.get(`/api/v1/public/institutions/${bad.id}`)).body.creditGrade === 'D');
    const refused = await http.post(`/api/v1/institutions/${bad.id}/demonstration`).set(health).send({ year: 2026 }).expect(422);
    expect(refused.body).toMatchObject({ code: 'DEMONSTRATION_GRADE_TOO_LOW', message: expect.stringMatching(/D 级.*A 或 B/) });
    expect((await http.get(`/api/v1/institutions/${bad.id}`).set(health).expect(200)).body.demonstrations).toEqual([]);

    expect((await http.post(`/api/v1/institutions/${good.id}/demonstration`).set(health).send({ year: 2026 }).expect(200)).body.demonstrations).toEqual([
      expect.objectContaining({ year: 2026 }),
    ]);
    const view = await creditWith('GOOD graded A', good.id, (v) => v.grade === 'A');
    // 85 + 4 (clean visit) + 5 (示范) = 94 ≥ 92.
    expect(view).toMatchObject({ score: 94, grade: 'A', gradeLabel: '优', dTriggers: [] });
    expect(entry(view, 'demonstration_designated')).toMatchObject({ subject: RegistryEvents.demonstrationDesignated, ruleId: 'DEMONSTRATION', points: 5 });
    await events.waitFor(CreditEvents.gradeChanged, (e) => e.data.institutionId === good.id);
    await eventually('the register shows A', async () => (await http.get(`/api/v1/public/institutions/${good.id}`)).body.creditGrade === 'A');

    // 红名单 / 黑名单 of the street.
    const list = async (which: string) =>
      (await http.get(`/api/v1/credit/lists?list=${which}&divisionCode=${STREET}`).set(health).expect(200)).body.items.map(
        (i: { institutionId: string }) => i.institutionId,
      );
    expect(await list('red')).toEqual([good.id]);
    expect(await list('black')).toEqual([bad.id]);
  });

  it("subsidy: the month's run refuses the D institution's lines (by its grade until 2026-12, by its open critical finding after), holds the duplicate, pays the A institution", async () => {
    const health = await as('health.330106');
    const allLines = async (runId: string): Promise<Line[]> => {
      const out: Line[] = [];
      let after: string | null = null;
      do {
        const res: { body: { items: Line[]; nextCursor: string | null } } = await http
          .get(`/api/v1/subsidy/runs/${runId}/lines`)
          .query({ pageSize: 50, ...(after ? { after } : {}) })
          .set(health)
          .expect(200);
        out.push(...res.body.items);
        after = res.body.nextCursor;
      } while (after);
      return out;
    };
    // The grades reach the subsidy service by its own consumer: re-run until the run sees them.
    const lines = await eventually(
      'a run that sees GOOD as A and BAD as D',
      async () => {
        const started = (await http.post('/api/v1/subsidy/runs').set(health).send({ month: MONTH, divisionCode: STREET }).expect(202)).body;
        await eventually(
          `run ${started.id} computed`,
          async () => (await http.get(`/api/v1/subsidy/runs/${started.id}`).set(health).expect(200)).body.status !== 'computing',
          30_000,
        );
        const all = await allLines(started.id);
        const facts = (i: Institution) => all.find((l) => l.institutionId === i.id)?.inputs?.facts?.creditGrade;
        return facts(good) === 'A' && facts(bad) === 'D' ? all : null;
      },
      60_000,
    );
    const of = (i: Institution) => lines.filter((l) => l.institutionId === i.id && l.ruleId === 'OPERATING');

    expect(of(bad)).toHaveLength(2);
    // The city's policy of 2023 refused grades C and D; from 2027-01 it refuses a serious-breach listing
    // (BAD is not listed: tests/e2e/subsidy-listing) and no grade, and BAD's open critical finding refuses it.
    const byGrade = hangzhouOperatingVersion(MONTH).endsWith('/2023.1');
    for (const l of of(bad)) {
      expect(l).toMatchObject({
        policyVersion: hangzhouOperatingVersion(MONTH),
        status: 'ineligible',
        amountFen: 0,
        reasonCode: byGrade ? 'CREDIT_GRADE' : 'OPEN_CRITICAL_FINDING',
        inputs: { facts: { creditGrade: 'D', creditGradePublished: true } },
      });
      if (byGrade) expect(l.explanation).toContain('信用等级为 D 级（差），本政策 C、D 级不予补助');
      else expect(l.explanation).not.toContain('信用等级');
      expect(l.explanation).toContain('有 1 项严重问题尚未整改（FIRE-01）');
    }
    // The duplicate is held at OTHER (grade B); OTHER's other child is paid.
    expect(
      of(other)
        .map((l) => [l.status, l.reasonCode])
        .sort(),
    ).toEqual([
      ['held', 'DUPLICATE_CLAIM'],
      ['payable', null],
    ]);
    // GOOD (A): 托小班 600 元 × 22/22.
    expect(of(good)).toEqual([expect.objectContaining({ status: 'payable', amountFen: 60_000, reasonCode: null })]);
  });

  it('inspection: the 双随机 pool carries each grade; D is drawn at 100% and gets the full checklist, A the abbreviated one', async () => {
    const health = await as('health.330106');
    await eventually('grades A and D in the inspection service', async () => {
      const rows = await inspectionSql(`SELECT institution_id, grade FROM $schema.institution_grade WHERE institution_id = ANY($1::uuid[])`, [
        [good.id, bad.id],
      ]);
      const grade = (id: string) => rows.find((r) => r.institution_id === id)?.grade;
      return grade(good.id) === 'A' && grade(bad.id) === 'D';
    });
    const plan = (
      await http
        .post('/api/v1/inspection-plans')
        .set(health)
        .send({ title: '双浦镇信用分级抽查', divisionCode: STREET, periodFrom: today, periodTo: addDays(today, 25), departments: ['fire', 'market', 'health'] })
        .expect(201)
    ).body as PlanView;
    // The supervision policy's ratios by grade (A 5%, B 10%, C 30%, D 100%), and since 2026-12-01 for unfiled institutions (100%).
    expect(plan.drawInput.ratios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1, unfiled: 1 });
    expect(plan.pool).toMatchObject({ institutions: 3, byGrade: { A: 1, B: 1, C: 0, D: 1 }, unfiled: 0 });
    const pool = (await http.get(`/api/v1/inspection-plans/${plan.id}/pool?pageSize=50`).set(health).expect(200)).body.items as PlanPoolEntryView[];
    expect(Object.fromEntries(pool.map((p) => [p.institutionId, p.grade]))).toEqual({ [good.id]: 'A', [bad.id]: 'D', [other.id]: 'B' });

    const drawn = (await http.post(`/api/v1/inspection-plans/${plan.id}/draw`).set(health).send({ publicEntropy: '双浦镇见证人报数 207' }).expect(200))
      .body as PlanView;
    // ⌈1 × 100%⌉ of D: the D institution is always drawn.
    expect(drawn.result!.byGrade.D).toBe(1);
    const draws = (await http.get(`/api/v1/inspection-plans/${plan.id}/draws?pageSize=50`).set(health).expect(200)).body.items as PlanDrawEntryView[];
    expect(draws.find((d) => d.institutionId === bad.id)).toMatchObject({ grade: 'D' });

    const planned = async (i: Institution) =>
      (await http.post('/api/v1/inspections').set(health).send({ planId: plan.id, institutionId: i.id }).expect(201)).body as InspectionView;
    const itemsOf = async (id: string) =>
      ((await http.get(`/api/v1/inspections/${id}/form`).set(health).expect(200)).body as InspectionFormView).areas.flatMap((a) => a.items);
    const atBad = await planned(bad);
    expect(atBad).toMatchObject({ kind: 'planned', grade: 'D', formKind: 'full' });
    const full = await itemsOf(atBad.id);
    // Every item of the three departments' lists in force for a private 营利性 institution; market: the 20 of market/2026.3.
    // (Each department's count follows its own list versions, so only the set of departments is checked for the others.)
    expect([...new Set(full.map((i) => i.department))].sort()).toEqual(['fire', 'health', 'market']);
    expect(full.filter((i) => i.department === 'market')).toHaveLength(20);
    const atGood = await planned(good);
    expect(atGood).toMatchObject({ kind: 'planned', grade: 'A', formKind: 'abbreviated' });
    const short = await itemsOf(atGood.id);
    expect(short.length).toBeLessThan(full.length);
    expect(short.every((i) => i.basic || i.riskWeight >= 4)).toBe(true);
  });

  it("the explanation lists every event that moved the grade, each from its owning service's event and with its rule source; one grade change each", async () => {
    const view = await credit(bad.id);
    expect(view.entries.map((e) => e.eventType).sort()).toEqual([
      'filing_approved',
      'finding_recorded.critical',
      'finding_recorded.major',
      'inclusive_granted',
      'penalty_issued.fine',
      'penalty_issued.warning',
      'staff_ban_matched',
      'staff_vetting_rejected.BANNED',
      'subsidy_claim_duplicated',
    ]);
    for (const e of view.entries) {
      expect(e.source.length, e.eventType).toBeGreaterThan(10);
      expect(e.modelVersion).toBe('credit-model/2026.2');
      const source = events.events.find((x) => x.eventId === e.sourceEventId);
      expect(source?.subject, e.eventType).toBe(e.subject);
    }
    // The start score plus every entry's points; newest first.
    expect(view.score).toBe(80 + view.entries.reduce((s, e) => s + e.effectivePoints, 0));
    expect(
      view.entries
        .slice(0, 2)
        .map((e) => e.eventType)
        .sort(),
    ).toEqual(['penalty_issued.fine', 'penalty_issued.warning']);
    expect(view.entries.at(-1)!.eventType).toBe('filing_approved');
    await new Promise((r) => setTimeout(r, 300)); // the credit outbox relay's idle poll
    expect(gradeChanges(bad.id)).toEqual(['B→D']);
    expect(gradeChanges(good.id)).toEqual(['B→A']);
    expect(gradeChanges(other.id)).toEqual([]);
  });
});
