import type { EventEnvelope, InstitutionView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { schemaTable, upsertNewerVersion } from '@shanyu/persistence';

/**
 * Keeps the institution replica in step: registered / updated / deregistered and
 * filing.approved (status filed), 普惠, 示范 — every registry event whose data has an
 * InstitutionView. A copy made from a newer version is never overwritten by an older one.
 */
export async function followRegistryEvent(event: EventEnvelope, manager: EntityManager): Promise<void> {
  const view = (event.data as { institution?: InstitutionView } | null)?.institution;
  if (!view?.id || typeof view.version !== 'number') return;
  await upsertNewerVersion(manager, schemaTable(manager, 'institution'), {
    id: view.id, name: view.name, division_code: view.divisionCode, status: view.status, operator_type: view.operatorType,
    owner_user_id: view.ownerUserId ?? null, total_places: view.totalPlaces ?? 0, source_version: view.version,
  });
}
