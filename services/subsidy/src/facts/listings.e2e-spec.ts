// The serious-breach listings (严重失信主体名单) as the subsidy service keeps them, on the real
// PostgreSQL schema: each listing in its latest step (an earlier step delivered late changes
// nothing), its publication dates from the decision, its removal day (from the event, or the
// event's day for events published before `removedOn`), and the months a decision or a removal
// changes (posted months get recalculation requests, a computed run goes stale).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { CreditEvt, type EventEnvelope, type ListingChangedData } from '@shanyu/contracts';
import { initializeAndMigrate } from '@shanyu/persistence';
import { testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subsidyDataSource } from '../data-source.js';
import { inPublicationOn } from '../domain/serious-listing.js';
import { MonthDataRepository } from '../runs/month-data.repository.js';
import { tables } from '../sql.js';
import { followCredit } from './fact-events.js';

const DIVISION = '330106109';

describe('serious-breach listings from the credit service', () => {
  let ds: DataSource;
  const institutionId = randomUUID();
  const listingId = randomUUID();
  const t = () => tables(ds);

  const data = (over: Partial<ListingChangedData>): ListingChangedData => ({
    listingId,
    institutionId,
    divisionCode: DIVISION,
    status: 'notified',
    entryIds: [randomUUID()],
    statementDue: '2027-01-12',
    decisionNo: null,
    publishedFrom: null,
    repairableFrom: null,
    publishedUntil: null,
    removedOn: null,
    ...over,
  });
  const envelope = (subject: string, d: Partial<ListingChangedData>, occurredAt = '2027-01-02T02:00:00.000Z'): EventEnvelope =>
    ({ eventId: randomUUID(), subject, occurredAt, actor: null, entityId: listingId, data: d }) as unknown as EventEnvelope;
  const follow = (event: EventEnvelope) => ds.transaction((m) => followCredit(event, m));
  const row = async () =>
    (
      await ds.query(
        `SELECT status, step, decision_no, to_char(published_from, 'YYYY-MM-DD') AS published_from, to_char(published_until, 'YYYY-MM-DD') AS published_until,
                to_char(removed_on, 'YYYY-MM-DD') AS removed_on FROM ${t().listing} WHERE listing_id = $1`,
        [listingId],
      )
    )[0];
  const listedOn = async (day: string) =>
    (await new MonthDataRepository(ds.manager).seriousListings([institutionId], day)).filter((l) => inPublicationOn(l, day)).map((l) => l.decisionNo);

  const decided = data({
    status: 'listed',
    decisionNo: '西卫健信〔2027〕1号',
    publishedFrom: '2027-01-15',
    repairableFrom: '2028-01-15',
    publishedUntil: '2030-01-14',
  });

  beforeAll(async () => {
    ds = subsidyDataSource(testDatabaseUrl(), uniqueSchema('subsidy_listings'));
    await initializeAndMigrate(ds);
    await ds.query(
      `INSERT INTO ${t().institution} (id, name, division_code, status, places, total_places, source_version) VALUES ($1, '小星星托育园', $2, 'filed', '{}'::jsonb, 0, 1)`,
      [institutionId, DIVISION],
    );
    // A month posted before the decision and one computed, not yet approved.
    for (const [month, status] of [
      ['2026-12', 'posted'],
      ['2027-02', 'posted'],
      ['2027-03', 'computed'],
    ])
      await ds.query(`INSERT INTO ${t().run} (id, division_code, month, status, phase, created_by) VALUES ($1, '330106', $2, $3, 'done', '{}'::jsonb)`, [
        randomUUID(),
        month,
        status,
      ]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('keeps a notice without a publication: it counts against no month, and changes none', async () => {
    await follow(envelope(CreditEvt.listingNotified.subject, data({})));
    expect(await row()).toMatchObject({ status: 'notified', step: 0, published_from: null });
    expect(await listedOn('2027-01-31')).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM ${t().recalc}`)).toEqual([]);
  });

  it('a decision to list: publication from its day to its maximum end; the posted months from then are recalculated, the computed run is stale', async () => {
    await follow(envelope(CreditEvt.listingDecided.subject, decided));
    expect(await row()).toMatchObject({
      status: 'listed',
      step: 1,
      decision_no: '西卫健信〔2027〕1号',
      published_from: '2027-01-15',
      published_until: '2030-01-14',
    });
    expect(await listedOn('2027-01-14')).toEqual([]);
    expect(await listedOn('2027-01-31')).toEqual(['西卫健信〔2027〕1号']);
    expect(await listedOn('2030-01-13')).toEqual(['西卫健信〔2027〕1号']);
    expect(await listedOn('2030-01-31')).toEqual([]); // the maximum period ended it, without an event
    expect(
      (await ds.query(`SELECT month, reason FROM ${t().recalc} WHERE institution_id = $1`, [institutionId])).map((r: { month: string }) => r.month),
    ).toEqual(['2027-02']);
    expect((await ds.query(`SELECT month FROM ${t().run} WHERE stale`)).map((r: { month: string }) => r.month)).toEqual(['2027-03']);
  });

  it('a statement delivered again after the decision (a retried event) changes nothing', async () => {
    await follow(envelope(CreditEvt.listingStated.subject, data({})));
    expect(await row()).toMatchObject({ status: 'listed', step: 1, published_from: '2027-01-15' });
  });

  it('a removal ends the publication on its day; an event without removedOn is dated by its own day', async () => {
    await follow(envelope(CreditEvt.listingRemoved.subject, { ...decided, status: 'removed', removedOn: undefined }, '2028-02-09T17:30:00.000Z'));
    // 2028-02-10 01:30 in Asia/Shanghai.
    expect(await row()).toMatchObject({ status: 'removed', step: 2, removed_on: '2028-02-10', published_until: '2030-01-14' });
    expect(await listedOn('2028-01-31')).toEqual(['西卫健信〔2027〕1号']);
    expect(await listedOn('2028-02-29')).toEqual([]);
    // The decision delivered again does not put it back.
    await follow(envelope(CreditEvt.listingDecided.subject, decided));
    expect(await row()).toMatchObject({ status: 'removed', removed_on: '2028-02-10' });
  });
});
