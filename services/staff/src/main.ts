import 'reflect-metadata';
import { ConfigError, loadConfig } from '@shanyu/common';
import { startStaff } from './app.js';
import { StaffConfig } from './config.js';

try {
  const staff = await startStaff(loadConfig(StaffConfig));
  const shutdown = async () => {
    await staff.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
} catch (e) {
  console.error(e instanceof ConfigError || (e as Error)?.name === 'StaffRulesError' ? (e as Error).message : e);
  process.exit(1);
}
