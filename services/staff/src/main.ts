import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startStaff } from './app.js';
import { StaffConfig } from './config.js';

await runService(() => startStaff(loadServiceConfig(StaffConfig)));
