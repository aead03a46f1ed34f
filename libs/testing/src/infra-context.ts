// What integration tests (*.e2e-spec.ts) get from the global setup (global-setup.ts) and their
// setup file (file-broker-setup.ts): the URL of the run's throwaway PostgreSQL, the URL of the
// file's own nats-server (JetStream), and control of both.
import { type Actor, ActorTokenSigner } from '@shanyu/common';
import { RpcHeaders } from '@shanyu/contracts';
import { headers, type MsgHdrs } from '@nats-io/transport-node';
import { inject } from 'vitest';
import type { NatsControl } from './nats-control.js';
import type { TestBroker } from './test-broker.js';

export type { NatsControl } from './nats-control.js';
export type { PostgresControl } from './postgres-control.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** Where each test file's nats-server keeps its store (test-broker.ts). */
    natsRunDir: string;
    natsServerPath: string;
    natsConfigFile: string;
    /** Password of each NATS user (services, department systems, admin) of the run's authorization (every file's broker). */
    natsPasswords: Record<string, string>;
    /** The run's identity key pair (Ed25519, base64 DER) and JWT secret. */
    stackSecrets: { IDENTITY_SIGNING_KEY: string; IDENTITY_PUBLIC_KEY: string; JWT_SECRET: string };
  }
}

function provided<K extends 'databaseUrl' | 'natsPasswords' | 'stackSecrets'>(key: K) {
  const value = inject(key);
  if (value === undefined || value === null) {
    throw new Error(
      `'${key}' was not provided: the test infrastructure is started by libs/testing/src/global-setup.ts, ` +
        `which only the "integration" Vitest project runs (files named *.e2e-spec.ts)`,
    );
  }
  return value;
}

/** postgres://… of the run's PostgreSQL (a superuser-less role that owns the database and may create databases). */
export function testDatabaseUrl(): string {
  return provided('databaseUrl');
}

const BROKER = Symbol.for('shanyu.testing.fileBroker');
const slot = globalThis as unknown as Record<symbol, TestBroker | undefined>;

/** Set by file-broker-setup.ts: the nats-server of the test file now running in this process. */
export function setCurrentTestBroker(broker: TestBroker | undefined): void {
  slot[BROKER] = broker;
}

function currentBroker(): TestBroker {
  const broker = slot[BROKER];
  if (!broker) {
    throw new Error(
      'no nats-server for this test file: each integration test file gets its own from the setup file ' +
        'libs/testing/src/file-broker-setup.ts, which only the integration Vitest projects run (files named *.e2e-spec.ts)',
    );
  }
  return broker;
}

/** Whether this test file has a nats-server (integration files do; medium files have no NATS at all). */
export function hasTestBroker(): boolean {
  return slot[BROKER] !== undefined;
}

/** nats://127.0.0.1:PORT of this test file's own nats-server (JetStream enabled, file storage). */
export function testNatsUrl(): string {
  return currentBroker().url;
}

/**
 * NATS_USER / NATS_PASSWORD of a service (or department system) on the test file's nats-server, for its
 * config: the service then has exactly the permissions deploy/nats gives it. A client without
 * credentials acts as `admin` (the harness's no_auth_user), so tests' own clients need none.
 */
export function testNatsCredentials(user: string): { NATS_USER: string; NATS_PASSWORD: string } {
  const password = provided('natsPasswords')[user];
  if (!password) throw new Error(`no NATS user '${user}' (see natsUsers() in @shanyu/contracts)`);
  return { NATS_USER: user, NATS_PASSWORD: password };
}

/**
 * The run's secrets for a stack's config: IDENTITY_SIGNING_KEY and IDENTITY_PUBLIC_KEY (its gateway
 * signs identity tokens that its services, and every other stack's, accept) and JWT_SECRET (a test
 * may sign an access token of its own with it).
 */
export function testStackSecrets(): { IDENTITY_SIGNING_KEY: string; IDENTITY_PUBLIC_KEY: string; JWT_SECRET: string } {
  return provided('stackSecrets');
}

/** What a service (or the admin CLI) connecting as NATS user `natsUser` needs in its config: the run's PostgreSQL, the file's broker, the stack's secrets. */
export function testServiceEnv(natsUser: string) {
  return { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), ...testNatsCredentials(natsUser) };
}

let signer: ActorTokenSigner | undefined;

/**
 * NATS headers of a request made as `actor` by a test's own client: the identity token the
 * gateway would issue (signed with the run's key), the request id when given.
 */
export function identityHeaders(actor: Actor, requestId?: string): MsgHdrs {
  signer ??= new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY);
  const h = headers();
  h.set(RpcHeaders.identity, signer.tokenFor(actor).token);
  if (requestId) h.set(RpcHeaders.requestId, requestId);
  return h;
}

/** An identity token for `actor`, signed with the run's key (for `RpcClient.request(…, { identityToken })`). */
export function identityTokenFor(actor: Actor): string {
  signer ??= new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY);
  return signer.tokenFor(actor).token;
}

/** kill -9 and restart this test file's nats-server (no other file uses it). */
export function natsControl(): NatsControl {
  return currentBroker().control;
}
