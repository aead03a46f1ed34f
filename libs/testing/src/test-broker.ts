// Each integration test file gets a nats-server of its own (JetStream, file storage, the run's
// authorization), started by the project's setup file (file-broker-setup.ts) before the file is
// imported and stopped after its last hook. Files running at the same time therefore never answer
// each other's requests (every service subscribes in a queue group named after it) nor read each
// other's events, a file that kills its broker harms no other, and every file starts with an empty
// EVENTS stream. A server starts in about 0.1 s. No 'vitest' import here.
import fs from 'node:fs';
import path from 'node:path';
import { findFreePort, startNats } from '../../../deploy/local/processes.mjs';
import { natsControlFor, natsLogFile, natsPidFile, stopNatsByPidFile, type NatsControl } from './nats-control.js';

export interface TestBrokerSpec {
  /** Where the run's brokers live (one directory each, removed when the broker stops). */
  runDir: string;
  serverPath: string;
  /** The run's authorization config (global-setup.ts). */
  configFile: string;
  /** A name for the broker's directory (unique in the run). */
  name: string;
}

export interface TestBroker {
  /** nats://127.0.0.1:PORT */
  url: string;
  port: number;
  storeDir: string;
  /** kill -9 and restart, for tests that prove nothing is lost when the broker dies. */
  control: NatsControl;
  /** Stops the server (whichever process the pid file names: a test may have restarted it) and removes its data. */
  stop(): Promise<void>;
}

export async function startTestBroker(spec: TestBrokerSpec): Promise<TestBroker> {
  const dir = path.join(spec.runDir, spec.name);
  const storeDir = path.join(dir, 'jetstream');
  fs.mkdirSync(dir, { recursive: true });
  let lastError: unknown;
  // Another worker may take the free port between the check and the server's bind: try another.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await findFreePort();
    const server = { port, storeDir, serverPath: spec.serverPath, configFile: spec.configFile };
    try {
      // Detached, with a pid file: a restart by natsControl() is found and stopped the same way.
      await startNats({ ...server, detached: true, logFile: natsLogFile(storeDir), pidFile: natsPidFile(storeDir) });
    } catch (error) {
      lastError = error;
      await stopNatsByPidFile(storeDir);
      continue;
    }
    return {
      url: `nats://127.0.0.1:${port}`,
      port,
      storeDir,
      control: natsControlFor(server),
      async stop() {
        await stopNatsByPidFile(storeDir);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  throw lastError;
}
