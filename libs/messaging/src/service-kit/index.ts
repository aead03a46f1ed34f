export * from './health.js';
export * from './periodic-job.js';
export * from './start-service.js';
