import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, type IsoDate, maskName } from '@shanyu/common';
import {
  type AddStaffBody, StaffEvents, type StaffEmploymentFlaggedData, type StaffEmploymentStartedData, type StaffVettingRejectedData, type StaffView,
} from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import { decideVetting } from '../domain/vetting.js';
import { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { Person } from '../people/person.entity.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import type { StaffRules } from '../rules/staff-rules.js';
import type { CertificateRateMonitor } from '../stats/certificate-rate-monitor.js';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { StaffFlag, VettingAttempt } from '../vetting/vetting.entities.js';
import { vettingFacts } from '../vetting/vetting-facts.js';
import { Employment } from './employment.entity.js';
import type { StaffViews } from './staff-views.js';

export type HireOutcome = { hired: true; view: StaffView } | { hired: false; error: DomainError };

export function alreadyEmployed(): DomainError {
  return new DomainError('STAFF_ALREADY_EMPLOYED', '该人员已在本机构登记在岗，不能重复登记', [
    { field: 'idNumber', code: 'STAFF_ALREADY_EMPLOYED', message: '该身份证号的人员已在本机构在岗' },
  ]);
}

/**
 * One hiring, inside the caller's transaction (so single adds and imported rows behave alike):
 * vetting against the ban list and the latest criminal-record query, then the employment, its
 * events and audit entry. A refused hiring records the attempt and its event and returns the
 * error for the caller to raise after the commit: the refusal itself is kept, the staff record
 * is not.
 */
export class HireStaff {
  constructor(
    private readonly rules: StaffRules,
    private readonly vault: ResidentIdVault,
    private readonly views: StaffViews,
    private readonly ratios: RatioMonitor,
    private readonly certificates: CertificateRateMonitor,
  ) {}

  async hire(tx: Transaction, institution: InstitutionReplica, body: AddStaffBody, actor: Actor, today: IsoDate, requestId?: string, fullIdNumbers = false): Promise<HireOutcome> {
    const { manager } = tx;
    // Staff changes of one institution one after another (ratio state, concurrent imports).
    await manager.getRepository(InstitutionReplica).findOne({ where: { id: institution.id }, lock: { mode: 'pessimistic_write' } });
    const person: Person = await this.vault.findOrCreate(manager, body.idNumber, body.name);
    const employments = manager.getRepository(Employment);
    const active = await employments.createQueryBuilder('e')
      .where('e.person_id = :p AND e.institution_id = :i AND e.end_date IS NULL', { p: person.id, i: institution.id })
      .getCount();
    if (active > 0) throw alreadyEmployed();
    const facts = await vettingFacts(manager, person.id);
    const decision = decideVetting({ ...facts, today, startDate: body.startDate, intervalMonths: this.rules.recheck.intervalMonths });
    const where = { institutionId: institution.id, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId };
    const attempt = manager.getRepository(VettingAttempt).create({
      id: randomUUID(), personId: person.id, institutionId: institution.id, role: body.role, outcome: decision.status,
      reason: decision.reason, refId: decision.refId, actorDepartment: actor.department, actorUser: actor.userId, employmentId: null,
    });

    if (decision.status === 'rejected') {
      await manager.getRepository(VettingAttempt).insert(attempt);
      await tx.publish<StaffVettingRejectedData>({
        subject: StaffEvents.vettingRejected, actor, entityId: attempt.id,
        data: { ...where, attemptId: attempt.id, staffId: null, reason: decision.reason!, refId: decision.refId!, nameMasked: maskName(body.name), idNumberMasked: person.idMasked, role: body.role },
      });
      await tx.audit({
        actor, action: 'staff.vetting.reject', entity: 'vetting_attempt', entityId: attempt.id, requestId,
        after: { institutionId: institution.id, idNumber: person.idMasked, role: body.role, reason: decision.reason, refId: decision.refId },
      });
      const banned = decision.reason === 'BANNED';
      return {
        hired: false,
        error: new DomainError(
          banned ? 'STAFF_BANNED' : 'STAFF_CRIMINAL_RECORD',
          banned ? '该人员被依法禁止从事托育工作（从业禁止 / 终身禁入），不能录用' : '该人员有性侵害、虐待、拐卖、暴力伤害等违法犯罪记录，依法不得录用（未成年人保护法第六十二条）',
          [{ field: 'idNumber', code: banned ? 'STAFF_BANNED' : 'STAFF_CRIMINAL_RECORD', message: banned ? '从业禁止名单中有此人' : '违法犯罪记录查询有记录' }],
        ),
      };
    }

    const employment = employments.create({
      id: randomUUID(), personId: person.id, institutionId: institution.id, name: body.name, role: body.role,
      employmentType: body.employmentType ?? 'full_time', classType: body.classType ?? null, className: body.className ?? null,
      startDate: body.startDate, endDate: null, endReason: null,
      vettingStatus: decision.status, vettingReason: decision.reason, vettingRef: decision.refId, createdBy: actor.userId,
    });
    await employments.insert(employment);
    attempt.employmentId = employment.id;
    await manager.getRepository(VettingAttempt).insert(attempt);
    if (person.name !== body.name) await manager.getRepository(Person).update({ id: person.id }, { name: body.name });
    const saved = await employments.findOneByOrFail({ id: employment.id });

    if (saved.employmentType === 'full_time') await this.flagConcurrent(tx, saved, person, actor);
    const masked = await this.views.one(manager, saved, today);
    await tx.publish<StaffEmploymentStartedData>({ subject: StaffEvents.employmentStarted, actor, entityId: saved.id, data: { ...where, staff: masked } });
    await tx.audit({ actor, action: 'staff.add', entity: 'employment', entityId: saved.id, after: masked, requestId });
    await this.ratios.evaluate(manager, tx, institution, actor);
    await this.certificates.evaluate(manager, tx, [institution], actor, today);
    return { hired: true, view: fullIdNumbers ? await this.views.one(manager, saved, today, true) : masked };
  }

  /**
   * 同一人员同时在两家机构全职: flags both employments, matched by the keyed hash (the person
   * record), and tells each institution's supervisors.
   */
  private async flagConcurrent(tx: Transaction, employment: Employment, person: Person, actor: Actor): Promise<void> {
    const { manager } = tx;
    const others = await manager.getRepository(Employment).createQueryBuilder('e')
      .where('e.person_id = :p AND e.end_date IS NULL AND e.employment_type = :ft AND e.id <> :id AND e.institution_id <> :i', {
        p: person.id, ft: 'full_time', id: employment.id, i: employment.institutionId,
      })
      .getMany();
    for (const other of others) {
      for (const [flagged, ref] of [[employment, other], [other, employment]] as const) {
        const inserted = await manager.createQueryBuilder().insert().into(StaffFlag)
          .values({ id: randomUUID(), employmentId: flagged.id, kind: 'concurrent_employment', refId: ref.id })
          .orIgnore().execute();
        if ((inserted.raw as unknown[]).length === 0) continue;
        const institution = await manager.getRepository(InstitutionReplica).findOneBy({ id: flagged.institutionId });
        await tx.publish<StaffEmploymentFlaggedData>({
          subject: StaffEvents.employmentFlagged, actor, entityId: flagged.id,
          data: {
            institutionId: flagged.institutionId, divisionCode: institution?.divisionCode ?? '', ownerUserId: institution?.ownerUserId ?? null,
            staffId: flagged.id, kind: 'concurrent_employment', refId: ref.id, nameMasked: maskName(flagged.name), idNumberMasked: person.idMasked,
          },
        });
      }
    }
  }
}
