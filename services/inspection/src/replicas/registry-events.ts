import type { EventEnvelope, InstitutionView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { tableOf } from '../sql.js';

/**
 * Keeps the institution replica in step: registered / updated / deregistered and
 * filing.approved (status filed), 普惠, 示范 — every registry event whose data has an
 * InstitutionView. A copy made from a newer version is never overwritten by an older one.
 */
export async function followRegistryEvent(event: EventEnvelope, manager: EntityManager): Promise<void> {
  const view = (event.data as { institution?: InstitutionView } | null)?.institution;
  if (!view?.id || typeof view.version !== 'number') return;
  await manager.query(
    `INSERT INTO ${tableOf(manager, 'institution')} AS r (id, name, division_code, status, operator_type, owner_user_id, total_places, source_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, division_code = EXCLUDED.division_code, status = EXCLUDED.status,
       operator_type = EXCLUDED.operator_type, owner_user_id = EXCLUDED.owner_user_id, total_places = EXCLUDED.total_places,
       source_version = EXCLUDED.source_version, updated_at = now()
     WHERE r.source_version <= EXCLUDED.source_version`,
    [view.id, view.name, view.divisionCode, view.status, view.operatorType, view.ownerUserId ?? null, view.totalPlaces ?? 0, view.version],
  );
}
