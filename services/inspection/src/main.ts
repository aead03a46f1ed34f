import 'reflect-metadata';
import { loadConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startInspection } from './app.js';
import { InspectionConfig } from './config.js';

await runService(() => startInspection(loadConfig(InspectionConfig)));
