// Runs after every integration test file (the personal-data project, last groupOrder): fails when
// any NATS reply or event of the run did not match the published contracts (docs/asyncapi.json) —
// a shape, a field the schema does not name, an error code the subject does not publish. The watch
// is libs/testing/src/contract-drift-watch.ts; it reports per subject.
import { describe, expect, it } from 'vitest';
import { describeContractDrift, readContractDrift } from '@shanyu/testing';
import { REPORTS_DIR, runOfThisVitest } from './support.js';

describe('contracts (drift check)', () => {
  it.skipIf(!runOfThisVitest())('every reply and event of the run matches its published schema and errors', () => {
    const { files, subjects } = readContractDrift(REPORTS_DIR);
    const seen = Object.values(subjects).reduce((n, s) => n + s.seen, 0);
    console.log(
      `contract drift check: ${files} test files, ${Object.keys(subjects).length} subjects, ${seen} replies and events checked\n${describeContractDrift(subjects)}`,
    );
    expect(files, 'integration test files that reported').toBeGreaterThan(0);
    const drifted = Object.entries(subjects)
      .filter(([, s]) => s.mismatches > 0)
      .map(([subject]) => subject);
    expect(drifted, describeContractDrift(Object.fromEntries(drifted.map((s) => [s, subjects[s]!])))).toEqual([]);
  });
});
