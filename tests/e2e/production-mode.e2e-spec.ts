import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createGateway, DEMO_JWT_SECRET } from '@shanyu/gateway';
import { testServiceEnv, uniqueSchema } from '@shanyu/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

const base = {
  DATABASE_URL: '',
  NATS_URL: '',
  PORT: 0,
  HOST: '127.0.0.1',
  JWT_TTL_SECONDS: 600,
  SHANYU_DEMO_PASSWORD: 'demo-password-1',
  LOG_LEVEL: 'warn' as const,
  RPC_TIMEOUT_MS: 2_000,
  HEALTH_SERVICES: '',
};

describe('demo accounts exist only in demo mode', () => {
  it('a production start on a demo database removes every demo account', async () => {
    const schema = uniqueSchema('gateway');
    const config = {
      ...base,
      ...testServiceEnv('gateway'),
      GATEWAY_DB_SCHEMA: schema,
    };
    const demo = await createGateway({ ...config, SHANYU_MODE: 'demo', JWT_SECRET: undefined });
    try {
      await request(demo.app.getHttpServer()).post('/api/v1/auth/token').send({ username: 'admin', password: 'demo-password-1' }).expect(200);
      // Without JWT_SECRET a demo gateway signs with a secret of its own: an admin token forged with the published demo secret is refused.
      const now = Math.floor(Date.now() / 1000);
      const forged = new JwtService({ secret: DEMO_JWT_SECRET }).sign(
        { sub: 'x', username: 'admin', dept: 'admin', role: 'admin', div: [], jti: randomUUID(), iat: now, exp: now + 600 },
        { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' },
      );
      expect((await request(demo.app.getHttpServer()).get('/api/v1/admin/api-clients').set('authorization', `Bearer ${forged}`).expect(401)).body.code).toBe(
        'TOKEN_INVALID',
      );
    } finally {
      await demo.stop();
    }
    await expect(createGateway({ ...config, SHANYU_MODE: 'production', JWT_SECRET: undefined })).rejects.toThrow(/JWT_SECRET/);
    const production = await createGateway({ ...config, SHANYU_MODE: 'production', JWT_SECRET: 'a-real-secret-of-more-than-32-characters!' });
    try {
      expect(production.demoAccounts).toEqual([]);
      const res = await request(production.app.getHttpServer()).post('/api/v1/auth/token').send({ username: 'admin', password: 'demo-password-1' }).expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      const [row] = await production.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".user_account WHERE demo`);
      expect(row.n).toBe(0);
    } finally {
      await production.stop();
    }
  });
});
