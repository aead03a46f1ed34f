import type { EventEnvelope, InstitutionView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { InstitutionRepository } from './institution.repository.js';

/**
 * Keeps the institution replica in step: registered / updated / deregistered and
 * filing.approved (status filed), 普惠, 示范 — every registry event whose data has an
 * InstitutionView. A copy made from a newer version is never overwritten by an older one.
 */
export async function followRegistryEvent(event: EventEnvelope, manager: EntityManager): Promise<void> {
  const view = (event.data as { institution?: InstitutionView } | null)?.institution;
  if (!view?.id || typeof view.version !== 'number') return;
  await new InstitutionRepository(manager).copyFromRegistry({
    id: view.id,
    name: view.name,
    divisionCode: view.divisionCode,
    status: view.status,
    operatorType: view.operatorType,
    nature: view.nature ?? null,
    ownerUserId: view.ownerUserId ?? null,
    totalPlaces: view.totalPlaces ?? 0,
    sourceVersion: view.version,
  });
}
