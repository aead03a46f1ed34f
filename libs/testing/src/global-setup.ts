// Vitest global setup of the integration projects: one throwaway PostgreSQL per test run, on a free
// port (so it works while `npm start` runs), with its data in <repo>/.test-data/run-…, removed at
// teardown; and what each test file needs to start its own nats-server (test-broker.ts): the
// binary, the generated authorization and a directory for the brokers. Tests read them through
// infra-context.ts (testDatabaseUrl(), testNatsUrl(), natsControl()). A file that kills PostgreSQL
// starts one of its own (own-postgres.ts).
//
// Several projects use it (integration-processes, medium, integration): they share one PostgreSQL,
// started by the first and stopped by the last teardown.
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
  startPostgres,
  terminate,
  waitForExit,
  type PostgresHandle,
} from '../../../deploy/local/processes.mjs';
import { writeNatsAuth } from '../../../deploy/local/nats-auth.mjs';
import * as contracts from '@shanyu/contracts';
import { generateIdentityKeyPair } from '@shanyu/common';
import type {} from './infra-context.js'; // the ProvidedContext keys
import { runningNatsPid, stopNatsByPidFile } from './nats-control.js';
import { PG_DATABASE, PG_SETTINGS } from './postgres-control.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const testDataDir = path.join(repoRoot, '.test-data');

/** The JetStream store dirs of every broker under a run's `nats/` (one per test file). */
function brokerStoreDirs(runDir: string): string[] {
  const natsDir = path.join(runDir, 'nats');
  try {
    return fs.readdirSync(natsDir).map((name) => path.join(natsDir, name, 'jetstream'));
  } catch {
    return [];
  }
}

/** The postmaster pids of the run's PostgreSQL clusters still alive: the shared one (pg) and files' own (pg-…, own-postgres.ts). */
function livePostmasters(runDir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(runDir).filter((name) => name === 'pg' || name.startsWith('pg-'));
  } catch {
    return [];
  }
  return names
    .map((name) => Number.parseInt(readOr(path.join(runDir, name, 'postmaster.pid'), '').split('\n')[0] ?? '', 10))
    .filter((pid) => Number.isInteger(pid) && isProcessAlive(pid) && (processCommand(pid) ?? ['postgres']).some((p) => p.includes('postgres')));
}

async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown
  } catch {
    return;
  }
  if (!(await waitForExit(pid, 10_000))) await terminate(pid, 1_000);
}

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
    for (const storeDir of brokerStoreDirs(runDir)) await stopNatsByPidFile(storeDir);
    for (const pid of livePostmasters(runDir)) await stopPostmaster(pid);
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

interface RunInfra {
  provided: Record<string, unknown>;
  env: Record<string, string>;
  teardown(): Promise<void>;
}

async function startRunInfra(): Promise<RunInfra> {
  // Installs (apt) happen here when `npm test` did not already do them.
  const natsServerPath = ensureNatsServer();
  ensurePostgresBinaries();

  fs.mkdirSync(testDataDir, { recursive: true });
  await cleanUpAbandonedRuns();
  const runDir = fs.mkdtempSync(path.join(testDataDir, `run-${Date.now().toString(36)}-${process.pid}-`));
  fs.chmodSync(runDir, 0o755); // mkdtemp makes it 0700: PostgreSQL's own user must get through
  fs.writeFileSync(path.join(runDir, 'owner.pid'), `${process.pid}\n`);
  const natsDir = path.join(runDir, 'nats');
  fs.mkdirSync(natsDir, { recursive: true });
  // The generated authorization of deploy/nats: in-process services connect as their own users
  // (testNatsCredentials()), so every test runs under the real permissions. Connections without
  // credentials (the tests' own clients, stubs and collectors) act as `admin`. Only here, on brokers
  // that test stacks with schemas of their own use, may services use any consumer name
  // (serviceSchemas 'any'; filters stay exact); department systems keep their exact names.
  const natsAuth = writeNatsAuth({ dir: path.join(runDir, 'nats-auth'), contracts, noAuthUser: contracts.NATS_ADMIN_USER, serviceSchemas: 'any' });

  let pg: PostgresHandle | undefined;

  // If Vitest dies before or in the middle of the teardown, kill what is left, synchronously.
  const lastResort = () => {
    for (const storeDir of brokerStoreDirs(runDir)) {
      const pid = runningNatsPid(storeDir);
      if (pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (pg?.pid && isProcessAlive(pg.pid)) process.kill(pg.pid, 'SIGQUIT'); // immediate shutdown
    for (const pid of livePostmasters(runDir)) process.kill(pid, 'SIGQUIT');
  };
  let tornDown = false;
  const teardown = async () => {
    if (tornDown) return;
    tornDown = true;
    unregister();
    // A file's broker (or own PostgreSQL) is stopped by the file; what is left belongs to a file that crashed.
    await Promise.all(brokerStoreDirs(runDir).map((storeDir) => stopNatsByPidFile(storeDir)));
    await pg?.stop();
    await Promise.all(livePostmasters(runDir).map((pid) => stopPostmaster(pid)));
    fs.rmSync(runDir, { recursive: true, force: true });
    process.removeListener('exit', lastResort);
  };
  process.once('exit', lastResort);
  // Ctrl-C or a kill of Vitest still leaves no server behind.
  const unregister = onExit(teardown);

  try {
    pg = await startPostgres({ dataDir: path.join(runDir, 'pg'), port: await findFreePort(), database: PG_DATABASE, fast: true, settings: PG_SETTINGS });
  } catch (error) {
    await teardown();
    throw error;
  }

  // The run's secrets (identity key pair, JWT secret): the stacks' gateways sign with it, services and tests verify or sign with it.
  const identity = generateIdentityKeyPair();
  const jwtSecret = randomBytes(48).toString('base64');
  return {
    provided: {
      databaseUrl: pg.url,
      natsRunDir: natsDir,
      natsServerPath,
      natsConfigFile: natsAuth.configFile,
      natsPasswords: natsAuth.passwords,
      stackSecrets: { IDENTITY_SIGNING_KEY: identity.signingKey, IDENTITY_PUBLIC_KEY: identity.publicKey, JWT_SECRET: jwtSecret },
    },
    // For child processes (services started by a test); each file's setup sets NATS_URL to its broker.
    env: { SHANYU_TEST_RUN_DIR: runDir, DATABASE_URL: pg.url, IDENTITY_SIGNING_KEY: identity.signingKey, IDENTITY_PUBLIC_KEY: identity.publicKey },
    teardown,
  };
}

// Shared by the projects that list this file: each loads it through its own module runner, so the
// state lives on the process.
const SHARED = Symbol.for('shanyu.testing.runInfra');
type Shared = { infra: Promise<RunInfra>; users: number };
const shared = globalThis as unknown as Record<symbol, Shared | undefined>;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const state = (shared[SHARED] ??= { infra: startRunInfra(), users: 0 });
  state.users++;
  let infra: RunInfra;
  try {
    infra = await state.infra;
  } catch (error) {
    if (--state.users === 0) shared[SHARED] = undefined;
    throw error;
  }
  for (const [key, value] of Object.entries(infra.provided)) project.provide(key as never, value as never);
  Object.assign(process.env, infra.env);
  return async () => {
    if (--state.users > 0) return;
    shared[SHARED] = undefined;
    await infra.teardown();
  };
}
