export * from './factories.js';
export * from './infra-context.js';
