import { schemaTable, upsertNewerVersion } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { InstitutionReplica } from './institution-replica.entity.js';

/** The columns of a replica as the registry's event gives them. */
export interface InstitutionCopy {
  id: string;
  name: string;
  divisionCode: string;
  ownerUserId: string | null;
  status: InstitutionReplica['status'];
  places: InstitutionReplica['places'];
  operatorType: string | null;
  sourceVersion: number;
}

/** The staff service's copy of the registry's institutions. */
export class InstitutionRepository {
  constructor(private readonly manager: EntityManager) {}

  byId(id: string): Promise<InstitutionReplica | null> {
    return this.manager.findOneBy(InstitutionReplica, { id });
  }

  byIdOrFail(id: string): Promise<InstitutionReplica> {
    return this.manager.findOneByOrFail(InstitutionReplica, { id });
  }

  /** The replica, locked for the rest of the transaction (staff changes of one institution one after another). */
  byIdForUpdate(id: string): Promise<InstitutionReplica | null> {
    return this.manager.findOne(InstitutionReplica, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byIds(ids: string[]): Promise<InstitutionReplica[]> {
    return ids.length ? this.manager.createQueryBuilder(InstitutionReplica, 'i').where('i.id = ANY(:ids)', { ids }).getMany() : Promise.resolve([]);
  }

  all(): Promise<InstitutionReplica[]> {
    return this.manager.find(InstitutionReplica);
  }

  ownedBy(userId: string): Promise<InstitutionReplica[]> {
    return this.manager.findBy(InstitutionReplica, { ownerUserId: userId });
  }

  /** Institutions (not deregistered) whose division code starts with one of `prefixes`, or all when null; by division, then name. */
  inDivisions(prefixes: string[] | null): Promise<InstitutionReplica[]> {
    const qb = this.manager.createQueryBuilder(InstitutionReplica, 'i').where(`i.status <> 'deregistered'`);
    if (prefixes !== null) qb.andWhere('i.division_code LIKE ANY(:p)', { p: prefixes.map((p) => `${p}%`) });
    return qb.orderBy('i.division_code').addOrderBy('i.name').getMany();
  }

  /** Stores the copy unless a newer version is held; returns whether it changed. */
  follow(copy: InstitutionCopy): Promise<boolean> {
    return upsertNewerVersion(this.manager, schemaTable(this.manager, 'institution_replica'), {
      id: copy.id,
      name: copy.name,
      division_code: copy.divisionCode,
      owner_user_id: copy.ownerUserId,
      status: copy.status,
      places: JSON.stringify(copy.places),
      operator_type: copy.operatorType,
      source_version: copy.sourceVersion,
    });
  }
}
