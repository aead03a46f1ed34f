// Global setup of the "integration" project, beside global-setup.ts: gives every test file a fresh
// directory for the personal-data watch (pii-leak-watch.ts) and, at the end of the run, prints what
// was scanned and fails the run (exit code 1) when a resident ID number was found in the clear —
// also when only some files ran. tests/personal-data/no-leak.final-spec.ts says the same as a test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { describeLeaks, PERSONAL_DATA_RUN_FILE, readPersonalDataReport, summarizePersonalData } from './personal-data-report.js';
import type {} from './personal-data-watch.js'; // the ProvidedContext key

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const reportsDir = path.join(repoRoot, 'test-results', 'personal-data');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Both integration projects list this file (each loads it through its own module runner): the
// first prepares the run's directory, the last teardown reports, once.
const SHARED = Symbol.for('shanyu.testing.personalDataRun');
type Shared = { dir: string; users: number };
const shared = globalThis as unknown as Record<symbol, Shared | undefined>;

function prepare(): string {
  // One directory per Vitest run (named by its pid): runs going on at the same time keep apart.
  for (const name of fs.existsSync(reportsDir) ? fs.readdirSync(reportsDir) : []) {
    if (!/^\d+$/.test(name) || !alive(Number(name))) fs.rmSync(path.join(reportsDir, name), { recursive: true, force: true });
  }
  const personalDataDir = path.join(reportsDir, String(process.pid));
  fs.rmSync(personalDataDir, { recursive: true, force: true });
  fs.mkdirSync(personalDataDir, { recursive: true });
  fs.writeFileSync(path.join(personalDataDir, PERSONAL_DATA_RUN_FILE), JSON.stringify({ vitestPid: process.pid, startedAt: new Date().toISOString() }));
  return personalDataDir;
}

export default function setup(project: TestProject): () => void {
  const state = (shared[SHARED] ??= { dir: prepare(), users: 0 });
  state.users++;
  project.provide('personalDataDir', state.dir);
  return () => {
    if (--state.users > 0) return;
    shared[SHARED] = undefined;
    const report = readPersonalDataReport(state.dir);
    console.log(`\n[${summarizePersonalData(report)}]`);
    if (report.leaks.length > 0 || report.unwatched.length > 0) {
      console.error(describeLeaks(report));
      process.exitCode = 1;
    }
  };
}
