import { type EventEnvelope, type InstitutionStatus, institutionOf } from '@shanyu/contracts';
import { type Db, schemaTable, upsertNewerVersion } from '@shanyu/persistence';

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
    const changed = await upsertNewerVersion(db, schemaTable(db, 'institution'), {
      id: view.id, name: view.name, division_code: view.divisionCode, owner_user_id: view.ownerUserId ?? null, status: view.status, source_version: view.version,
    });
    if (!changed) return false;
    // A move to another division moves the standing with it (lists are by division).
    await db.query(`UPDATE ${schemaTable(db, 'standing')} SET division_code = $2 WHERE institution_id = $1 AND division_code <> $2`, [view.id, view.divisionCode]);
    return true;
  }

  async get(db: Db, id: string): Promise<InstitutionCopy | null> {
    const rows: { id: string; name: string; division_code: string; owner_user_id: string | null; status: InstitutionStatus }[] = await db.query(
      `SELECT id, name, division_code, owner_user_id, status FROM ${schemaTable(db, 'institution')} WHERE id = $1`, [id],
    );
    const r = rows[0];
    return r ? { id: r.id, name: r.name, divisionCode: r.division_code, ownerUserId: r.owner_user_id, status: r.status } : null;
  }
}
