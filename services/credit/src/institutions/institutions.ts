import { type EventEnvelope, type InstitutionStatus, institutionOf } from '@shanyu/contracts';
import { type Db, table } from '../sql.js';

export interface InstitutionCopy {
  id: string;
  name: string;
  divisionCode: string;
  ownerUserId: string | null;
  status: InstitutionStatus;
}

/**
 * What the credit service knows about institutions, copied from the registry's events (never its
 * tables): name, division (lists, scope checks), operator account (own grade), status (public side).
 */
export class InstitutionReplica {
  /** Any registry event that carries the institution (institutionOf) updates the copy; an older version never overwrites a newer one. */
  async follow(db: Db, event: EventEnvelope): Promise<boolean> {
    const view = institutionOf(event);
    if (!view?.id || typeof view.version !== 'number' || typeof view.divisionCode !== 'string') return false;
    const changed: unknown[] = await db.query(
      `INSERT INTO ${table(db, 'institution')} AS r (id, name, division_code, owner_user_id, status, source_version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, division_code = EXCLUDED.division_code, owner_user_id = EXCLUDED.owner_user_id,
         status = EXCLUDED.status, source_version = EXCLUDED.source_version, updated_at = now()
       WHERE r.source_version <= EXCLUDED.source_version
       RETURNING id`,
      [view.id, view.name, view.divisionCode, view.ownerUserId ?? null, view.status, view.version],
    );
    if (changed.length === 0) return false;
    // A move to another division moves the standing with it (lists are by division).
    await db.query(`UPDATE ${table(db, 'standing')} SET division_code = $2 WHERE institution_id = $1 AND division_code <> $2`, [view.id, view.divisionCode]);
    return true;
  }

  async get(db: Db, id: string): Promise<InstitutionCopy | null> {
    const rows: { id: string; name: string; division_code: string; owner_user_id: string | null; status: InstitutionStatus }[] = await db.query(
      `SELECT id, name, division_code, owner_user_id, status FROM ${table(db, 'institution')} WHERE id = $1`, [id],
    );
    const r = rows[0];
    return r ? { id: r.id, name: r.name, divisionCode: r.division_code, ownerUserId: r.owner_user_id, status: r.status } : null;
  }
}
