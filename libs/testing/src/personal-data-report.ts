// Reads what the personal-data watch (pii-leak-watch.ts) wrote for each integration test file and
// says it in one message: the counts of what was scanned and, for each leak, where it was.
import fs from 'node:fs';
import path from 'node:path';
import type { Leak } from './personal-data-watch.js';

export interface PersonalDataReport {
  files: number;
  counts: { logWrites: number; httpReplies: number; natsMessages: number; allowedDisclosures: number };
  leaks: Leak[];
  /** Files whose NATS watch could not subscribe (their messages were not scanned). */
  unwatched: string[];
}

export const PERSONAL_DATA_RUN_FILE = 'run.json';

export function readPersonalDataReport(dir: string): PersonalDataReport {
  const report: PersonalDataReport = { files: 0, counts: { logWrites: 0, httpReplies: 0, natsMessages: 0, allowedDisclosures: 0 }, leaks: [], unwatched: [] };
  if (!fs.existsSync(dir)) return report;
  const names = fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== PERSONAL_DATA_RUN_FILE);
  for (const name of names) {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as {
      file: string;
      counts: PersonalDataReport['counts'];
      natsProblem?: string;
      leaks: Leak[];
    };
    report.files++;
    for (const key of Object.keys(report.counts) as (keyof PersonalDataReport['counts'])[]) report.counts[key] += entry.counts[key] ?? 0;
    report.leaks.push(...entry.leaks);
    if (entry.natsProblem) report.unwatched.push(`${entry.file}: ${entry.natsProblem}`);
  }
  return report;
}

export function summarizePersonalData(report: PersonalDataReport): string {
  const c = report.counts;
  return (
    `personal-data watch: ${report.files} test files, ${c.logWrites} log writes, ${c.httpReplies} HTTP replies and ${c.natsMessages} NATS messages scanned; ` +
    `${c.allowedDisclosures} full ID numbers shown to roles allowed to see them; ${report.leaks.length} leaks`
  );
}

export function describeLeaks(report: PersonalDataReport): string {
  const lines = report.leaks.map((l) => `  - ${l.masked} in ${l.channel} ${l.where} (to ${l.audience})\n    ${l.file} › ${l.test}\n    …${l.excerpt}…`);
  const unwatched = report.unwatched.map((u) => `  - not watched: ${u}`);
  return [`身份证号明文泄露 / resident ID numbers in the clear outside the roles allowed to see them (${report.leaks.length}):`, ...lines, ...unwatched].join(
    '\n',
  );
}
