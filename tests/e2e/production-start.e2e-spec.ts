// A production start of the built services (node services/<name>/dist/main.js, as in the Docker
// image) refuses demo secrets and missing keys before it connects to anything: exit status 1 and a
// message naming each variable, in Chinese and English.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PII_KEY } from '@shanyu/common';
import { buildServices } from '@shanyu/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const realDb = 'postgres://shanyu:a-real-password@127.0.0.1:1/shanyu';

async function start(service: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return run(process.execPath, [`services/${service}/dist/main.js`], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, timeout: 90_000 })
    .then(() => ({ code: 0, stderr: '' }))
    .catch((e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
}

// A refusal comes in a second or two; loading a service on a machine busy with other test files can
// take much longer, and a start killed by its timeout would read as no refusal at all.
describe('a production start refuses demo secrets and missing keys', { timeout: 200_000 }, () => {
  beforeAll(async () => {
    await buildServices();
  }, 600_000);

  it('gateway: no JWT_SECRET, the demo database password and a demo NATS password, all named at once', async () => {
    const { code, stderr } = await start('gateway', {
      SHANYU_MODE: 'production',
      DATABASE_URL: 'postgres://shanyu:shanyu-demo@127.0.0.1:1/shanyu',
      NATS_USER: 'gateway',
      NATS_PASSWORD: 'shanyu-demo-nats-gateway',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('生产模式拒绝启动 (production start refused)');
    expect(stderr).toContain('JWT_SECRET: 生产模式必须设置 JWT_SECRET（openssl rand -base64 48） / production mode needs JWT_SECRET');
    expect(stderr).toContain('IDENTITY_SIGNING_KEY: 生产模式必须设置 IDENTITY_SIGNING_KEY');
    expect(stderr).toContain('DATABASE_URL: 生产模式不能使用演示密码');
    expect(stderr).toContain('NATS_PASSWORD: 生产模式不能使用公开的演示值');
  });

  it('staff: the public demo PII_KEY; registry (no mode set: production is the default): the demo database password', async () => {
    const staff = await start('staff', { SHANYU_MODE: 'production', DATABASE_URL: realDb, PII_KEY: DEMO_PII_KEY });
    expect(staff.code).toBe(1);
    expect(staff.stderr).toContain('PII_KEY: 生产模式不能使用公开的演示值作为 PII_KEY / PII_KEY must not be a published demo value in production');
    const registry = await start('registry', { DATABASE_URL: 'postgres://shanyu:shanyu-demo@127.0.0.1:1/shanyu' });
    expect(registry.code).toBe(1);
    expect(registry.stderr).toContain(
      'DATABASE_URL: 生产模式不能使用演示密码（DATABASE_URL 中的密码）/ the password in DATABASE_URL is a published demo value',
    );
  });
});
