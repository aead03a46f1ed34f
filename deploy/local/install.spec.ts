import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureNatsServer, ensureNpmDependencies } from './install.mjs';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-install-'));
  dirs.push(dir);
  return dir;
};
const savedNatsBin = process.env.NATS_SERVER_BIN;

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  if (savedNatsBin === undefined) delete process.env.NATS_SERVER_BIN;
  else process.env.NATS_SERVER_BIN = savedNatsBin;
});

describe('ensureNpmDependencies', () => {
  it('installs nothing when node_modules is newer than package-lock.json', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    fs.mkdirSync(path.join(root, 'node_modules'));
    const installed = path.join(root, 'node_modules', '.package-lock.json');
    fs.writeFileSync(installed, '{}');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(installed, later, later);
    expect(ensureNpmDependencies(root)).toBe(false);
  });
});

describe('ensureNatsServer', () => {
  it('takes NATS_SERVER_BIN when it names an executable, without looking further', () => {
    const bin = path.join(tempDir(), 'nats-server');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
    process.env.NATS_SERVER_BIN = bin;
    expect(ensureNatsServer()).toBe(bin);
  });
});
