// Vitest global setup of the "integration" project: one throwaway PostgreSQL and one nats-server
// (JetStream, file storage) per test run, on free ports (so it works while `npm start` runs), with
// their data in <repo>/.test-data/run-…, removed at teardown. Tests read them through
// infra-context.ts (testDatabaseUrl(), testNatsUrl(), natsControl()).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureNatsServer, ensurePostgresBinaries } from '../../../deploy/local/install.mjs';
import {
  findFreePort,
  isProcessAlive,
  onExit,
  processCommand,
  startNats,
  startPostgres,
  terminate,
  waitForExit,
  type NatsHandle,
  type PostgresHandle,
} from '../../../deploy/local/processes.mjs';
import { writeNatsAuth } from '../../../deploy/local/nats-auth.mjs';
import * as contracts from '@shanyu/contracts';
import { generateIdentityKeyPair } from '@shanyu/common';
import type {} from './infra-context.js'; // the ProvidedContext keys
import { natsLogFile, natsPidFile, runningNatsPid, stopNatsByPidFile } from './nats-control.js';
import { PG_DATABASE, PG_SETTINGS } from './postgres-control.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const testDataDir = path.join(repoRoot, '.test-data');

/** Removes the data of earlier runs whose Vitest process is gone (killed before its teardown). */
async function cleanUpAbandonedRuns(): Promise<void> {
  let entries: string[];
  try {
    entries = fs.readdirSync(testDataDir).filter((name) => name.startsWith('run-'));
  } catch {
    return;
  }
  for (const name of entries) {
    const runDir = path.join(testDataDir, name);
    const owner = Number.parseInt(readOr(path.join(runDir, 'owner.pid'), ''), 10);
    if (Number.isInteger(owner) && isProcessAlive(owner)) continue; // another run, still going
    await stopNatsByPidFile(path.join(runDir, 'nats', 'jetstream'));
    const postmaster = Number.parseInt(readOr(path.join(runDir, 'pg', 'postmaster.pid'), '').split('\n')[0] ?? '', 10);
    if (Number.isInteger(postmaster) && isProcessAlive(postmaster) && (processCommand(postmaster) ?? ['postgres']).some((p) => p.includes('postgres'))) {
      process.kill(postmaster, 'SIGINT'); // fast shutdown
      if (!(await waitForExit(postmaster, 10_000))) await terminate(postmaster, 1_000);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Installs (apt) happen here when `npm test` did not already do them.
  const natsServerPath = ensureNatsServer();
  ensurePostgresBinaries();

  fs.mkdirSync(testDataDir, { recursive: true });
  await cleanUpAbandonedRuns();
  const runDir = fs.mkdtempSync(path.join(testDataDir, `run-${Date.now().toString(36)}-${process.pid}-`));
  fs.chmodSync(runDir, 0o755); // mkdtemp makes it 0700: PostgreSQL's own user must get through
  fs.writeFileSync(path.join(runDir, 'owner.pid'), `${process.pid}\n`);
  const natsStoreDir = path.join(runDir, 'nats', 'jetstream');
  // The generated authorization of deploy/nats: in-process services connect as their own users
  // (testNatsCredentials()), so every test runs under the real permissions. Connections without
  // credentials (the tests' own clients, stubs and collectors) act as `admin`. Only here, on a broker
  // shared by test stacks that each have schemas of their own, may services use any consumer name
  // (serviceSchemas 'any'; filters stay exact); department systems keep their exact names.
  const natsAuth = writeNatsAuth({ dir: path.join(runDir, 'nats-auth'), contracts, noAuthUser: contracts.NATS_ADMIN_USER, serviceSchemas: 'any' });

  let pg: PostgresHandle | undefined;
  let nats: NatsHandle | undefined;

  // If Vitest dies before or in the middle of the teardown, kill what is left, synchronously.
  const lastResort = () => {
    for (const pid of [runningNatsPid(natsStoreDir), nats?.pid]) {
      if (pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (pg?.pid && isProcessAlive(pg.pid)) process.kill(pg.pid, 'SIGQUIT'); // immediate shutdown
  };
  let tornDown = false;
  const teardown = async () => {
    if (tornDown) return;
    tornDown = true;
    unregister();
    await stopNatsByPidFile(natsStoreDir); // the server a test restarted, if any
    await nats?.stop();
    await pg?.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
    process.removeListener('exit', lastResort);
  };
  process.once('exit', lastResort);
  // Ctrl-C or a kill of Vitest still leaves no server behind.
  const unregister = onExit(teardown);

  try {
    const [pgPort, natsPort] = [await findFreePort(), await findFreePort()];
    const [pgStarted, natsStarted] = await Promise.allSettled([
      startPostgres({
        dataDir: path.join(runDir, 'pg'),
        port: pgPort,
        database: PG_DATABASE,
        fast: true,
        settings: PG_SETTINGS,
      }),
      startNats({
        storeDir: natsStoreDir,
        port: natsPort,
        serverPath: natsServerPath,
        logFile: natsLogFile(natsStoreDir),
        pidFile: natsPidFile(natsStoreDir),
        configFile: natsAuth.configFile,
      }),
    ]);
    if (pgStarted.status === 'fulfilled') pg = pgStarted.value;
    if (natsStarted.status === 'fulfilled') nats = natsStarted.value;
    if (pgStarted.status === 'rejected') throw pgStarted.reason;
    if (natsStarted.status === 'rejected') throw natsStarted.reason;
  } catch (error) {
    await teardown();
    throw error;
  }
  if (!pg || !nats) throw new Error('unreachable: PostgreSQL or NATS not started');

  project.provide('databaseUrl', pg.url);
  project.provide('natsUrl', nats.url);
  project.provide('natsPort', nats.port);
  project.provide('natsStoreDir', natsStoreDir);
  project.provide('natsServerPath', natsServerPath);
  project.provide('natsConfigFile', natsAuth.configFile);
  project.provide('natsPasswords', natsAuth.passwords);
  // For postgresControl() (a test that kills and restarts PostgreSQL).
  project.provide('pgDataDir', pg.dataDir);
  project.provide('pgPort', pg.port);
  // The run's secrets (identity key pair, JWT secret): the stacks' gateways sign with it, services and tests verify or sign with it.
  const identity = generateIdentityKeyPair();
  const jwtSecret = randomBytes(48).toString('base64');
  project.provide('stackSecrets', { IDENTITY_SIGNING_KEY: identity.signingKey, IDENTITY_PUBLIC_KEY: identity.publicKey, JWT_SECRET: jwtSecret });
  // For child processes (services started by a test).
  process.env.DATABASE_URL = pg.url;
  process.env.NATS_URL = nats.url;
  process.env.IDENTITY_SIGNING_KEY = identity.signingKey;
  process.env.IDENTITY_PUBLIC_KEY = identity.publicKey;

  return teardown;
}
