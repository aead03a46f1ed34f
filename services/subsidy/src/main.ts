import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startSubsidy } from './app.js';
import { SubsidyConfig } from './config.js';

await runService(() => startSubsidy(loadServiceConfig(SubsidyConfig)));
