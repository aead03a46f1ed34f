export * from './data-source.js';
export * from './foundation.entities.js';
export * from './institution-record.js';
export * from './institution-replica.js';
export * from './schema-migration.js';
export * from './audit-log.js';
export * from './canonical-json.js';
export * from './sql.js';
