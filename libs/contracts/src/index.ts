export * from './rpc.js';
export * from './events.js';
export * from './validation.js';
export * from './validators.js';
export * from './catalog.js';
export * from './registry/institution.contracts.js';
export * from './registry/registry.subjects.js';
export * from './schemas.js';
