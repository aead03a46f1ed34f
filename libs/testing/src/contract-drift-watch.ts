// Vitest setup file of the "integration" project, after pii-leak-watch.ts: checks every NATS reply
// and every event a service publishes in the test file's run against the published contracts (docs/asyncapi.json,
// generated from the definitions in libs/contracts) — shapes, unknown fields and error codes — and
// writes what it found per subject to <personalDataDir>/contract-drift/. The final spec
// tests/personal-data/contract-drift.final-spec.ts fails the run on any mismatch.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { ContractChecker } from './contract-drift.js';
import { type ContractDriftFile, CONTRACT_DRIFT_DIR } from './contract-drift-report.js';
import { observeNats } from './nats-observers.js';

const checker = new ContractChecker();
const report: ContractDriftFile = { file: '', subjects: {} };
const eventsSeen = new Set<string>();

function record(subject: string, problems: string[], sample: string): void {
  const entry = (report.subjects[subject] ??= { seen: 0, mismatches: 0, examples: [] });
  entry.seen++;
  if (problems.length === 0) return;
  entry.mismatches++;
  if (entry.examples.length < 3) {
    const state = expect.getState();
    entry.examples.push({ test: state.currentTestName ?? '(outside a test)', problems, sample: sample.slice(0, 400) });
  }
}

/**
 * Events are judged where the platform publishes them: by a service's outbox relay in this process.
 * Events a test publishes itself (as another service would, or malformed on purpose) are the test's.
 */
function publishedByTheOutboxRelay(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  try {
    return /outbox-relay\.(ts|js)/.test(new Error().stack ?? '');
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const stopObserving = observeNats(({ kind, subject, text }) => {
  if (kind === 'event' && !publishedByTheOutboxRelay()) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  if (kind === 'event') {
    const envelope = body as { eventId?: string; subject?: string };
    if (!envelope?.eventId || eventsSeen.has(envelope.eventId)) return;
    eventsSeen.add(envelope.eventId);
    record(envelope.subject ?? subject ?? '(no subject)', checker.checkEvent(envelope), text);
  } else if (subject && !subject.startsWith('$') && (body as { ok?: unknown })?.ok !== undefined) {
    record(subject, checker.checkReply(subject, body), text);
  }
});

afterAll(() => {
  stopObserving();
  const dir = inject('personalDataDir');
  if (!dir) return;
  report.file = path.relative(process.cwd(), expect.getState().testPath ?? '');
  const out = path.join(dir, CONTRACT_DRIFT_DIR);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${report.file.replace(/[^\w.-]+/g, '_')}.${process.pid}.json`), JSON.stringify(report, null, 2));
});
