// 每一项信用惩戒都有其依据: from 2027-01 the built-in subsidy policies refuse an institution on the
// serious-breach list (严重失信主体名单, in its publication period) — 国发〔2016〕33号 restricts 严重失信主体
// from fiscal funds — and no longer an institution graded C or D by points (a supervision class).
// Registry, credit and subsidy run here with the gateway; the listing is decided through the credit
// service's own procedure (notice, statement, decision; repair after the minimum period removes it)
// and reaches the subsidy service by its events. The staff service is not started: its ban match,
// the fact that grounds the listing and makes both institutions D, is published by hand (as in
// credit-listing). The credit service's clock is moved past the minimum publication period; the
// subsidy service's runs two months ahead, and as far again, so the months can be computed.
import { addDays, shanghaiToday } from '@shanyu/common';
import { type CreditView, type ListingView, StaffEvents } from '@shanyu/contracts';
import { compliantFilingSubmission, DAY_MS, eventually, institutionRequest, lifetimeBanMatched, okBody } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack, testClock } from '../support/stack.js';
import { childId, monthsAround } from './subsidy-support.js';

type Institution = { id: string; name: string; divisionCode: string };
type Line = Record<string, any>;

const STREET = '330106109';
const M = monthsAround();
/** The first month the 2027 versions of the built-in policies pay (or this month, once later). */
const NEW_RULES_MONTH = M.current >= '2027-01' ? M.current : '2027-01';
const creditClock = testClock();
const subsidyClock = testClock({ aheadMs: 62 * DAY_MS });
const DECISION_NO = '西卫健信〔2026〕9号';

