export * from './factories.js';
export * from './infra-context.js';
export * from './resident-id-scanner.js';
export * from './personal-data-watch.js';
export * from './personal-data-report.js';
export * from './log-capture.js';
export * from './contract-drift-report.js';
