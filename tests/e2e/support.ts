import type { IncomingMessage } from 'node:http';
// The registry and the gateway (the stack most HTTP tests need), from the one test stack builder
// (tests/support/stack.ts), with the helpers those tests share.
import { runAdmin, type RunningGateway } from '@shanyu/gateway';
import type { RunningRegistry } from '@shanyu/registry';
import { testServiceEnv } from '@shanyu/testing';
import request from 'supertest';
import { startTestStack, TEST_DEMO_PASSWORD } from '../support/stack.js';

export const DEMO_PASSWORD = TEST_DEMO_PASSWORD;

export interface Stack {
  registry: RunningRegistry;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  registrySchema: string;
  gatewaySchema: string;
  tokenFor(username: string): Promise<string>;
  /**
   * What a department system sends on NATS as `shanyu-identity`, obtained as the README says: the
   * admin creates its API client, the system exchanges its credentials at POST /api/v1/auth/nats-token.
   */
  identityTokenFor(department: string, divisions: string[]): Promise<string>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The registry's clock (filing dates and deadlines); real time by default. */
  now?: () => Date;
  /** Gateway settings over the test defaults (e.g. TRUST_PROXY, login limits). */
  gateway?: Record<string, unknown>;
  /** The registry's LOG_LEVEL (default warn; debug logs every request it answers). */
  registryLogLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export const PUBLIC_BASE_URL = 'https://shanyu.example.gov.cn';

/** Registry and gateway in this process, on the run's real PostgreSQL and the file's NATS, fresh schemas. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stack = await startTestStack({
    services: ['registry'],
    clock: options.now,
    config: { registry: { LOG_LEVEL: options.registryLogLevel ?? 'warn' } },
    gateway: { PUBLIC_BASE_URL, ...options.gateway },
  });
  const http = stack.http;
  return {
    get registry() {
      return stack.registry;
    },
    gateway: stack.gateway,
    http,
    registrySchema: stack.schemas.registry,
    gatewaySchema: stack.schemas.gateway,
    tokenFor: (username) => stack.tokenFor(username),
    identityTokenFor: (department, divisions) => departmentIdentityToken(stack, department, divisions),
    stop: () => stack.stop(),
  };
}

/** The admin CLI's environment: the run's PostgreSQL, the file's broker as NATS user admin, the gateway schema it writes its audit to. */
export function adminCliEnv(gatewaySchema: string | undefined, actor?: string): NodeJS.ProcessEnv {
  return {
    ...testServiceEnv('admin'),
    GATEWAY_DB_SCHEMA: gatewaySchema,
    ...(actor ? { SHANYU_ADMIN_ACTOR: actor } : {}),
  };
}

/** Runs the admin CLI (npm run admin) in this process: its exit code and what it printed. */
export async function runAdminCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(args, { env, out: (l) => out.push(l), err: (l) => err.push(l), stdin: async () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * What a department system sends on NATS as `shanyu-identity`, obtained as the README says: the
 * admin creates its API client, the system exchanges its credentials at POST /api/v1/auth/nats-token.
 */
export async function departmentIdentityToken(
  stack: { http: ReturnType<typeof request>; auth(username: string): Promise<{ authorization: string }> },
  department: string,
  divisions: string[],
): Promise<string> {
  const created = await stack.http
    .post('/api/v1/admin/api-clients')
    .set(await stack.auth('admin'))
    .send({ name: `${department} 业务系统`, department, divisions, scopes: ['GET /api/v1/institutions'] })
    .expect(201);
  const token = await stack.http
    .post('/api/v1/auth/token')
    .send({ grant_type: 'client_credentials', client_id: created.body.clientId, client_secret: created.body.clientSecret })
    .expect(200);
  const identity = await stack.http.post('/api/v1/auth/nats-token').set('authorization', `Bearer ${token.body.accessToken}`).expect(200);
  return identity.body.identityToken as string;
}

/** supertest's parser for a binary reply (a PDF, a workbook, an image): `.buffer(true).parse(binaryBody)` gives the body as one Buffer. */
export function binaryBody(res: IncomingMessage, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
