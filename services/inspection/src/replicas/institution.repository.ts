import { divisionPrefix, DomainError } from '@shanyu/common';
import type { CreditGrade, InstitutionNature, InstitutionStatus, OperatorType } from '@shanyu/contracts';
import { schemaTable, upsertNewerVersion } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { InstitutionReplica } from './institution-replica.entity.js';

/** An institution as the registry's event describes it, at the registry's version `sourceVersion`. */
export interface RegistryCopy {
  id: string;
  name: string;
  divisionCode: string;
  status: InstitutionStatus;
  operatorType: OperatorType;
  nature: InstitutionNature | null;
  ownerUserId: string | null;
  totalPlaces: number;
  sourceVersion: number;
}

/**
 * The copies of other services' records about institutions: the registry's institutions and the
 * credit service's grades. The grades table has no entity and is written by a conditional upsert,
 * so it is read and written in SQL.
 */
export class InstitutionRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(InstitutionReplica);
  }

  find(id: string): Promise<InstitutionReplica | null> {
    return this.rows.findOneBy({ id });
  }

  async get(id: string): Promise<InstitutionReplica> {
    const institution = await this.find(id);
    if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在（或尚未同步到检查服务）`);
    return institution;
  }

  async idsOwnedBy(userId: string): Promise<string[]> {
    return (await this.rows.findBy({ ownerUserId: userId })).map((x) => x.id);
  }

  /** Filed institutions inside the division, in no particular order. */
  filedWithin(divisionCode: string): Promise<InstitutionReplica[]> {
    return this.rows
      .createQueryBuilder('i')
      .where(`i.status = 'filed' AND i.division_code LIKE :division`, { division: `${divisionPrefix(divisionCode)}%` })
      .getMany();
  }

  /** Operating institutions inside the division — registered, filed or not, and not deregistered — in no particular order. */
  operatingWithin(divisionCode: string): Promise<InstitutionReplica[]> {
    return this.rows
      .createQueryBuilder('i')
      .where(`i.status <> 'deregistered' AND i.division_code LIKE :division`, { division: `${divisionPrefix(divisionCode)}%` })
      .getMany();
  }

  /** Stores the copy unless a newer version is already stored; returns whether it changed. */
  copyFromRegistry(copy: RegistryCopy): Promise<boolean> {
    return upsertNewerVersion(this.manager, schemaTable(this.manager, 'institution'), {
      id: copy.id,
      name: copy.name,
      division_code: copy.divisionCode,
      status: copy.status,
      operator_type: copy.operatorType,
      nature: copy.nature,
      owner_user_id: copy.ownerUserId,
      total_places: copy.totalPlaces,
      source_version: copy.sourceVersion,
    });
  }

  /** Stores a grade unless a later change of it is already stored. */
  async recordGrade(institutionId: string, grade: CreditGrade, changedAt: string, eventId: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'institution_grade')} AS g (institution_id, grade, changed_at, event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id) DO UPDATE SET grade = EXCLUDED.grade, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
       WHERE g.changed_at <= EXCLUDED.changed_at`,
      [institutionId, grade, changedAt, eventId],
    );
  }

  /** The grades stored for these institutions (those never graded are absent). */
  async knownGrades(institutionIds: string[]): Promise<Map<string, CreditGrade>> {
    if (institutionIds.length === 0) return new Map();
    const rows: { institution_id: string; grade: CreditGrade }[] = await this.manager.query(
      `SELECT institution_id, grade FROM ${schemaTable(this.manager, 'institution_grade')} WHERE institution_id = ANY($1::uuid[])`,
      [institutionIds],
    );
    return new Map(rows.map((r) => [r.institution_id, r.grade]));
  }
}
