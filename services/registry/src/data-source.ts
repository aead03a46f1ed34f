import { createServiceDataSource } from '@shanyu/persistence';
import { Institution } from './institutions/institution.entity.js';
import { Institutions1763800000100 } from './migrations/1763800000100-institutions.js';

export const REGISTRY_ENTITIES = [Institution];
export const REGISTRY_MIGRATIONS = [Institutions1763800000100];

export function registryDataSource(url: string, schema = 'registry') {
  return createServiceDataSource({ url, schema, entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS });
}
