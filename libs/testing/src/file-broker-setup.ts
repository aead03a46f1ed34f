// Setup file of the integration projects (the first): starts this test file's own nats-server
// (test-broker.ts) before the file is imported, points NATS_URL at it for child processes, and
// stops it after the file's last hook (setup-file hooks run last).
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { setCurrentTestBroker } from './infra-context.js';
import { startTestBroker } from './test-broker.js';

const file = path.basename(expect.getState().testPath ?? 'file').replace(/\.e2e-spec\.ts$/, '').replace(/[^\w.-]+/g, '_');
const broker = await startTestBroker({
  runDir: inject('natsRunDir'),
  serverPath: inject('natsServerPath'),
  configFile: inject('natsConfigFile'),
  name: `${file}-${process.pid}-${Date.now().toString(36)}`,
});
setCurrentTestBroker(broker);
process.env.NATS_URL = broker.url;

afterAll(async () => {
  setCurrentTestBroker(undefined);
  await broker.stop();
});
