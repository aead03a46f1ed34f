import { DomainError } from '@shanyu/common';
import type { InstitutionStatus, PlacesByClass } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { tables } from '../sql.js';

export interface InstitutionRow {
  id: string;
  name: string;
  divisionCode: string;
  ownerUserId: string | null;
  status: InstitutionStatus;
  places: PlacesByClass;
  totalPlaces: number;
}

/** The replica of an institution (from the registry's events), optionally locked for the transaction. */
export async function institutionOrThrow(db: EntityManager | DataSource, id: string, lock = false): Promise<InstitutionRow> {
  const [row]: { id: string; name: string; division_code: string; owner_user_id: string | null; status: InstitutionStatus; places: PlacesByClass; total_places: number }[] =
    await db.query(
      `SELECT id, name, division_code, owner_user_id, status, places, total_places FROM ${tables(db).institution} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id],
    );
  if (!row) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在（或登记信息尚未同步到补助服务）`);
  return { id: row.id, name: row.name, divisionCode: row.division_code, ownerUserId: row.owner_user_id, status: row.status, places: row.places, totalPlaces: row.total_places };
}
