import { type Actor, addDays, daysBetween, type IsoDate, shanghaiToday } from '@shanyu/common';
import { CREDENTIAL_TYPE_LABELS, type CredentialAlert, type CredentialAlerts, type CredentialAlertsRequest, type CredentialType, type StaffRole } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { StaffRules } from '../rules/staff-rules.js';
import { schemaTable } from '@shanyu/persistence';

export interface CredentialDueRow {
  staffId: string;
  institutionId: string;
  name: string;
  role: StaffRole;
  credentialId: string;
  type: CredentialType;
  expiresOn: IsoDate;
}

/** Credentials of currently employed people that expire on or before `until`, per employment. */
export async function credentialsDue(db: EntityManager | DataSource, until: IsoDate, institutionId?: string): Promise<CredentialDueRow[]> {
  const rows: { staff_id: string; institution_id: string; name: string; role: StaffRole; credential_id: string; type: CredentialType; expires_on: string }[] = await db.query(
    `SELECT e.id AS staff_id, e.institution_id, e.name, e.role, c.id AS credential_id, c.type, c.expires_on::text AS expires_on
     FROM ${schemaTable(db, 'employment')} e JOIN ${schemaTable(db, 'credential')} c ON c.person_id = e.person_id
     WHERE e.end_date IS NULL AND c.expires_on IS NOT NULL AND c.expires_on <= $1 AND ($2::uuid IS NULL OR e.institution_id = $2)
     ORDER BY c.expires_on, e.name, c.id`,
    [until, institutionId ?? null],
  );
  return rows.map((r) => ({ staffId: r.staff_id, institutionId: r.institution_id, name: r.name, role: r.role, credentialId: r.credential_id, type: r.type, expiresOn: r.expires_on }));
}

/**
 * 证书到期提醒 of one institution: credentials expiring within `days` (default from the rules)
 * and expired ones. A credential replaced by a newer one of the same type that is still valid
 * is not listed.
 */
export class CredentialAlertsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly rules: StaffRules,
  ) {}

  async execute(request: CredentialAlertsRequest, actor: Actor, today: IsoDate = shanghaiToday()): Promise<CredentialAlerts> {
    const institution = await institutionOrThrow(this.dataSource, request.institutionId);
    this.policy.assertCanRead(actor, institution);
    const days = request.days ?? this.rules.credentialExpiringDays.value;
    const due = await withoutRenewed(this.dataSource, await credentialsDue(this.dataSource, addDays(today, days), institution.id), addDays(today, days));
    const alert = (r: CredentialDueRow): CredentialAlert => ({
      staffId: r.staffId, name: r.name, role: r.role, credentialId: r.credentialId, type: r.type, label: CREDENTIAL_TYPE_LABELS[r.type],
      expiresOn: r.expiresOn, daysLeft: daysBetween(today, r.expiresOn),
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

/** Drops credentials whose holder has another of the same type valid beyond `until` (renewed). */
export async function withoutRenewed(db: EntityManager | DataSource, rows: CredentialDueRow[], until: IsoDate): Promise<CredentialDueRow[]> {
  if (!rows.length) return rows;
  const renewed: { credential_id: string }[] = await db.query(
    `SELECT old.id AS credential_id FROM ${schemaTable(db, 'credential')} old
     WHERE old.id = ANY($1::uuid[]) AND EXISTS (
       SELECT 1 FROM ${schemaTable(db, 'credential')} n WHERE n.person_id = old.person_id AND n.type = old.type AND n.id <> old.id
         AND (n.expires_on IS NULL OR n.expires_on > $2))`,
    [[...new Set(rows.map((r) => r.credentialId))], until],
  );
  const skip = new Set(renewed.map((r) => r.credential_id));
  return rows.filter((r) => !skip.has(r.credentialId));
}
