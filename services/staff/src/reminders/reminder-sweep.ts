import { addDays, daysBetween, divisionPrefix, type IsoDate, maskName, NATIONAL_JURISDICTION, SYSTEM_ACTOR } from '@shanyu/common';
import { StaffEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { CredentialRepository } from '../credentials/credential.repository.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { StaffRuleDocumentRepository } from '../rules/rule-document.repository.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import type { CertificateRateMonitor } from '../stats/certificate-rate-monitor.js';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { activeStaffOf, overdueOf } from '../stats/staff-stats.js';
import { ReminderRepository } from './reminder.repository.js';

export interface SweepResult {
  credentialExpiring: number;
  credentialExpired: number;
  recheckOverdue: number;
  /** Published rule documents that took effect and whose jurisdiction's institutions were judged again under them. */
  rulesApplied: number;
}

/**
 * Publishes the reminders of a day: credentials expiring within the rules' days and expired
 * ones (evt.staff.credential.expiring.v1 / expired.v1, one per credential and institution) and
 * overdue yearly re-checks (evt.staff.recheck.overdue.v1, one per employment and due date).
 * Each reminder is sent once: the `reminder` table remembers it in the same transaction as the
 * event. A published staff rule document that has taken effect is applied once: the ratios and
 * 持证率 of its jurisdiction's institutions are judged again under it (a breach, or a new rate, is
 * published as when staff change). Safe to run on several replicas at once (an advisory lock lets
 * one sweep at a time).
 */
export class ReminderSweep {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly book: StaffRuleStore,
    private readonly certificates: CertificateRateMonitor,
    private readonly ratios: RatioMonitor,
  ) {}

  async run(today: IsoDate): Promise<SweepResult> {
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const reminders = new ReminderRepository(manager);
      await reminders.lockSweep();
      const result: SweepResult = { credentialExpiring: 0, credentialExpired: 0, recheckOverdue: 0, rulesApplied: 0 };
      const book = await this.book.current(manager);
      const until = addDays(today, book.for('000000', today).credentialExpiringDays.value);
      const due = await new CredentialRepository(manager).dueNotRenewed(until);
      const institutions = new Map((await new InstitutionRepository(manager).all()).map((i) => [i.id, i]));
      const lapsed = new Map<string, InstitutionReplica>();
      for (const row of due) {
        const expired = row.expiresOn < today;
        const kind = expired ? 'credential_expired' : 'credential_expiring';
        if (!(await reminders.remember(kind, row.credentialId, row.institutionId, row.expiresOn))) continue;
        const institution = institutions.get(row.institutionId);
        await tx.publish(expired ? StaffEvt.credentialExpired : StaffEvt.credentialExpiring, {
          actor: SYSTEM_ACTOR,
          entityId: row.credentialId,
          data: {
            institutionId: row.institutionId,
            divisionCode: institution?.divisionCode ?? '',
            ownerUserId: institution?.ownerUserId ?? null,
            staffId: row.staffId,
            credentialId: row.credentialId,
            type: row.type,
            expiresOn: row.expiresOn,
            daysLeft: daysBetween(today, row.expiresOn),
            nameMasked: maskName(row.name),
          },
        });
        if (expired) result.credentialExpired++;
        else result.credentialExpiring++;
        if (expired && institution) lapsed.set(institution.id, institution);
      }
      // An expired qualification lowers 持证率 without anyone acting: publish the new rate.
      await this.certificates.evaluate(manager, tx, [...lapsed.values()], SYSTEM_ACTOR, today);
      for (const overdue of overdueOf(await activeStaffOf(manager, [...institutions.values()]), book, today)) {
        if (!(await reminders.remember('recheck_overdue', overdue.staffId, overdue.institutionId, overdue.dueOn))) continue;
        const institution = institutions.get(overdue.institutionId);
        await tx.publish(StaffEvt.recheckOverdue, {
          actor: SYSTEM_ACTOR,
          entityId: overdue.staffId,
          data: {
            institutionId: overdue.institutionId,
            divisionCode: overdue.divisionCode,
            ownerUserId: institution?.ownerUserId ?? null,
            staffId: overdue.staffId,
            lastCheckedOn: overdue.lastCheckedOn,
            dueOn: overdue.dueOn,
            nameMasked: maskName(overdue.name),
          },
        });
        result.recheckOverdue++;
      }
      // Rules published for a jurisdiction that took effect: its institutions are judged again under them, once.
      const documents = new StaffRuleDocumentRepository(manager);
      for (const doc of await documents.unapplied(today)) {
        const replicas = new InstitutionRepository(manager);
        const covered = await replicas.inDivisions([doc.jurisdiction === NATIONAL_JURISDICTION ? '' : divisionPrefix(doc.jurisdiction)]);
        for (const institution of covered) {
          // As a change of its staff does: one evaluation of an institution's ratios at a time.
          await replicas.byIdForUpdate(institution.id);
          await this.ratios.evaluate(manager, tx, institution, SYSTEM_ACTOR, today);
        }
        await this.certificates.evaluate(manager, tx, covered, SYSTEM_ACTOR, today);
        await documents.markApplied(doc.version, today);
        result.rulesApplied++;
      }
      return result;
    });
  }
}
