import { randomUUID } from 'node:crypto';
import { divisionPrefix, DomainError } from '@shanyu/common';
import { isUniqueViolation, pageOf, schemaTable } from '@shanyu/persistence';
import { type EntityManager, In } from 'typeorm';
import { type DivisionScope, scopeCondition } from '../division-scope.js';
import { Inspection, InspectionResultRow, ResultVersion } from './inspection.entity.js';
import type { HistoryRow } from './inspection-history.js';

export type NewInspection = Omit<Inspection, 'version' | 'departmentOf'>;
export type NewResultVersion = Omit<ResultVersion, 'id' | 'decision'> & { decision?: ResultVersion['decision'] };

/** Which inspections a list shows: an operator's own institutions', an inspector account's assigned ones (none without a record), or those inside a division scope. */
export type InspectionReaders = { institutionIds: string[] } | { assignedTo: { department: string; inspectorId: string } | null } | { scope: DivisionScope };

export function inspectionNotFound(id: string): DomainError {
  return new DomainError('INSPECTION_NOT_FOUND', `检查 ${id} 不存在`);
}

/**
 * 综合查一次: inspections, the record of their item results (inspection_result) and every
 * version behind it (result_version), and the rectification notices' numbering.
 */
export class InspectionRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(Inspection);
  }

  private get records() {
    return this.manager.getRepository(InspectionResultRow);
  }

  private get versions() {
    return this.manager.getRepository(ResultVersion);
  }

  find(id: string): Promise<Inspection | null> {
    return this.rows.findOneBy({ id });
  }

  async get(id: string): Promise<Inspection> {
    const inspection = await this.find(id);
    if (!inspection) throw inspectionNotFound(id);
    return inspection;
  }

  /** The inspection, locked until the transaction ends. */
  async lock(id: string): Promise<Inspection> {
    const inspection = await this.rows.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!inspection) throw inspectionNotFound(id);
    return inspection;
  }

  /** Adds an inspection; a plan's second inspection of the same drawn institution is refused. */
  async add(fields: NewInspection): Promise<Inspection> {
    const inspection = this.rows.create(fields);
    try {
      await this.manager.save(inspection);
    } catch (e) {
      if (isUniqueViolation(e, 'inspection_one_per_drawn_institution')) throw new DomainError('INSPECTION_ALREADY_CREATED', '该机构在本计划中的检查已创建');
      throw e;
    }
    return inspection;
  }

  async save(inspection: Inspection): Promise<void> {
    await this.manager.save(inspection);
  }

  /** A page of inspections, latest scheduled first. */
  async page(
    readers: InspectionReaders,
    filter: { institutionId?: string; planId?: string; status?: Inspection['status']; divisionCode?: string },
    page: number,
    pageSize: number,
  ): Promise<{ items: Inspection[]; total: number }> {
    const qb = this.rows.createQueryBuilder('i');
    if ('institutionIds' in readers) {
      qb.where('i.institution_id = ANY(:own)', { own: readers.institutionIds });
    } else if ('assignedTo' in readers) {
      const assigned = readers.assignedTo ? [{ department: readers.assignedTo.department, inspectorIds: [readers.assignedTo.inspectorId] }] : [];
      qb.where(readers.assignedTo ? 'i.departments @> CAST(:assigned AS jsonb)' : 'false', { assigned: JSON.stringify(assigned) });
    } else {
      const within = scopeCondition('i.division_code', readers.scope);
      qb.where(within.sql, within.params);
    }
    if (filter.institutionId) qb.andWhere('i.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.planId) qb.andWhere('i.plan_id = :planId', { planId: filter.planId });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.divisionCode) qb.andWhere('i.division_code LIKE :division', { division: `${divisionPrefix(filter.divisionCode)}%` });
    return pageOf(qb.orderBy('i.scheduled_on', 'DESC').addOrderBy('i.created_at', 'DESC'), page, pageSize);
  }

  /** Every inspection of these institutions, newest first (the facts behind the cap, the repeat alert and last-time avoidance); none inspected yet: absent. */
  async history(institutionIds: string[]): Promise<Map<string, HistoryRow[]>> {
    const out = new Map<string, HistoryRow[]>();
    if (institutionIds.length === 0) return out;
    // One parameter, not IN ($1 … $n): a county's pool can pass PostgreSQL's 65,535 bind parameters; one text rather than
    // a uuid[], which node-pg would quote element by element (bench/draw.mjs).
    const rows: HistoryRow[] = await this.rows
      .createQueryBuilder('i')
      .select(['i.id', 'i.institutionId', 'i.kind', 'i.scheduledOn', 'i.departments'])
      .where(`i.institutionId = ANY(string_to_array(:ids, ',')::uuid[])`, { ids: institutionIds.join(',') })
      .orderBy('i.scheduledOn', 'DESC')
      .addOrderBy('i.createdAt', 'DESC')
      .getMany();
    for (const row of rows) {
      const list = out.get(row.institutionId);
      if (list) list.push(row);
      else out.set(row.institutionId, [row]);
    }
    return out;
  }

  /**
   * The next number of the district's rectification notices in the year, gap-free inside committed
   * transactions: one upsert in SQL (the counter has no entity), whose row lock, held until the
   * transaction ends, makes concurrent completions take their numbers one after another.
   */
  async nextNoticeNumber(county: string, year: number): Promise<number> {
    const [row] = (await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'notice_sequence')} AS s (county, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (county, year) DO UPDATE SET last = s.last + 1 RETURNING last`,
      [county, year],
    )) as { last: number }[];
    return row!.last;
  }

  /** The recorded results of an inspection, in item order. */
  results(inspectionId: string): Promise<InspectionResultRow[]> {
    return this.records.find({ where: { inspectionId }, order: { itemCode: 'ASC' } });
  }

  /** The recorded result of one item, if any. */
  result(inspectionId: string, itemCode: string): Promise<InspectionResultRow | null> {
    return this.records.findOneBy({ inspectionId, itemCode });
  }

  newResult(fields: InspectionResultRow): InspectionResultRow {
    return this.records.create(fields);
  }

  /** Sets the record of an item to a value (a new version number) or only its conflict flag. */
  async saveResult(row: InspectionResultRow): Promise<void> {
    await this.records.save(row);
  }

  /** Every version of an item, newest first. */
  resultVersions(inspectionId: string, itemCode: string): Promise<ResultVersion[]> {
    return this.versions.find({ where: { inspectionId, itemCode }, order: { receivedAt: 'DESC', id: 'ASC' } });
  }

  /** Results received after their department signed off, waiting or decided, oldest first; one upload's items in item order. */
  lateResultVersions(inspectionId: string): Promise<ResultVersion[]> {
    return this.versions.find({
      where: { inspectionId, status: In(['late', 'accepted', 'rejected']) },
      order: { receivedAt: 'ASC', itemCode: 'ASC', id: 'ASC' },
    });
  }

  async resultVersion(inspectionId: string, id: string): Promise<ResultVersion> {
    const found = await this.versions.findOneBy({ inspectionId, id });
    if (!found) throw new DomainError('RESULT_VERSION_NOT_FOUND', `结果版本 ${id} 不存在`);
    return found;
  }

  async addResultVersion(fields: NewResultVersion): Promise<ResultVersion> {
    return this.versions.save(this.versions.create({ id: randomUUID(), decision: null, ...fields }));
  }

  saveResultVersion(version: ResultVersion): Promise<ResultVersion> {
    return this.versions.save(version);
  }

  /** The version now current for its item becomes superseded. */
  async supersedeCurrentVersion(inspectionId: string, itemCode: string): Promise<void> {
    await this.versions.update({ inspectionId, itemCode, status: 'current' }, { status: 'superseded' });
  }

  /** Per department: how many late results wait for a decision. */
  lateWaitingByDepartment(inspectionId: string): Promise<{ department: string; n: number }[]> {
    return this.versions
      .createQueryBuilder('v')
      .select('v.department', 'department')
      .addSelect('count(*)::int', 'n')
      .where('v.inspection_id = :id AND v.status = :status', { id: inspectionId, status: 'late' })
      .groupBy('v.department')
      .getRawMany<{ department: string; n: number }>();
  }
}
