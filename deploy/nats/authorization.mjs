// The authorization block of deploy/nats/nats.conf (docker compose) and of the nats-config
// ConfigMap in deploy/k8s/20-nats.yaml, generated from the contract catalog
// (natsAuthorization() in libs/contracts/src/nats-access.ts). `npm run docs` rewrites both;
// deploy/nats-config.spec.ts fails when they differ from what the catalog gives.
//
//   node deploy/nats/authorization.mjs      (after a build: it reads libs/contracts/dist)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BEGIN = '# BEGIN authorization — generated from libs/contracts/src/nats-access.ts by `npm run docs`; do not edit';
export const END = '# END authorization';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Each file holding the block, and the indentation of the block in it. */
export const NATS_CONFIG_FILES = [
  { file: path.join(root, 'deploy/nats/nats.conf'), indent: '' },
  { file: path.join(root, 'deploy/k8s/20-nats.yaml'), indent: '    ' },
];

/**
 * `text` with the lines between its BEGIN and END markers replaced by `block` (indented like the
 * BEGIN marker's line).
 * @param {string} text @param {string} block @param {string} indent
 */
export function withAuthorization(text, block, indent) {
  const lines = text.split('\n');
  const begin = lines.findIndex((l) => l.trim() === BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l.trim() === END);
  if (begin < 0 || end < 0) throw new Error(`no "${BEGIN}" … "${END}" section`);
  const body = block
    .trimEnd()
    .split('\n')
    .map((l) => (l ? indent + l : l));
  return [...lines.slice(0, begin + 1), ...body, ...lines.slice(end)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { natsAuthorization } = await import('../../libs/contracts/dist/index.js');
  const block = natsAuthorization();
  for (const { file, indent } of NATS_CONFIG_FILES) {
    const before = fs.readFileSync(file, 'utf8');
    const after = withAuthorization(before, block, indent);
    if (after !== before) fs.writeFileSync(file, after);
    console.log(`${path.relative(root, file)}: ${after === before ? 'unchanged' : 'authorization rewritten'}`);
  }
}
