// Prints line and branch coverage per library and service from coverage/coverage-summary.json
// (written by `npm run coverage`).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const summaryFile = path.join(root, process.argv[2] ?? 'coverage/coverage-summary.json');
const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));

const totals = new Map();
for (const [file, counts] of Object.entries(summary)) {
  if (file === 'total') continue;
  const match = path.relative(root, file).match(/^(libs|services)\/([^/]+)\//);
  if (!match) continue;
  const name = `${match[1]}/${match[2]}`;
  const entry = totals.get(name) ?? { lines: [0, 0], branches: [0, 0] };
  entry.lines[0] += counts.lines.covered;
  entry.lines[1] += counts.lines.total;
  entry.branches[0] += counts.branches.covered;
  entry.branches[1] += counts.branches.total;
  totals.set(name, entry);
}
const percent = ([covered, total]) => (total ? ((100 * covered) / total).toFixed(1) : '—');
console.log('| package | lines | branches |\n| --- | --- | --- |');
for (const [name, entry] of [...totals].sort()) console.log(`| ${name} | ${percent(entry.lines)}% | ${percent(entry.branches)}% |`);
