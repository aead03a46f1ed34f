import { type Actor, addDays, daysBetween, type IsoDate, shanghaiToday } from '@shanyu/common';
import { CREDENTIAL_TYPE_LABELS, type CredentialAlert, type CredentialAlerts, type CredentialAlertsRequest } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import { type CredentialDueRow, CredentialRepository } from './credential.repository.js';

/**
 * 证书到期提醒 of one institution: credentials expiring within `days` (default from the rules)
 * and expired ones. A credential replaced by a newer one of the same type that is still valid
 * is not listed.
 */
export class CredentialAlertsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: CredentialAlertsRequest, actor: Actor, today: IsoDate = shanghaiToday()): Promise<CredentialAlerts> {
    const { manager } = this.dataSource;
    const institution = await institutionOrThrow(manager, request.institutionId);
    this.policy.assertCanRead(actor, institution);
    const days = request.days ?? (await this.book.current(manager)).for(institution.divisionCode, today).credentialExpiringDays.value;
    const due = await new CredentialRepository(manager).dueNotRenewed(addDays(today, days), institution.id);
    const alert = (r: CredentialDueRow): CredentialAlert => ({
      staffId: r.staffId,
      name: r.name,
      role: r.role,
      credentialId: r.credentialId,
      type: r.type,
      label: CREDENTIAL_TYPE_LABELS[r.type],
      expiresOn: r.expiresOn,
      daysLeft: daysBetween(today, r.expiresOn),
    });
    return {
      institutionId: institution.id,
      today,
      days,
      expiring: due.filter((r) => r.expiresOn >= today).map(alert),
      expired: due.filter((r) => r.expiresOn < today).map(alert),
    };
  }
}
