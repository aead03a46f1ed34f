import { type Actor, DomainError } from '@shanyu/common';
import type { BirthOrder, RosterRef, RosterView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { InstitutionRepository, type InstitutionRow } from '../institutions/institution.repository.js';
import { RosterRepository } from './roster.repository.js';

/** One roster version with its children (by keyed hash) and the duplicate claims among them. */
export async function rosterView(rosters: RosterRepository, institution: InstitutionRow, rosterId: string): Promise<RosterView> {
  const r = await rosters.byId(rosterId);
  if (!r) throw new DomainError('ROSTER_NOT_FOUND', '名册不存在');
  const children = await rosters.children(rosterId);
  const duplicates = await rosters.duplicatesOn(rosterId, r.month);
  return {
    id: r.id,
    institutionId: institution.id,
    institutionName: institution.name,
    divisionCode: institution.divisionCode,
    month: r.month,
    version: r.version,
    openDays: r.open_days,
    totalChildren: r.total,
    byClass: r.by_class,
    byCareForm: r.by_care_form,
    byBirthOrder: r.by_birth_order,
    flags: r.flags,
    overCapacityReason: r.over_capacity_reason,
    duplicates: duplicates.map((d) => ({ childKey: d.child_key, month: r.month, institutionIds: d.institution_ids, lineNo: d.line_no })),
    submittedAt: r.submitted_at.toISOString(),
    submittedBy: { department: r.submitted_by.department, userId: r.submitted_by.userId },
    children: children.map((c) => ({
      lineNo: c.line_no,
      rowNumber: c.row_number,
      childKey: c.child_key,
      birthMonth: c.birth_month,
      birthOrder: c.birth_order as BirthOrder,
      classType: c.class_type,
      careForm: c.care_form,
      daysAttended: c.days_attended,
      ref: c.ref,
    })),
  };
}

export class GetRoster {
  private readonly institutions: InstitutionRepository;
  private readonly rosters: RosterRepository;

  constructor(
    ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {
    this.institutions = new InstitutionRepository(ds.manager);
    this.rosters = new RosterRepository(ds.manager);
  }

  async execute(request: RosterRef, actor: Actor): Promise<RosterView> {
    const institution = await this.institutions.byIdOrThrow(request.institutionId);
    this.access.assertCanRead(actor, institution);
    const current = await this.rosters.current(institution.id, request.month);
    if (!current) throw new DomainError('ROSTER_NOT_FOUND', `机构 ${institution.name} 尚未报送 ${request.month} 的收托名册`);
    return rosterView(this.rosters, institution, current.id);
  }
}
