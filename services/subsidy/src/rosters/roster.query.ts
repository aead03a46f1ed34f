import { type Actor, DomainError } from '@shanyu/common';
import type { BirthOrder, CareForm, ClassType, RosterFlag, RosterRef, RosterView } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { tables } from '../sql.js';
import { institutionOrThrow, type InstitutionRow } from './institutions.js';

/** One roster version with its children (by keyed hash) and the duplicate claims among them. */
export async function rosterView(db: EntityManager | DataSource, institution: InstitutionRow, rosterId: string): Promise<RosterView> {
  const t = tables(db);
  const [r]: {
    id: string; month: string; version: number; open_days: number; total: number; by_class: Record<ClassType, number>; by_care_form: Record<CareForm, number>;
    by_birth_order: Record<'1' | '2' | '3', number>; flags: RosterFlag[]; over_capacity_reason: string | null; submitted_at: Date; submitted_by: { department: string; userId: string };
  }[] = await db.query(`SELECT * FROM ${t.roster} WHERE id = $1`, [rosterId]);
  if (!r) throw new DomainError('ROSTER_NOT_FOUND', '名册不存在');
  const children: {
    line_no: number; row_number: number | null; child_key: string; birth_month: string; birth_order: number; class_type: ClassType; care_form: CareForm;
    days_attended: number; ref: string | null;
  }[] = await db.query(
    `SELECT line_no, row_number, child_key, birth_month, birth_order, class_type, care_form, days_attended, ref FROM ${t.entry} WHERE roster_id = $1 ORDER BY line_no`,
    [rosterId],
  );
  const duplicates: { child_key: string; institution_ids: string[]; line_no: number }[] = await db.query(
    `SELECT d.child_key, d.institution_ids, e.line_no FROM ${t.duplicate} d JOIN ${t.entry} e ON e.roster_id = $1 AND e.child_key = d.child_key
     WHERE d.month = $2 ORDER BY e.line_no`,
    [rosterId, r.month],
  );
  return {
    id: r.id, institutionId: institution.id, institutionName: institution.name, divisionCode: institution.divisionCode, month: r.month, version: r.version,
    openDays: r.open_days, totalChildren: r.total, byClass: r.by_class, byCareForm: r.by_care_form, byBirthOrder: r.by_birth_order, flags: r.flags,
    overCapacityReason: r.over_capacity_reason,
    duplicates: duplicates.map((d) => ({ childKey: d.child_key, month: r.month, institutionIds: d.institution_ids, lineNo: d.line_no })),
    submittedAt: r.submitted_at.toISOString(), submittedBy: { department: r.submitted_by.department, userId: r.submitted_by.userId },
    children: children.map((c) => ({
      lineNo: c.line_no, rowNumber: c.row_number, childKey: c.child_key, birthMonth: c.birth_month, birthOrder: c.birth_order as BirthOrder,
      classType: c.class_type, careForm: c.care_form, daysAttended: c.days_attended, ref: c.ref,
    })),
  };
}

export class GetRoster {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: RosterRef, actor: Actor): Promise<RosterView> {
    const institution = await institutionOrThrow(this.ds, request.institutionId);
    this.access.assertCanRead(actor, institution);
    const [current]: { id: string }[] = await this.ds.query(
      `SELECT id FROM ${tables(this.ds).roster} WHERE institution_id = $1 AND month = $2 AND current`, [institution.id, request.month],
    );
    if (!current) throw new DomainError('ROSTER_NOT_FOUND', `机构 ${institution.name} 尚未报送 ${request.month} 的收托名册`);
    return rosterView(this.ds, institution, current.id);
  }
}
