import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { startInspection } from './app.js';
import { InspectionConfig } from './config.js';

await runService(() => startInspection(loadServiceConfig(InspectionConfig)));
