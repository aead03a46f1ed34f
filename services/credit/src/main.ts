import 'reflect-metadata';
import { loadConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startCredit } from './app.js';
import { CreditConfig } from './config.js';

await runService(() => startCredit(loadConfig(CreditConfig)));
