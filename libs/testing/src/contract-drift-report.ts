// Reads what the contract drift watch (contract-drift-watch.ts) wrote for each integration test file
// and says it per subject.
import fs from 'node:fs';
import path from 'node:path';

/** Beside the personal-data watch's per-file reports, in its run directory. */
export const CONTRACT_DRIFT_DIR = 'contract-drift';

export interface SubjectDrift {
  seen: number;
  mismatches: number;
  examples: { test: string; problems: string[]; sample: string; file?: string }[];
}

export interface ContractDriftFile {
  file: string;
  subjects: Record<string, SubjectDrift>;
}

export function readContractDrift(runDir: string): { files: number; subjects: Record<string, SubjectDrift> } {
  const dir = path.join(runDir, CONTRACT_DRIFT_DIR);
  const subjects: Record<string, SubjectDrift> = {};
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
  for (const name of names) {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as ContractDriftFile;
    for (const [subject, drift] of Object.entries(entry.subjects)) {
      const total = (subjects[subject] ??= { seen: 0, mismatches: 0, examples: [] });
      total.seen += drift.seen;
      total.mismatches += drift.mismatches;
      total.examples.push(...drift.examples.map((e) => ({ ...e, file: entry.file })).slice(0, Math.max(0, 3 - total.examples.length)));
    }
  }
  return { files: names.length, subjects };
}

/** One line per subject seen (sorted), mismatches first with their examples. */
export function describeContractDrift(subjects: Record<string, SubjectDrift>): string {
  const entries = Object.entries(subjects).sort(([a, x], [b, y]) => (y.mismatches > 0 ? 1 : 0) - (x.mismatches > 0 ? 1 : 0) || a.localeCompare(b));
  return entries
    .map(([subject, d]) => {
      const head = `  ${d.mismatches ? '✗' : '✓'} ${subject}: ${d.seen} seen${d.mismatches ? `, ${d.mismatches} not as published` : ''}`;
      const examples = d.examples.map((e) => `      ${e.file ?? ''} › ${e.test}\n        ${e.problems.join('\n        ')}\n        ${e.sample}`);
      return [head, ...examples].join('\n');
    })
    .join('\n');
}
