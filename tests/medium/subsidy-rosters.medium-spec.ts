// Medium tier (libs/testing/src/medium.ts): the subsidy service's roster use cases on its real schema,
// the outbox read where SubmitRoster writes it, no NATS. Rosters (收托名册) of one month submitted at
// the same time wait for each other only where they name the same child, and every child on two
// rosters is still found — announced once, naming both institutions — whatever the order the
// rosters commit in, without deadlocks. (Moved from tests/e2e: a use case of one service.)
import { randomUUID } from 'node:crypto';
import { type Actor, addDays, makeResidentId, PiiCipher, resolvePiiKeys, shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import { type InstitutionView, RegistryEvents, type SubsidyClaimDuplicatedData, SubsidyEvents } from '@shanyu/contracts';
import { followRegistry, GetRoster, SubmitRoster, SubsidyAccessPolicy, subsidyDataSource } from '@shanyu/subsidy';
import { institutionRequest, type MediumSchema, startMediumSchema, testClock } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const clock = testClock();
const MONTH = shanghaiToday(clock.now()).slice(0, 7);
const operator: Actor = { department: 'operator', role: 'operator', userId: `operator-${randomUUID()}`, divisions: ['330106'] };
const health: Actor = { department: 'health', role: 'official', userId: `health-${randomUUID()}`, divisions: ['330106'] };

let sequence = 100;
/** A child's resident ID number (born 400 days ago), new each call. */
const childId = () => makeResidentId(`330106${addDays(shanghaiToday(), -400).replace(/-/g, '')}${sequence++}`);

describe('rosters of one month submitted concurrently (medium: the subsidy schema, no NATS)', () => {
  let db: MediumSchema;
  let submit: SubmitRoster;
  let read: GetRoster;

  /** A filed institution of operator's, as the subsidy service's registry follower records it from the registry's event. */
  const filedInstitution = async (): Promise<string> => {
    const id = randomUUID();
    const request = institutionRequest({ divisionCode: '330106109' });
    const places = request.places as InstitutionView['places'];
    const view = {
      ...request,
      id,
      status: 'filed',
      ownerUserId: operator.userId,
      version: 1,
      places,
      totalPlaces: places.infant + places.toddler + places.older + places.mixed,
      inclusive: null,
      demonstrations: [],
      receiptNo: null,
      countyCode: '330106',
      registrationAuthority: 'market',
      registeredOn: clock.now().toISOString().slice(0, 10),
      deregisteredOn: null,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    } as InstitutionView;
    await db.transaction((manager) =>
      followRegistry(
        {
          eventId: randomUUID(),
          subject: RegistryEvents.filingApproved,
          occurredAt: clock.now().toISOString(),
          actor: SYSTEM_ACTOR,
          entityId: id,
          data: { institution: view },
        },
        manager,
      ),
    );
    return id;
  };

  beforeAll(async () => {
    db = await startMediumSchema(subsidyDataSource, 'subsidy');
    // As SubsidyModule builds them (services/subsidy/src/subsidy.module.ts).
    const access = new SubsidyAccessPolicy();
    submit = new SubmitRoster(db.unitOfWork, access, PiiCipher.fromKeys(resolvePiiKeys('test', {})), clock.now);
    read = new GetRoster(db.dataSource, access);
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('finds every child claimed by two institutions, once, with no deadlock or lost roster', async () => {
    const institutions = await Promise.all(Array.from({ length: 4 }, () => filedInstitution()));
    const own = institutions.map(() => Array.from({ length: 8 }, () => childId()));
    // Shared child k sits on institution k's and institution k+1's rosters (a ring): rosters overlap in both directions.
    const shared = institutions.map(() => childId());
    const rosterOf = (i: number) =>
      [...own[i]!, shared[i]!, shared[(i + institutions.length - 1) % institutions.length]!].map((idNumber) => ({
        idNumber,
        birthOrder: 1,
        classType: 'toddler' as const,
        careForm: 'full_day' as const,
        daysAttended: 20,
      }));
    // Twice over, the second time with every roster replaced (new versions re-check the same children).
    for (const round of [1, 2]) {
      const replies = await Promise.all(
        institutions.map((institutionId, i) =>
          submit.execute({ institutionId, month: MONTH, openDays: 22, children: rosterOf(i), reason: round === 2 ? '更正出勤' : undefined }, operator),
        ),
      );
      expect(replies.map((r) => r.version)).toEqual(institutions.map(() => round));
    }
    const duplicates = await db.sql<{ institution_ids: string[] }>('SELECT institution_ids FROM $schema.duplicate_claim WHERE month = $1', [MONTH]);
    const pairs = institutions.map((_, k) => [institutions[k]!, institutions[(k + 1) % institutions.length]!].sort().join());
    expect(duplicates.map((d) => [...d.institution_ids].sort().join()).sort()).toEqual([...pairs].sort());
    // Each shared child announced once (the second round changed nothing about who claims whom): the outbox holds every event the use case recorded.
    const announced = await db.events<SubsidyClaimDuplicatedData>(SubsidyEvents.claimDuplicated);
    expect(
      announced
        .map((e) =>
          e.data.institutions
            .map((i) => i.institutionId)
            .sort()
            .join(),
        )
        .sort(),
    ).toEqual([...pairs].sort());
    // Every institution's current roster holds its 10 children and is flagged.
    for (const institutionId of institutions) {
      const roster = await read.execute({ institutionId, month: MONTH }, health);
      expect(roster.totalChildren).toBe(10);
      expect(roster.duplicates).toHaveLength(2);
    }
  });
});
