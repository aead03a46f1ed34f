// What the final specs share: where the integration run left its reports, and whether they are this run's.
import fs from 'node:fs';
import path from 'node:path';
import { PERSONAL_DATA_RUN_FILE } from '@shanyu/testing';

// The integration project's global setup keeps each run's reports under the Vitest process's pid.
export const REPORTS_DIR = path.resolve(import.meta.dirname, '../../test-results/personal-data', String(process.ppid));

/** Whether the reports in REPORTS_DIR were written by this Vitest run (run on its own, a final spec skips). */
export function runOfThisVitest(): boolean {
  try {
    const run = JSON.parse(fs.readFileSync(path.join(REPORTS_DIR, PERSONAL_DATA_RUN_FILE), 'utf8')) as { vitestPid: number };
    return run.vitestPid === process.ppid;
  } catch {
    return false;
  }
}
