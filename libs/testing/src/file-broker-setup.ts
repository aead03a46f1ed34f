// Setup file of the integration projects (the first): starts this test file's own nats-server
// (test-broker.ts) before the file is imported, points NATS_URL at it for child processes, and
// stops it after the file's last hook (setup-file hooks run last).
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { setCurrentTestBroker } from './infra-context.js';
import { startTestBroker } from './test-broker.js';

const file = path
  .basename(expect.getState().testPath ?? 'file')
  .replace(/\.e2e-spec\.ts$/, '')
  .replace(/[^\w.-]+/g, '_');
const broker = await startTestBroker({
  runDir: inject('natsRunDir'),
  serverPath: inject('natsServerPath'),
  configFile: inject('natsConfigFile'),
  name: `${file}-${process.pid}-${Date.now().toString(36)}`,
});
setCurrentTestBroker(broker);
process.env.NATS_URL = broker.url;

// A worker outlives its files (the integration projects do not isolate them) and holds reconnecting
// NATS clients: if Vitest itself goes away (killed, or a `vitest list` that never runs the hooks),
// the worker must not stay behind.
const ORPHAN_GUARD = Symbol.for('shanyu.testing.orphanGuard');
const guarded = globalThis as unknown as Record<symbol, boolean | undefined>;
if (!guarded[ORPHAN_GUARD] && process.send) {
  guarded[ORPHAN_GUARD] = true;
  process.once('disconnect', () => setTimeout(() => process.exit(1), 1_000).unref());
}

afterAll(async () => {
  setCurrentTestBroker(undefined);
  await broker.stop();
});
