import { DomainError } from '@shanyu/common';
import type { InstitutionStatus, InstitutionView, PlacesByClass } from '@shanyu/contracts';
import { upsertNewerVersion } from '@shanyu/persistence';
import { SqlRepository } from '../sql.js';

export interface InstitutionRow {
  id: string;
  name: string;
  divisionCode: string;
  ownerUserId: string | null;
  status: InstitutionStatus;
  places: PlacesByClass;
  totalPlaces: number;
  /** 注销: the day it stopped operating (null while it operates, or not known). */
  deregisteredOn: string | null;
}

/** What an event changes: the replica's facts before the newer version is applied. */
export interface ReplicaFacts {
  status: string;
  inclusive: { grantedOn: string } | null;
  demonstrations: { year: number; designatedOn: string }[];
  division_code: string;
}

/** The institutions as the registry's events describe them: the subsidy service's replica. */
export class InstitutionRepository extends SqlRepository {
  /** The replica of an institution, optionally locked for the transaction. */
  async byIdOrThrow(id: string, lock = false): Promise<InstitutionRow> {
    const [row]: {
      id: string;
      name: string;
      division_code: string;
      owner_user_id: string | null;
      status: InstitutionStatus;
      places: PlacesByClass;
      total_places: number;
      deregistered_on: string | null;
    }[] = await this.manager.query(
      `SELECT id, name, division_code, owner_user_id, status, places, total_places, to_char(deregistered_on, 'YYYY-MM-DD') AS deregistered_on
         FROM ${this.t.institution} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在（或登记信息尚未同步到补助服务）`);
    return {
      id: row.id,
      name: row.name,
      divisionCode: row.division_code,
      ownerUserId: row.owner_user_id,
      status: row.status,
      places: row.places,
      totalPlaces: row.total_places,
      deregisteredOn: row.deregistered_on,
    };
  }

  async divisionOf(id: string): Promise<string | undefined> {
    return (await this.manager.query(`SELECT division_code FROM ${this.t.institution} WHERE id = $1`, [id]))[0]?.division_code as string | undefined;
  }

  /** The replica's facts as they are, locked until the transaction ends (undefined: not replicated yet). */
  async factsForUpdate(id: string): Promise<ReplicaFacts | undefined> {
    const [row]: ReplicaFacts[] = await this.manager.query(
      `SELECT status, inclusive, demonstrations, division_code FROM ${this.t.institution} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Applies the registry's record unless the replica holds a newer version; whether it changed. */
  upsert(view: InstitutionView): Promise<boolean> {
    return upsertNewerVersion(this.manager, this.t.institution, {
      id: view.id,
      name: view.name,
      division_code: view.divisionCode,
      owner_user_id: view.ownerUserId ?? null,
      status: view.status,
      places: JSON.stringify(view.places),
      total_places: view.totalPlaces,
      inclusive: view.inclusive ? JSON.stringify(view.inclusive) : null,
      demonstrations: JSON.stringify(view.demonstrations ?? []),
      // A record from before the registry dated its institutions has no dates: the replica keeps what it had.
      ...(view.registeredOn === undefined ? {} : { registered_on: view.registeredOn }),
      ...(view.deregisteredOn === undefined ? {} : { deregistered_on: view.deregisteredOn }),
      operator_type: view.operatorType,
      source_version: view.version,
    });
  }
}
