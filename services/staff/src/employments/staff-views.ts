import { addDays, type IsoDate } from '@shanyu/common';
import {
  CREDENTIAL_TYPE_LABELS, type CredentialView, STAFF_ROLE_LABELS, type StaffFlagKind, type StaffView,
} from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { Credential } from '../credentials/credential.entity.js';
import { complianceOf } from '../domain/compliance.js';
import { recheckDue } from '../domain/vetting.js';
import { Person } from '../people/person.entity.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import type { StaffRules } from '../rules/staff-rules.js';
import { schemaTable } from '@shanyu/persistence';
import { StaffFlag } from '../vetting/vetting.entities.js';
import type { Employment } from './employment.entity.js';

export function credentialStatus(c: Pick<Credential, 'expiresOn'>, today: IsoDate, expiringDays: number): CredentialView['status'] {
  if (c.expiresOn === null) return 'valid';
  if (c.expiresOn < today) return 'expired';
  return c.expiresOn <= addDays(today, expiringDays) ? 'expiring' : 'valid';
}

/** The latest record-check date per person. */
export async function lastCheckedOn(db: EntityManager | DataSource, personIds: string[]): Promise<Map<string, IsoDate>> {
  if (!personIds.length) return new Map();
  const rows: { person_id: string; checked_on: string }[] = await db.query(
    `SELECT person_id, max(checked_on)::text AS checked_on FROM ${schemaTable(db, 'record_check')} WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
    [personIds],
  );
  return new Map(rows.map((r) => [r.person_id, r.checked_on]));
}

/**
 * Builds StaffViews for many employments with a handful of queries. The ID number is the masked
 * one unless `fullIdNumbers` (public security); replies only, never events or the audit log.
 */
export class StaffViews {
  constructor(
    private readonly rules: StaffRules,
    private readonly vault: ResidentIdVault,
  ) {}

  async build(db: EntityManager | DataSource, employments: Employment[], today: IsoDate, fullIdNumbers = false): Promise<StaffView[]> {
    if (!employments.length) return [];
    const personIds = [...new Set(employments.map((e) => e.personId))];
    // One after another: inside a transaction the queries share one connection.
    // `= ANY($1)`, not `IN ($1, …, $n)`: one parameter however many (a sheet of 1,000 rows).
    const people = await db.getRepository(Person).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: personIds }).getMany();
    const credentials = await db.getRepository(Credential).createQueryBuilder('c').where('c.person_id = ANY(:ids)', { ids: personIds })
      .orderBy('c.issuedOn', 'ASC').addOrderBy('c.createdAt', 'ASC').getMany();
    const flags = await db.getRepository(StaffFlag).createQueryBuilder('f').where('f.employment_id = ANY(:ids) AND f.cleared_at IS NULL', { ids: employments.map((e) => e.id) })
      .orderBy('f.raisedAt', 'ASC').getMany();
    const checks = await lastCheckedOn(db, personIds);
    const personById = new Map(people.map((p) => [p.id, p]));
    const credentialsOf = groupBy(credentials, (c) => c.personId);
    const flagsOf = groupBy(flags, (f) => f.employmentId);
    const expiringDays = this.rules.credentialExpiringDays.value;
    const interval = this.rules.recheck.intervalMonths;
    return employments.map((e) => {
      const person = personById.get(e.personId)!;
      const own = credentialsOf.get(e.personId) ?? [];
      const last = checks.get(e.personId) ?? null;
      return {
        id: e.id,
        institutionId: e.institutionId,
        name: e.name,
        idNumber: fullIdNumbers ? this.vault.reveal(person) : person.idMasked,
        idNumberDisclosure: fullIdNumbers ? 'full' : 'masked',
        role: e.role,
        roleLabel: STAFF_ROLE_LABELS[e.role],
        employmentType: e.employmentType,
        classType: e.classType,
        className: e.className,
        startDate: e.startDate,
        endDate: e.endDate,
        status: e.endDate === null ? 'active' : 'ended',
        vetting: { status: e.vettingStatus, reason: e.vettingReason, lastCheckedOn: last },
        recheck: { lastCheckedOn: last, ...recheckDue(last, e.startDate, interval, today) },
        flags: (flagsOf.get(e.id) ?? []).map((f) => ({ kind: f.kind as StaffFlagKind, raisedAt: f.raisedAt.toISOString(), refId: f.refId })),
        credentials: own.map((c) => ({
          id: c.id, type: c.type, label: CREDENTIAL_TYPE_LABELS[c.type], number: c.number, issuer: c.issuer,
          issuedOn: c.issuedOn, expiresOn: c.expiresOn, status: credentialStatus(c, today, expiringDays),
        })),
        missingCredentials: complianceOf(this.rules, e.role, own, today).missing,
        createdAt: e.createdAt.toISOString(),
      } satisfies StaffView;
    });
  }

  async one(db: EntityManager | DataSource, employment: Employment, today: IsoDate, fullIdNumbers = false): Promise<StaffView> {
    return (await this.build(db, [employment], today, fullIdNumbers))[0]!;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
