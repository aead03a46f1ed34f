import 'reflect-metadata';
import { createGateway, type GatewayConfig, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import request from 'supertest';

export const DEMO_PASSWORD = 'test-demo-password';

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
  gateway?: Partial<GatewayConfig>;
  /** The registry's LOG_LEVEL (default warn; debug logs every request it answers). */
  registryLogLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export const PUBLIC_BASE_URL = 'https://shanyu.example.gov.cn';

/** Registry and gateway in this process, on the run's real PostgreSQL and NATS, fresh schemas. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const registrySchema = uniqueSchema('registry');
  const gatewaySchema = options.gateway?.GATEWAY_DB_SCHEMA ?? uniqueSchema('gateway');
  const registry = await startRegistry({
    DATABASE_URL: testDatabaseUrl(),
    NATS_URL: testNatsUrl(), ...testStackSecrets(),
    ...testNatsCredentials('registry'),
    REGISTRY_DB_SCHEMA: registrySchema,
    LOG_LEVEL: options.registryLogLevel ?? 'warn',
    RPC_TIMEOUT_MS: 5_000,
  }, { now: options.now });
  const gateway = await createGateway({
    DATABASE_URL: testDatabaseUrl(),
    NATS_URL: testNatsUrl(), ...testStackSecrets(),
    ...testNatsCredentials('gateway'),
    PORT: 0,
    HOST: '127.0.0.1',
    SHANYU_MODE: 'test',
    JWT_TTL_SECONDS: 600,
    SHANYU_DEMO_PASSWORD: DEMO_PASSWORD,
    GATEWAY_DB_SCHEMA: gatewaySchema,
    LOG_LEVEL: 'warn',
    RPC_TIMEOUT_MS: 5_000,
    HEALTH_SERVICES: 'registry',
    PUBLIC_BASE_URL,
    ...options.gateway,
  });
  const http = request(gateway.app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    registry,
    gateway,
    http,
    registrySchema,
    gatewaySchema,
    async tokenFor(username: string) {
      if (!tokens.has(username)) {
        const res = await http.post('/api/v1/auth/token').send({ username, password: DEMO_PASSWORD }).expect(200);
        tokens.set(username, res.body.accessToken);
      }
      return tokens.get(username)!;
    },
    async identityTokenFor(department: string, divisions: string[]) {
      const admin = await this.tokenFor('admin');
      const created = await http.post('/api/v1/admin/api-clients').set('authorization', `Bearer ${admin}`)
        .send({ name: `${department} 业务系统`, department, divisions, scopes: ['GET /api/v1/institutions'] }).expect(201);
      const token = await http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials', client_id: created.body.clientId, client_secret: created.body.clientSecret }).expect(200);
      const identity = await http.post('/api/v1/auth/nats-token').set('authorization', `Bearer ${token.body.accessToken}`).expect(200);
      return identity.body.identityToken as string;
    },
    async stop() {
      await gateway.stop();
      await registry.stop();
    },
  };
}
