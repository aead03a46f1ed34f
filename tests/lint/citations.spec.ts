// Product text cites real documents only: no source, data file, comment, page or published
// contract names the project's working papers or the files the rules were read from.
import fs from 'node:fs';
import path from 'node:path';
import { findInternalCitations } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['services', 'libs', 'tests', 'web/src', 'web/index.html', 'deploy', 'docs', 'bench', 'README.md', 'docker-compose.yml'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '__lint_fixtures__']);
const TEXT = /\.(ts|tsx|mjs|js|json|md|yml|yaml|conf|html|css|sql)$/;
// The patterns themselves.
const SELF = new Set(['libs/testing/src/internal-citations.ts']);

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(full, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(child.name)) continue;
    const rel = `${entry}/${child.name}`;
    if (child.isDirectory()) yield* files(rel);
    else if (TEXT.test(child.name)) yield rel;
  }
}

describe('citations in the product', () => {
  it('never name an internal document or a source file', () => {
    const scanned = SCANNED.flatMap((entry) => [...files(entry)]).filter((f) => !SELF.has(f));
    expect(scanned.length).toBeGreaterThan(500);
    const found = scanned.flatMap((file) => findInternalCitations(file, fs.readFileSync(path.join(root, file), 'utf8')));
    expect(found.map((f) => `${f.where}:${f.line} (${f.what}): ${f.text}`)).toEqual([]);
  });
});
