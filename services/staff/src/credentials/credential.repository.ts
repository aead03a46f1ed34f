import type { IsoDate } from '@shanyu/common';
import type { CredentialType, StaffRole } from '@shanyu/contracts';
import { isUniqueViolation, schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { Credential } from './credential.entity.js';

export interface CredentialDueRow {
  staffId: string;
  institutionId: string;
  name: string;
  role: StaffRole;
  credentialId: string;
  type: CredentialType;
  expiresOn: IsoDate;
}

/** Certificates held by people. */
export class CredentialRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The credentials of these people, by issue date then entry. */
  ofPeople(personIds: string[]): Promise<Credential[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.manager
      .createQueryBuilder(Credential, 'c')
      .where('c.person_id = ANY(:ids)', { ids: personIds })
      .orderBy('c.issuedOn', 'ASC')
      .addOrderBy('c.createdAt', 'ASC')
      .getMany();
  }

  exists(personId: string, type: CredentialType, number: string): Promise<boolean> {
    return this.manager.existsBy(Credential, { personId, type, number });
  }

  /**
   * False when the person already holds this type and number (a concurrent entry won the race);
   * the transaction is then unusable and must end.
   */
  async insert(credential: Credential): Promise<boolean> {
    try {
      await this.manager.insert(Credential, credential);
      return true;
    } catch (e) {
      if (isUniqueViolation(e, 'credential_unique')) return false;
      throw e;
    }
  }

  /**
   * Credentials of currently employed people that expire on or before `until`, per employment
   * (of one institution, or all), except those whose holder has another of the same type valid
   * beyond `until` (renewed). Raw SQL: a join and an EXISTS over tables the entities do not relate.
   */
  async dueNotRenewed(until: IsoDate, institutionId?: string): Promise<CredentialDueRow[]> {
    const employment = schemaTable(this.manager, 'employment');
    const credential = schemaTable(this.manager, 'credential');
    const rows: { staff_id: string; institution_id: string; name: string; role: StaffRole; credential_id: string; type: CredentialType; expires_on: string }[] =
      await this.manager.query(
        `SELECT e.id AS staff_id, e.institution_id, e.name, e.role, c.id AS credential_id, c.type, c.expires_on::text AS expires_on
       FROM ${employment} e JOIN ${credential} c ON c.person_id = e.person_id
       WHERE e.end_date IS NULL AND c.expires_on IS NOT NULL AND c.expires_on <= $1 AND ($2::uuid IS NULL OR e.institution_id = $2)
       ORDER BY c.expires_on, e.name, c.id`,
        [until, institutionId ?? null],
      );
    if (!rows.length) return [];
    const renewed: { credential_id: string }[] = await this.manager.query(
      `SELECT old.id AS credential_id FROM ${credential} old
       WHERE old.id = ANY($1::uuid[]) AND EXISTS (
         SELECT 1 FROM ${credential} n WHERE n.person_id = old.person_id AND n.type = old.type AND n.id <> old.id
           AND (n.expires_on IS NULL OR n.expires_on > $2))`,
      [[...new Set(rows.map((r) => r.credential_id))], until],
    );
    const skip = new Set(renewed.map((r) => r.credential_id));
    return rows
      .filter((r) => !skip.has(r.credential_id))
      .map((r) => ({
        staffId: r.staff_id,
        institutionId: r.institution_id,
        name: r.name,
        role: r.role,
        credentialId: r.credential_id,
        type: r.type,
        expiresOn: r.expires_on,
      }));
  }
}
