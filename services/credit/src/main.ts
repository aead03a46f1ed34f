import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startCredit } from './app.js';
import { CreditConfig } from './config.js';

await runService(() => startCredit(loadServiceConfig(CreditConfig)));
