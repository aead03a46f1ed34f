import { SubsidyEvents } from '@shanyu/contracts';
import { testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childId, EventCollector, monthsAround, type SubsidyStack, startSubsidyStack } from './subsidy-support.js';

// Rosters (收托名册) of one month submitted at the same time: they wait for each other only where
// they name the same child, and every child on two rosters is still found — announced once,
// naming both institutions — whatever the order the rosters commit in, without deadlocks.
const M = monthsAround();

describe('rosters of one month submitted concurrently', () => {
  let stack: SubsidyStack;
  let events: EventCollector;

  beforeAll(async () => {
    stack = await startSubsidyStack();
    events = await EventCollector.start(testNatsUrl(), 'evt.subsidy.>');
  });
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('finds every child claimed by two institutions, once, with no deadlock or lost roster', async () => {
    const institutions = await Promise.all(Array.from({ length: 4 }, () => stack.institution()));
    const own = institutions.map(() => Array.from({ length: 8 }, () => childId()));
    // Shared child k sits on institution k's and institution k+1's rosters (a ring): rosters overlap in both directions.
    const shared = institutions.map(() => childId());
    const rosterOf = (i: number) => [...own[i]!, shared[i]!, shared[(i + institutions.length - 1) % institutions.length]!]
      .map((idNumber) => ({ idNumber, birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 20 }));
    const operator = await stack.auth('operator.demo');
    // Twice over, the second time with every roster replaced (new versions re-check the same children).
    for (const round of [1, 2]) {
      const replies = await Promise.all(institutions.map((institution, i) =>
        stack.http.put(`/api/v1/institutions/${institution.id}/rosters/${M.current}`).set(operator).send({ openDays: 22, children: rosterOf(i), reason: round === 2 ? '更正出勤' : undefined })));
      expect(replies.map((r) => r.status)).toEqual(institutions.map(() => 200));
      expect(replies.map((r) => r.body.version)).toEqual(institutions.map(() => round));
    }
    const duplicates = await stack.sql<{ institution_ids: string[] }>(`SELECT institution_ids FROM $schema.duplicate_claim WHERE month = $1`, [M.current]);
    const pairs = institutions.map((_, k) => [institutions[k]!.id, institutions[(k + 1) % institutions.length]!.id].sort().join());
    expect(duplicates.map((d) => [...d.institution_ids].sort().join()).sort()).toEqual([...pairs].sort());
    // Each shared child announced once (the second round changed nothing about who claims whom).
    const ours = new Set(institutions.map((i) => i.id));
    const announced = await events.waitFor(SubsidyEvents.claimDuplicated, (e) => e.data.institutions.some((i: { institutionId: string }) => ours.has(i.institutionId)), institutions.length);
    expect(announced.map((e) => e.data.institutions.map((i: { institutionId: string }) => i.institutionId).sort().join()).sort()).toEqual([...pairs].sort());
    await new Promise((r) => setTimeout(r, 500));
    expect(events.events.filter((e) => e.subject === SubsidyEvents.claimDuplicated && e.data.institutions.some((i: { institutionId: string }) => ours.has(i.institutionId)))).toHaveLength(institutions.length);
    // Every institution's current roster holds its 10 children and is flagged.
    for (const institution of institutions) {
      const roster = (await stack.http.get(`/api/v1/institutions/${institution.id}/rosters/${M.current}`).set(await stack.auth('health.330106')).expect(200)).body;
      expect(roster.totalChildren).toBe(10);
      expect(roster.duplicates).toHaveLength(2);
    }
  });
});
