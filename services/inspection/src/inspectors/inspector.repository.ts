import { DomainError } from '@shanyu/common';
import { isUniqueViolation } from '@shanyu/persistence';
import { type EntityManager, In } from 'typeorm';
import { Inspector, InspectorConflict } from './inspector.entity.js';

export type NewInspector = Omit<Inspector, 'createdAt' | 'toView'>;

/** 执法人员 and their conflicts of interest (回避). */
export class InspectorRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(Inspector);
  }

  async get(id: string): Promise<Inspector> {
    const inspector = await this.rows.findOneBy({ id });
    if (!inspector) throw new DomainError('INSPECTOR_NOT_FOUND', `执法人员 ${id} 不存在`);
    return inspector;
  }

  async byIds(ids: string[]): Promise<Inspector[]> {
    return ids.length ? this.rows.findBy({ id: In(ids) }) : [];
  }

  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.byIds(ids)).map((x) => [x.id, x.name]));
  }

  /** The active inspector record linked to a login, if any. */
  activeOfUser(userId: string): Promise<Inspector | null> {
    return this.rows.findOneBy({ userId, active: true });
  }

  /** A department's inspectors (or everyone's), by department and badge number. */
  list(department?: Inspector['department']): Promise<Inspector[]> {
    return this.rows.find({ where: department ? { department } : {}, order: { department: 'ASC', badgeNo: 'ASC' } });
  }

  activeOf(departments: readonly string[]): Promise<Inspector[]> {
    return this.rows.findBy({ department: In(departments), active: true });
  }

  /** Adds an inspector; a badge number already registered in the department, or a login already linked, is refused. */
  async add(fields: NewInspector): Promise<Inspector> {
    const inspector = this.rows.create(fields);
    try {
      await this.manager.save(inspector);
    } catch (e) {
      if (isUniqueViolation(e, 'inspector_department_badge_no_key')) throw new DomainError('INSPECTOR_BADGE_TAKEN', `执法证号 ${fields.badgeNo} 已登记`);
      if (isUniqueViolation(e, 'inspector_user_id_key'))
        throw new DomainError('INSPECTOR_USER_TAKEN', `账号 ${fields.username ?? fields.userId} 已关联其他执法人员`);
      if (isUniqueViolation(e)) throw new DomainError('INSPECTOR_BADGE_TAKEN', `执法证号 ${fields.badgeNo} 已登记`);
      throw e;
    }
    return inspector;
  }

  /** The conflicts recorded for these inspectors, with any institution. */
  async conflicts(inspectorIds: string[]): Promise<InspectorConflict[]> {
    if (inspectorIds.length === 0) return [];
    // One array parameter: a province's inspectors would be thousands of bind parameters.
    return this.manager.getRepository(InspectorConflict).createQueryBuilder('c').where('c.inspector_id = ANY(:ids)', { ids: inspectorIds }).getMany();
  }

  /** Per inspector: the institutions it must stay away from, with the reason. */
  async conflictsByInspector(inspectorIds: string[]): Promise<Map<string, { institutionId: string; reason: string }[]>> {
    const out = new Map<string, { institutionId: string; reason: string }[]>(inspectorIds.map((id) => [id, []]));
    for (const row of await this.conflicts(inspectorIds)) out.get(row.inspectorId)?.push({ institutionId: row.institutionId, reason: row.reason });
    return out;
  }

  /** Those of the inspectors who have a conflict with the institution. */
  async inConflictWith(institutionId: string, inspectorIds: string[]): Promise<Set<string>> {
    if (inspectorIds.length === 0) return new Set();
    return new Set((await this.manager.getRepository(InspectorConflict).findBy({ inspectorId: In(inspectorIds), institutionId })).map((c) => c.inspectorId));
  }

  /** Records a conflict; one already recorded for the pair stays as it was. */
  async addConflict(conflict: Omit<InspectorConflict, 'recordedAt'>): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(InspectorConflict).values(conflict).orIgnore().execute();
  }
}
