import { addDays, type IsoDate } from '@shanyu/common';
import { CREDENTIAL_TYPE_LABELS, type CredentialView, STAFF_ROLE_LABELS, type StaffFlagKind, type StaffView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialRepository } from '../credentials/credential.repository.js';
import { complianceOf } from '../domain/compliance.js';
import { recheckDue } from '../domain/vetting.js';
import type { Person } from '../people/person.entity.js';
import { PersonRepository } from '../people/person.repository.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import { VettingRepository } from '../vetting/vetting.repository.js';
import type { Employment } from './employment.entity.js';

export function credentialStatus(c: Pick<Credential, 'expiresOn'>, today: IsoDate, expiringDays: number): CredentialView['status'] {
  if (c.expiresOn === null) return 'valid';
  if (c.expiresOn < today) return 'expired';
  return c.expiresOn <= addDays(today, expiringDays) ? 'expiring' : 'valid';
}

/**
 * Builds StaffViews for many employments with a handful of queries. The ID number is the masked
 * one unless `fullIdNumbers` (public security); replies only, never events or the audit log.
 */
export class StaffViews {
  constructor(
    private readonly book: StaffRuleStore,
    private readonly vault: ResidentIdVault,
  ) {}

  /** `people`: those of the employments' people the caller already holds (a hiring), not read again. */
  async build(manager: EntityManager, employments: Employment[], today: IsoDate, fullIdNumbers = false, people: Person[] = []): Promise<StaffView[]> {
    if (!employments.length) return [];
    const personIds = [...new Set(employments.map((e) => e.personId))];
    const vetting = new VettingRepository(manager);
    const held = new Set(people.map((p) => p.id));
    // One after another: inside a transaction the queries share one connection.
    people = [...people, ...(await new PersonRepository(manager).byIds(personIds.filter((id) => !held.has(id))))];
    const credentials = await new CredentialRepository(manager).ofPeople(personIds);
    const flags = await vetting.openFlagsOf(employments.map((e) => e.id));
    const checks = await vetting.lastCheckedOn(personIds);
    const divisionOf = new Map(
      (await new InstitutionRepository(manager).byIds([...new Set(employments.map((e) => e.institutionId))])).map((i) => [i.id, i.divisionCode]),
    );
    const book = await this.book.current(manager);
    const personById = new Map(people.map((p) => [p.id, p]));
    const credentialsOf = groupBy(credentials, (c) => c.personId);
    const flagsOf = groupBy(flags, (f) => f.employmentId);
    return employments.map((e) => {
      // The rules of the institution's division (national ones where it has none of its own).
      const rules = book.for(divisionOf.get(e.institutionId) ?? '000000', today);
      const expiringDays = rules.credentialExpiringDays.value;
      const interval = rules.recheck.intervalMonths;
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
          id: c.id,
          type: c.type,
          label: CREDENTIAL_TYPE_LABELS[c.type],
          number: c.number,
          issuer: c.issuer,
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
          status: credentialStatus(c, today, expiringDays),
        })),
        missingCredentials: complianceOf(rules, e.role, own, today).missing,
        createdAt: e.createdAt.toISOString(),
      } satisfies StaffView;
    });
  }

  async one(manager: EntityManager, employment: Employment, today: IsoDate, fullIdNumbers = false): Promise<StaffView> {
    return (await this.build(manager, [employment], today, fullIdNumbers))[0]!;
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
