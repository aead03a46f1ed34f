export * from './config.js';
export * from './metrics.js';
export * from './metrics-server.js';
export * from './tracing.js';
