import type { ClassType, VettingReason, VettingStatus } from '@shanyu/contracts';
import { isUniqueViolation, schemaTable } from '@shanyu/persistence';
import { In, IsNull, type EntityManager } from 'typeorm';
import { Employment } from './employment.entity.js';

/** 从业人员记录: employments (one person's work at one institution). */
export class EmploymentRepository {
  constructor(private readonly manager: EntityManager) {}

  byId(id: string): Promise<Employment | null> {
    return this.manager.findOneBy(Employment, { id });
  }

  byIdOrFail(id: string): Promise<Employment> {
    return this.manager.findOneByOrFail(Employment, { id });
  }

  byIdForUpdate(id: string): Promise<Employment | null> {
    return this.manager.findOne(Employment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A page of an institution's employments (current, ended, or all), by start date, with the total. */
  page(institutionId: string, status: 'active' | 'ended' | 'all', page: number, pageSize: number): Promise<[Employment[], number]> {
    const qb = this.manager.createQueryBuilder(Employment, 'e').where('e.institution_id = :id', { id: institutionId });
    if (status === 'active') qb.andWhere('e.end_date IS NULL');
    if (status === 'ended') qb.andWhere('e.end_date IS NOT NULL');
    return qb
      .orderBy('e.start_date', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** Those of `personIds` currently employed at the institution. */
  async employedAt(institutionId: string, personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows = await this.manager
      .createQueryBuilder(Employment, 'e')
      .select(['e.id', 'e.personId'])
      .where('e.institution_id = :institutionId AND e.end_date IS NULL AND e.person_id = ANY(:personIds)', { institutionId, personIds })
      .getMany();
    return new Set(rows.map((r) => r.personId));
  }

  /** The person's current employments, oldest first. */
  currentOfPerson(personId: string): Promise<Employment[]> {
    return this.manager.createQueryBuilder(Employment, 'e').where('e.person_id = :p AND e.end_date IS NULL', { p: personId }).orderBy('e.created_at').getMany();
  }

  /** Current full-time employments of these people at other institutions than `institutionId`. */
  currentFullTimeElsewhere(personIds: string[], institutionId: string): Promise<Employment[]> {
    return this.manager
      .createQueryBuilder(Employment, 'e')
      .where('e.person_id = ANY(:people) AND e.end_date IS NULL AND e.employment_type = :ft AND e.institution_id <> :i', {
        people: personIds,
        ft: 'full_time',
        i: institutionId,
      })
      .getMany();
  }

  /** Current employments of the institutions, by start date. */
  currentOf(institutionIds: string[]): Promise<Employment[]> {
    if (!institutionIds.length) return Promise.resolve([]);
    return this.manager.find(Employment, { where: { institutionId: In(institutionIds), endDate: IsNull() }, order: { startDate: 'ASC', id: 'ASC' } });
  }

  /** Person and role of the institution's current employments: only the columns the 持证率 needs (an institution may have a thousand staff). */
  currentRoles(institutionId: string): Promise<Pick<Employment, 'personId' | 'role'>[]> {
    return this.manager
      .createQueryBuilder(Employment, 'e')
      .select(['e.id', 'e.personId', 'e.role'])
      .where('e.institution_id = :institutionId AND e.end_date IS NULL', { institutionId })
      .getMany();
  }

  countCurrent(institutionId: string): Promise<number> {
    return this.manager.countBy(Employment, { institutionId, endDate: IsNull() });
  }

  /** Carers (保育人员) assigned to each class type, per institution, among current employments. */
  async carersByClass(institutionIds: string[]): Promise<{ institutionId: string; classType: ClassType; carers: number }[]> {
    if (!institutionIds.length) return [];
    // A grouped count: raw SQL reads plainer than the query builder's raw selects.
    const rows: { institution_id: string; class_type: ClassType; n: number }[] = await this.manager.query(
      `SELECT institution_id, class_type, count(*)::int AS n FROM ${schemaTable(this.manager, 'employment')}
       WHERE institution_id = ANY($1::uuid[]) AND end_date IS NULL AND role = 'carer' AND class_type IS NOT NULL
       GROUP BY institution_id, class_type`,
      [institutionIds],
    );
    return rows.map((r) => ({ institutionId: r.institution_id, classType: r.class_type, carers: r.n }));
  }

  /**
   * The new employments in one `unnest` statement (raw SQL: a fixed number of statements whatever
   * their count), as stored (dates as PostgreSQL gives them back). Null when one of the people is
   * already employed at the institution (a concurrent hiring won the race); the transaction is
   * then unusable and must end.
   */
  async insertMany(employments: Employment[]): Promise<Employment[] | null> {
    if (!employments.length) return [];
    const col = <K extends keyof Employment>(k: K) => employments.map((e) => e[k]);
    let rows: { id: string; start_date: string; created_at: Date; updated_at: Date }[];
    try {
      rows = await this.manager.query(
        `INSERT INTO ${schemaTable(this.manager, 'employment')} (id, person_id, institution_id, name, role, employment_type, class_type, class_name, start_date,
           vetting_status, vetting_reason, vetting_ref, created_by)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[],
           $10::text[], $11::text[], $12::uuid[], $13::text[])
         RETURNING id, start_date::text AS start_date, created_at, updated_at`,
        [
          col('id'),
          col('personId'),
          col('institutionId'),
          col('name'),
          col('role'),
          col('employmentType'),
          col('classType'),
          col('className'),
          col('startDate'),
          col('vettingStatus'),
          col('vettingReason'),
          col('vettingRef'),
          col('createdBy'),
        ],
      );
    } catch (e) {
      if (isUniqueViolation(e, 'employment_active_unique')) return null;
      throw e;
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    return employments.map((e) => {
      const row = byId.get(e.id)!;
      return Object.assign(e, { startDate: row.start_date, createdAt: row.created_at, updatedAt: row.updated_at });
    });
  }

  async end(id: string, endDate: string, reason: string | null): Promise<void> {
    await this.manager.update(Employment, { id }, { endDate, endReason: reason });
  }

  async setVetting(id: string, status: VettingStatus, reason: VettingReason | null, ref: string): Promise<void> {
    await this.manager.update(Employment, { id }, { vettingStatus: status, vettingReason: reason, vettingRef: ref });
  }
}
