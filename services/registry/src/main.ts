import 'reflect-metadata';
import { ConfigError, loadConfig } from '@shanyu/common';
import { startRegistry } from './app.js';
import { RegistryConfig } from './config.js';

try {
  const registry = await startRegistry(loadConfig(RegistryConfig));
  const shutdown = async () => {
    await registry.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
