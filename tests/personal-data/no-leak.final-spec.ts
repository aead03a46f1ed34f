// Runs after every integration test file (its Vitest project has the last groupOrder): fails when the
// personal-data watch (libs/testing/src/pii-leak-watch.ts) found a resident ID number in the clear
// in any log line, HTTP reply or NATS message of the run outside the roles allowed to see it.
import { describe, expect, it } from 'vitest';
import { describeLeaks, readPersonalDataReport, summarizePersonalData } from '@shanyu/testing';
import { REPORTS_DIR, runOfThisVitest } from './support.js';

describe('personal data (issue 9.5)', () => {
  it.skipIf(!runOfThisVitest())('no resident ID number in the clear in any log line or reply of the whole run', () => {
    const report = readPersonalDataReport(REPORTS_DIR);
    console.log(summarizePersonalData(report));
    expect(report.files, 'integration test files that reported').toBeGreaterThan(0);
    expect(report.unwatched, describeLeaks(report)).toEqual([]);
    expect(report.leaks, describeLeaks(report)).toEqual([]);
  });
});
