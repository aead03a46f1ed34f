import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startRegistry } from './app.js';
import { RegistryConfig } from './config.js';

await runService(() => startRegistry(loadServiceConfig(RegistryConfig)));