describe('subsidy and the serious-breach list: a listing refuses, a grade does not', () => {
  let stack: Stack<'registry' | 'credit' | 'subsidy'>;
  /** GRADED is D by a matched ban and is not listed; LISTED is D by the same and listed on it. */
  let graded: Institution, listed: Institution;
  let listedBan: string;
  let listing: ListingView;
  let removedOn: string;
  const as = (username: string) => stack.auth(username);
  const subsidySql = <T = Record<string, any>>(query: string, params: unknown[] = []) => stack.sql<T>('subsidy', query, params);

  const filedInclusive = async (): Promise<Institution> => {
    const operator = await as('operator.demo');
    const health = await as('health.330106');
    const created = okBody(
      await stack.http
        .post('/api/v1/institutions')
        .set(operator)
        .send(institutionRequest({ divisionCode: STREET })),
      201,
    );
    const filing = okBody(await stack.http.post(`/api/v1/institutions/${created.id}/filings`).set(operator).send(compliantFilingSubmission()), 201);
    okBody(await stack.http.post(`/api/v1/filings/${filing.id}/decision`).set(health).send({ decision: 'approve' }));
    okBody(
      await stack.http
        .post(`/api/v1/institutions/${created.id}/inclusive`)
        .set(health)
        .send({ action: 'grant', priceCapFen: 350_000, inclusivePlaces: 30, decisionNo: '西卫普〔2026〕9号' }),
    );
    await eventually(`the subsidy and credit replicas of ${created.id}`, async () => {
      const [row] = await subsidySql(`SELECT status, inclusive FROM $schema.institution_replica WHERE id = $1`, [created.id]);
      const credit = await stack.sql('credit', 'SELECT 1 FROM $schema.institution WHERE id = $1', [created.id]);
      return row?.status === 'filed' && row.inclusive !== null && credit.length > 0;
    });
    return { id: created.id, name: created.name, divisionCode: created.divisionCode };
  };
  /** A lifetime ban matched on a carer (as the staff service publishes it): a D trigger, and a fact that may ground a listing. */
  const banMatched = async (i: Institution) => {
    const { envelope } = await stack.publish(StaffEvents.banMatched, lifetimeBanMatched(i.id, i.divisionCode), {
      occurredAt: new Date(creditClock.now().getTime() - 100 * DAY_MS).toISOString(),
    });
    const health = await as('health.330106');
    return eventually(`the ledger entry of the ban at ${i.name}`, async () => {
      const view = okBody(await stack.http.get(`/api/v1/credit/institutions/${i.id}`).set(health)) as CreditView;
      return view.grade === 'D' ? (view.entries.find((e) => e.sourceEventId === envelope.eventId)?.entryId ?? false) : false;
    });
  };
  const roster = async (i: Institution, month: string) =>
    okBody(
      await stack.http
        .put(`/api/v1/institutions/${i.id}/rosters/${month}`)
        .set(await as('operator.demo'))
        .send({ openDays: 22, children: [{ idNumber: childId(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 22 }] }),
    );
  /** The OPERATING lines of each institution in the street's run of the month (computed again if it was). */
  const run = async (month: string): Promise<(i: Institution) => Line[]> => {
    const health = await as('health.330106');
    const started = okBody(await stack.http.post('/api/v1/subsidy/runs').set(health).send({ month, divisionCode: STREET }), 202);
    await eventually(
      `run ${started.id} computed`,
      async () => okBody(await stack.http.get(`/api/v1/subsidy/runs/${started.id}`).set(health)).status !== 'computing',
      30_000,
    );
    const lines = okBody(await stack.http.get(`/api/v1/subsidy/runs/${started.id}/lines`).query({ pageSize: 100 }).set(health)).items as Line[];
    return (i) => lines.filter((l) => l.institutionId === i.id && l.ruleId === 'OPERATING');
  };

  beforeAll(async () => {
    stack = await startTestStack({
      services: ['registry', 'credit', 'subsidy'],
      // The credit service warns of the grounding checks the procedure makes: not this file's concern.
      config: { credit: { LOG_LEVEL: 'error' } },
      startOptions: { credit: { now: creditClock.now }, subsidy: { now: subsidyClock.now } },
    });
    [graded, listed] = [await filedInclusive(), await filedInclusive()];
    await banMatched(graded);
    listedBan = await banMatched(listed);
    // Both are D in the subsidy service (from evt.credit.grade.changed.v1) before any month is computed.
    await eventually('both D in the subsidy service', async () => {
      const rows = await subsidySql<{ institution_id: string }>(
        `SELECT DISTINCT institution_id FROM $schema.institution_fact WHERE fact = 'credit_grade' AND value = '"D"'::jsonb AND institution_id = ANY($1::uuid[])`,
        [[graded.id, listed.id]],
      );
      return rows.length === 2;
    });
    for (const i of [graded, listed]) await roster(i, NEW_RULES_MONTH);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists LISTED through the procedure: notice, statement, decision; the subsidy service keeps its publication', async () => {
    const health = await as('health.330106');
    const operator = await as('operator.demo');
    listing = okBody(
      await stack.http
        .post(`/api/v1/credit/institutions/${listed.id}/listings`)
        .set(health)
        .send({ entryIds: [listedBan], facts: '2026年11月核查发现，该机构聘用了被列入从业禁止名单的人员担任保育人员' }),
      201,
    );
    okBody(await stack.http.post(`/api/v1/credit/listings/${listing.id}/statement`).set(operator).send({ statement: '已于当日解除用工并完成全员查询' }));
    listing = okBody(
      await stack.http
        .post(`/api/v1/credit/listings/${listing.id}/decision`)
        .set(health)
        .send({ decision: 'list', decisionNo: DECISION_NO, reason: '陈述申辩理由不能成立：用工单位负有查询义务' }),
    );
    const today = shanghaiToday(creditClock.now());
    expect(listing).toMatchObject({ status: 'listed', publication: { from: today, until: addDays(today, 1095) } });
    const kept = await eventually('the listing in the subsidy service', async () => {
      const [row] = await subsidySql(
        `SELECT status, decision_no, to_char(published_from, 'YYYY-MM-DD') AS published_from, to_char(published_until, 'YYYY-MM-DD') AS published_until, removed_on
           FROM $schema.listing_replica WHERE listing_id = $1`,
        [listing.id],
      );
      return row?.status === 'listed' ? row : null;
    });
    expect(kept).toEqual({ status: 'listed', decision_no: DECISION_NO, published_from: today, published_until: addDays(today, 1095), removed_on: null });
  });

  it(`${NEW_RULES_MONTH} (2027 versions): the D institution nobody listed is paid; the listed one is refused, naming the listing and 国发〔2016〕33号`, async () => {
    const lines = await run(NEW_RULES_MONTH);
    expect(lines(graded)).toEqual([
      expect.objectContaining({
        policyVersion: 'hangzhou-inclusive-operating/2027.1',
        status: 'payable',
        amountFen: 60_000,
        reasonCode: null,
        inputs: expect.objectContaining({ facts: expect.objectContaining({ creditGrade: 'D', creditGradePublished: true, seriousListings: [] }) }),
      }),
    ]);
    expect(lines(graded)[0]!.explanation).not.toMatch(/信用等级|失信/);

    const [refused] = lines(listed);
    expect(refused).toMatchObject({
      policyVersion: 'hangzhou-inclusive-operating/2027.1',
      status: 'ineligible',
      amountFen: 0,
      reasonCode: 'SERIOUSLY_LISTED',
      inputs: { facts: { creditGrade: 'D', seriousListings: [DECISION_NO] } },
    });
    expect(refused!.explanation).toContain(
      `机构在严重失信主体名单公示期内（${DECISION_NO}，${listing.publication!.from} 起公示、${listing.publication!.until} 期满）`,
    );
    expect(refused!.explanation).toContain('国发〔2016〕33号');
    expect(refused!.explanation).toContain('限制申请财政性资金');
    expect(refused!.explanation).not.toContain('信用等级');
  });

  it.runIf(M.current < '2027-01')(`${M.current} keeps the 2023 version, which refused grade D: its months are explained by it`, async () => {
    await roster(graded, M.current);
    const [line] = (await run(M.current))(graded);
    expect(line).toMatchObject({ policyVersion: 'hangzhou-inclusive-operating/2023.1', status: 'ineligible', reasonCode: 'CREDIT_GRADE' });
  });

  it('after the minimum period a repair removes the listing; the month after is paid again, the listed month stays refused', async () => {
    creditClock.advance(366 * DAY_MS);
    subsidyClock.advance(366 * DAY_MS);
    const asked = okBody(
      await stack.http
        .post(`/api/v1/credit/institutions/${listed.id}/repair-requests`)
        .set(await as('operator.demo'))
        .send({ entryIds: [listedBan], reason: '已解除用工并完成全员查询' }),
      201,
    );
    okBody(
      await stack.http
        .post(`/api/v1/credit/repair-requests/${asked.id}/decision`)
        .set(await as('health.330106'))
        .send({ decision: 'approve', reason: '整改到位' }),
    );
    removedOn = shanghaiToday(creditClock.now());
    await eventually('the removal in the subsidy service', async () => {
      const [row] = await subsidySql(`SELECT status, to_char(removed_on, 'YYYY-MM-DD') AS removed_on FROM $schema.listing_replica WHERE listing_id = $1`, [
        listing.id,
      ]);
      return row?.status === 'removed' && row.removed_on === removedOn;
    });

    const after = removedOn.slice(0, 7);
    await roster(listed, after);
    const [paid] = (await run(after))(listed);
    expect(paid).toMatchObject({ status: 'payable', amountFen: 60_000, reasonCode: null, inputs: { facts: { seriousListings: [] } } });
    // The listing held on the last day of the month it refused: computed again, that month is still refused.
    const [still] = (await run(NEW_RULES_MONTH))(listed);
    expect(still).toMatchObject({ status: 'ineligible', reasonCode: 'SERIOUSLY_LISTED' });
  });
});
