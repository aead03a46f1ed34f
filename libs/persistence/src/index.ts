export * from './data-source.js';
export * from './foundation.entities.js';
export { currentSchema } from './foundation.migration.js';
export * from './audit-log.js';
export * from './canonical-json.js';
export * from './sql.js';
export * from './page.js';
