// Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`):
//   node bench/lib/profile-summary.mjs <file-or-dir> [top=20]
import fs from 'node:fs';
import path from 'node:path';

export function summarise(file, top = 20) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const ms = (dt[i] ?? 0) / 1000;
    total += ms;
    const f = node.callFrame;
    const where = f.url
      ? `${f.url
          .replace(/^file:\/\//, '')
          .replace(/^.*\/node_modules\//, 'node_modules/')
          .replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total, rows: rows.map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: ms / total })) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(target, f))
    : [target];
  for (const file of files) {
    const { totalMs, rows } = summarise(file, Number(process.argv[3] ?? 20));
    console.log(`\n${file} (${Math.round(totalMs)} ms sampled)`);
    for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.fn}`);
  }
}
