// Credit with due process (严重失信主体名单): a grade is a supervision class (优/良/中/差) and is never
// published as 失信; a serious-breach listing starts only from a fact the model's `listing` rule
// names, with a notice (facts, basis, rights, last day), the operator's statement (陈述申辩), a
// decision after the period, publication between its minimum and maximum, repair only after the
// minimum, removal by repair — every step evented, refused steps change nothing. The credit
// service's clock is moved to pass the periods.
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiToday } from '@shanyu/common';
import { type CreditView, type EventEnvelope, InspectionEvents, type ListingChangedData, type ListingView, StaffEvents } from '@shanyu/contracts';
import { compliantFilingSubmission, eventually, lifetimeBanMatched } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector, type CreditStack, EVENT_STREAM, startCreditStack } from './credit-support.js';

const DAY = 86_400_000;
let offsetDays = 0;
const clock = () => new Date(Date.now() + offsetDays * DAY);
const today = () => shanghaiToday(clock());

describe('credit with due process: serious-breach listing (严重失信主体名单)', () => {
  let stack: CreditStack;
  let events: Collector<EventEnvelope<ListingChangedData>>;
  let operator: string, health: string, otherHealth: string, market: string;
  let institution: { id: string; divisionCode: string; name: string };
  let banEntry: string, minorEntry: string;
  let listing: ListingView;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const entryOf = async (sourceEventId: string) =>
    eventually(`the ledger entry of ${sourceEventId}`, async () => {
      const res = await stack.http.get(`/api/v1/credit/institutions/${institution.id}`).set(auth(health));
      return (res.body as CreditView).entries?.find((e) => e.sourceEventId === sourceEventId)?.entryId ?? false;
    });
  const banMatched = async () => {
    const { envelope } = await stack.publish(StaffEvents.banMatched, lifetimeBanMatched(institution.id, institution.divisionCode), {
      occurredAt: new Date(clock().getTime() - 100 * DAY).toISOString(),
    });
    return entryOf(envelope.eventId);
  };
  const start = (entryIds: string[], token = health) =>
    stack.http
      .post(`/api/v1/credit/institutions/${institution.id}/listings`)
      .set(auth(token))
      .send({ entryIds, facts: '2026年8月29日核查发现，该机构聘用了被列入从业禁止名单的人员担任保育人员' });
  const get = async (id: string) => (await stack.http.get(`/api/v1/credit/listings/${id}`).set(auth(health)).expect(200)).body as ListingView;
  const publicView = async () => (await stack.http.get(`/api/v1/public/credit/institutions/${institution.id}`).expect(200)).body;
  const listingEvents = (id: string) =>
    events.where((e) => e.entityId === id).map((e) => `${e.subject.replace(/^evt\.credit\.listing\.(\w+)\.v1$/, '$1')}:${e.data.status}`);

  beforeAll(async () => {
    stack = await startCreditStack({ now: clock });
    events = await Collector.start(stack.nc, EVENT_STREAM, 'evt.credit.listing.>');
    [operator, health, otherHealth, market] = await Promise.all(
      ['operator.demo', 'health.330106', 'health.371002', 'market.330106'].map((u) => stack.tokenFor(u)),
    );
    institution = await stack.institution('operator.demo');
    const filing = await stack.http.post(`/api/v1/institutions/${institution.id}/filings`).set(auth(operator)).send(compliantFilingSubmission()).expect(201);
    await stack.http.post(`/api/v1/filings/${filing.body.id}/decision`).set(auth(health)).send({ decision: 'approve' }).expect(200);
    await eventually('the credit service to see the filing', async () => (await publicView().catch(() => null)) !== null);
    banEntry = await banMatched();
    const findingId = randomUUID();
    const { envelope } = await stack.publish(
      InspectionEvents.findingRecorded,
      {
        findingId,
        inspectionId: randomUUID(),
        institutionId: institution.id,
        divisionCode: institution.divisionCode,
        department: 'fire',
        itemCode: 'FIRE-01',
        severity: 'minor',
        basic: false,
        deadline: addDays(today(), 10),
      },
      { entityId: findingId },
    );
    minorEntry = await entryOf(envelope.eventId);
  });
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('grades as supervision classes: D is 差, and the public register says nothing of 失信 without a listing', async () => {
    const view = (await stack.http.get(`/api/v1/credit/institutions/${institution.id}`).set(auth(health)).expect(200)).body as CreditView;
    expect(view).toMatchObject({ grade: 'D', gradeLabel: '差', modelVersion: 'credit-model/2026.2' });
    expect(view.thresholds.map((t) => t.label)).toEqual(['优', '良', '中', '差']);
    expect(view.listingProcedure).toMatchObject({ groundedBy: expect.arrayContaining(['staff_ban_matched']), statementDays: 10, minPublicationDays: 365 });
    expect(view.measures.map((m) => m.measure).join('；')).not.toMatch(/失信惩戒/);
    const shown = await publicView();
    expect(shown).toMatchObject({ grade: 'D', gradeLabel: '差', seriousBreach: null });
    expect(JSON.stringify(shown)).not.toMatch(/失信/);
  });

  it('starts only from a grounding fact, by the district health bureau of the institution', async () => {
    expect((await start([banEntry], market)).body).toMatchObject({ code: 'DEPARTMENT_NOT_ALLOWED' });
    expect((await start([banEntry], otherHealth)).body).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE' });
    expect((await start([banEntry], operator)).status).toBe(403);
    const minor = await start([minorEntry]);
    expect(minor.status).toBe(422);
    expect(minor.body).toMatchObject({ code: 'CREDIT_LISTING_NOT_GROUNDED', details: [expect.objectContaining({ field: 'entryIds.0' })] });
    expect(minor.body.message).toContain('在岗人员被列入从业禁止');
    expect((await start([randomUUID()])).body).toMatchObject({ code: 'CREDIT_ENTRY_NOT_FOUND' });
    expect((await stack.rows('SELECT 1 FROM credit.listing WHERE institution_id = $1', [institution.id])).length).toBe(0);
  });

  it('notifies the facts, the basis, the right to state a case and the last day; nothing is published', async () => {
    const res = await start([banEntry]);
    expect(res.status).toBe(201);
    listing = res.body;
    expect(listing).toMatchObject({
      status: 'notified',
      entryIds: [banEntry],
      modelVersion: 'credit-model/2026.2',
      notice: { statementDue: addDays(today(), 10) },
      statement: null,
      decision: null,
      publication: null,
    });
    expect(listing.notice.text).toContain(institution.name);
    expect(listing.notice.text).toContain('聘用了被列入从业禁止名单的人员');
    expect(listing.notice.text).toContain('陈述、申辩');
    expect(listing.basis).toMatch(/未成年人保护法.*第六十二条/);
    expect(listing.basis).toContain('国办发〔2020〕49号');
    expect((await start([banEntry])).body).toMatchObject({ code: 'CREDIT_LISTING_PENDING' });
    expect((await publicView()).seriousBreach).toBeNull();
    await eventually('the notice event', async () => listingEvents(listing.id).includes('notified:notified'));
  });

  it('is not decided while the statement period runs and the institution has not stated its case', async () => {
    const early = await stack.http
      .post(`/api/v1/credit/listings/${listing.id}/decision`)
      .set(auth(health))
      .send({ decision: 'list', decisionNo: '西卫健信〔2026〕1号', reason: '事实清楚' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CREDIT_LISTING_STATEMENT_OPEN' });
    expect(early.body.message).toContain(listing.notice.statementDue);
    expect((await get(listing.id)).status).toBe('notified');
  });

  it("takes the operator's statement once; the department cannot state on its behalf", async () => {
    const statement = { statement: '涉事人员系劳务派遣，入职时派遣单位未告知；已于当日解除用工并完成全员查询' };
    expect((await stack.http.post(`/api/v1/credit/listings/${listing.id}/statement`).set(auth(health)).send(statement)).body).toMatchObject({
      code: 'DEPARTMENT_NOT_ALLOWED',
    });
    const stated = await stack.http.post(`/api/v1/credit/listings/${listing.id}/statement`).set(auth(operator)).send(statement).expect(200);
    expect(stated.body).toMatchObject({ status: 'notified', statement: { text: statement.statement, statedBy: { department: 'operator' } } });
    expect((await stack.http.post(`/api/v1/credit/listings/${listing.id}/statement`).set(auth(operator)).send(statement)).body).toMatchObject({
      code: 'CREDIT_LISTING_STATEMENT_CLOSED',
    });
  });

  it('lists with a decision number and the publication periods; the public register then shows it', async () => {
    const missing = await stack.http.post(`/api/v1/credit/listings/${listing.id}/decision`).set(auth(health)).send({ decision: 'list', reason: '事实清楚' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'decisionNo' })]));
    const decided = await stack.http
      .post(`/api/v1/credit/listings/${listing.id}/decision`)
      .set(auth(health))
      .send({ decision: 'list', decisionNo: '西卫健信〔2026〕1号', reason: '陈述申辩理由不能成立：用工单位负有查询义务' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'listed',
      decision: { decision: 'list', decisionNo: '西卫健信〔2026〕1号', decidedOn: today() },
      publication: { from: today(), repairableFrom: addDays(today(), 365), until: addDays(today(), 1095) },
    });
    expect(
      (await stack.http.post(`/api/v1/credit/listings/${listing.id}/decision`).set(auth(health)).send({ decision: 'not_list', reason: '再次决定' })).body,
    ).toMatchObject({
      code: 'CREDIT_LISTING_ALREADY_DECIDED',
    });
    expect((await publicView()).seriousBreach).toEqual({
      decisionNo: '西卫健信〔2026〕1号',
      facts: listing.facts,
      basis: listing.basis,
      from: today(),
      repairableFrom: addDays(today(), 365),
      until: addDays(today(), 1095),
    });
    const inPublication = (await stack.http.get('/api/v1/credit/listings?status=listed').set(auth(health)).expect(200)).body.items as ListingView[];
    expect(inPublication.map((l) => l.id)).toContain(listing.id);
    const own = (await stack.http.get('/api/v1/credit/listings').set(auth(operator)).expect(200)).body.items as ListingView[];
    expect(own.map((l) => l.id)).toContain(listing.id);
    await eventually('the decision event', async () => listingEvents(listing.id).includes('decided:listed'));
  });

  it('holds the grounds from repair until the minimum period, then a repair removes the listing', async () => {
    const early = await stack.http
      .post(`/api/v1/credit/institutions/${institution.id}/repair-requests`)
      .set(auth(operator))
      .send({ entryIds: [banEntry], reason: '已解除用工并完成全员查询' });
    expect(early.status).toBe(422);
    expect(early.body.message).toContain(`最短公示期满（${addDays(today(), 365)} 起）`);

    offsetDays += 366;
    const asked = await stack.http
      .post(`/api/v1/credit/institutions/${institution.id}/repair-requests`)
      .set(auth(operator))
      .send({ entryIds: [banEntry], reason: '已解除用工并完成全员查询' })
      .expect(201);
    await stack.http
      .post(`/api/v1/credit/repair-requests/${asked.body.id}/decision`)
      .set(auth(health))
      .send({ decision: 'approve', reason: '整改到位' })
      .expect(200);
    expect(await get(listing.id)).toMatchObject({ status: 'removed', removal: { on: today(), reason: expect.stringContaining('信用修复') } });
    expect((await publicView()).seriousBreach).toBeNull();
    await eventually('the removal event', async () => listingEvents(listing.id).includes('removed:removed'));
  });

  it('after the statement period lapses: no statement, a decision not to list, and a listing ends by itself at its maximum', async () => {
    const lapsed = (await start([await banMatched()]).then((r) => r.body)) as ListingView;
    offsetDays += 11;
    expect(
      (await stack.http.post(`/api/v1/credit/listings/${lapsed.id}/statement`).set(auth(operator)).send({ statement: '逾期提出的申辩' })).body,
    ).toMatchObject({
      code: 'CREDIT_LISTING_STATEMENT_CLOSED',
    });
    const notListed = await stack.http
      .post(`/api/v1/credit/listings/${lapsed.id}/decision`)
      .set(auth(health))
      .send({ decision: 'not_list', reason: '情节较轻，已主动纠正' })
      .expect(200);
    expect(notListed.body).toMatchObject({ status: 'not_listed', publication: null, statement: null });

    const listed = (await start([await banMatched()]).then((r) => r.body)) as ListingView;
    offsetDays += 11;
    await stack.http
      .post(`/api/v1/credit/listings/${listed.id}/decision`)
      .set(auth(health))
      .send({ decision: 'list', decisionNo: '西卫健信〔2027〕2号', reason: '事实清楚' })
      .expect(200);
    expect((await publicView()).seriousBreach).toMatchObject({ decisionNo: '西卫健信〔2027〕2号' });
    offsetDays += 1095;
    expect((await get(listed.id)).status).toBe('expired');
    expect((await publicView()).seriousBreach).toBeNull();
  });
});
