// Runs after every integration test file (its Vitest project has the last groupOrder): fails when the
// personal-data watch (libs/testing/src/pii-leak-watch.ts) found a resident ID number in the clear
// in any log line, HTTP reply or NATS message of the run outside the roles allowed to see it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLeaks, PERSONAL_DATA_RUN_FILE, readPersonalDataReport, summarizePersonalData } from '@shanyu/testing';

// The integration project's global setup keeps each run's reports under the Vitest process's pid.
const dir = path.resolve(import.meta.dirname, '../../test-results/personal-data', String(process.ppid));

function runOfThisVitest(): boolean {
  try {
    const run = JSON.parse(fs.readFileSync(path.join(dir, PERSONAL_DATA_RUN_FILE), 'utf8')) as { vitestPid: number };
    return run.vitestPid === process.ppid;
  } catch {
    return false;
  }
}

describe('personal data (issue 9.5)', () => {
  it.skipIf(!runOfThisVitest())('no resident ID number in the clear in any log line or reply of the whole run', () => {
    const report = readPersonalDataReport(dir);
    console.log(summarizePersonalData(report));
    expect(report.files, 'integration test files that reported').toBeGreaterThan(0);
    expect(report.unwatched, describeLeaks(report)).toEqual([]);
    expect(report.leaks, describeLeaks(report)).toEqual([]);
  });
});
