import { randomUUID } from 'node:crypto';
import type { IsoDate } from '@shanyu/common';
import type { StaffFlagKind } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import type { BanFact, CheckFact } from '../domain/vetting.js';
import { Ban, RecordCheck, StaffFlag, VettingAttempt } from './vetting.entities.js';

export interface VettingFacts {
  bans: BanFact[];
  checks: CheckFact[];
}

/** Vetting: criminal-record checks, vetting attempts, the flags on employments, and each person's vetting facts. */
export class VettingRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The bans and record checks of each person, oldest check first, with two queries; every person has an entry. */
  async factsOf(personIds: string[]): Promise<Map<string, VettingFacts>> {
    const out = new Map<string, VettingFacts>(personIds.map((id) => [id, { bans: [], checks: [] }]));
    if (!personIds.length) return out;
    const bans = await this.manager.createQueryBuilder(Ban, 'b').where('b.person_id = ANY(:ids)', { ids: personIds }).orderBy('b.createdAt', 'ASC').getMany();
    const checks = await this.manager
      .createQueryBuilder(RecordCheck, 'c')
      .where('c.person_id = ANY(:ids)', { ids: personIds })
      .orderBy('c.checkedOn', 'ASC')
      .addOrderBy('c.createdAt', 'ASC')
      .getMany();
    for (const b of bans) out.get(b.personId)?.bans.push({ id: b.id, kind: b.kind, startsOn: b.startsOn, endsOn: b.endsOn });
    for (const c of checks) out.get(c.personId)?.checks.push({ id: c.id, result: c.result, checkedOn: c.checkedOn });
    return out;
  }

  /** The latest record-check date per person. */
  async lastCheckedOn(personIds: string[]): Promise<Map<string, IsoDate>> {
    if (!personIds.length) return new Map();
    // A grouped maximum, as text: raw SQL reads plainer than the query builder's raw selects.
    const rows: { person_id: string; checked_on: string }[] = await this.manager.query(
      `SELECT person_id, max(checked_on)::text AS checked_on FROM ${schemaTable(this.manager, 'record_check')} WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
      [personIds],
    );
    return new Map(rows.map((r) => [r.person_id, r.checked_on]));
  }

  async insertCheck(check: RecordCheck): Promise<void> {
    await this.manager.insert(RecordCheck, check);
  }

  async insertAttempt(attempt: VettingAttempt): Promise<void> {
    await this.manager.insert(VettingAttempt, attempt);
  }

  /** Many attempts in one `unnest` statement (raw SQL: one statement whatever their count). */
  async insertAttempts(attempts: VettingAttempt[]): Promise<void> {
    if (!attempts.length) return;
    const col = <K extends keyof VettingAttempt>(k: K) => attempts.map((a) => a[k]);
    await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'vetting_attempt')} (id, person_id, institution_id, employment_id, role, outcome, reason, ref_id, actor_department, actor_user)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[])`,
      [
        col('id'),
        col('personId'),
        col('institutionId'),
        col('employmentId'),
        col('role'),
        col('outcome'),
        col('reason'),
        col('refId'),
        col('actorDepartment'),
        col('actorUser'),
      ],
    );
  }

  /** Raises a flag on an employment, unless the same one (kind and reference) was raised before. */
  async flag(employmentId: string, kind: StaffFlagKind, refId: string): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(StaffFlag).values({ id: randomUUID(), employmentId, kind, refId }).orIgnore().execute();
  }

  /**
   * Raises many flags of one kind in one statement; returns those not raised before. Raw SQL:
   * `ON CONFLICT DO NOTHING RETURNING` over an `unnest`.
   */
  async flagMany(kind: StaffFlagKind, flags: { employmentId: string; refId: string }[]): Promise<{ employmentId: string; refId: string }[]> {
    if (!flags.length) return [];
    const inserted: { employment_id: string; ref_id: string }[] = await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'staff_flag')} (id, employment_id, kind, ref_id)
       SELECT id, employment_id, $4::text, ref_id FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(id, employment_id, ref_id)
       ON CONFLICT DO NOTHING RETURNING employment_id, ref_id`,
      [flags.map(() => randomUUID()), flags.map((f) => f.employmentId), flags.map((f) => f.refId), kind],
    );
    return inserted.map((r) => ({ employmentId: r.employment_id, refId: r.ref_id }));
  }

  /** The flags of these employments not cleared, oldest first. */
  openFlagsOf(employmentIds: string[]): Promise<StaffFlag[]> {
    if (!employmentIds.length) return Promise.resolve([]);
    return this.manager
      .createQueryBuilder(StaffFlag, 'f')
      .where('f.employment_id = ANY(:ids) AND f.cleared_at IS NULL', { ids: employmentIds })
      .orderBy('f.raisedAt', 'ASC')
      .getMany();
  }
}
