// Abuse limits through the gateway (issue 9 §6): waits growing with each failed login of a username,
// lockout per username (audited, listed and lifted by an admin), and a per-address rule that never
// refuses a correct password of an account that has not failed itself; counted in the gateway's own
// schema so two replicas agree. Logout revokes the presented token on every replica; expired and
// jti-less tokens are refused; bodies over 1 MB are 413.
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { testServiceEnv, testStackSecrets } from '@shanyu/testing';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Stack, startStack } from './support.js';

describe('abuse limits: login waits and lockout, per-address rule, token revocation and expiry, body size', () => {
  let stack: Stack;
  let replica: RunningGateway; // a second gateway on the same schema, as a second pod would be
  let replicaHttp: ReturnType<typeof request>;
  let nextIp = 1;
  /** Every test uses its own client address (TRUST_PROXY is on), so the per-address count stays its own. */
  const freshIp = () => `198.51.100.${nextIp++}`;

  const login = (username: string, password: string, ip: string, http = stack.http) =>
    http.post('/api/v1/auth/token').set('x-forwarded-for', ip).send({ username, password });

  const failures = async (where: string, value: string): Promise<number> => {
    const [row] = await stack.gateway.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${stack.gatewaySchema}".login_failure WHERE ${where} = $1`, [
      value,
    ]);
    return row.n;
  };

  /** Moves a username's failures `seconds` back in time: the wait they impose has passed. */
  const age = (username: string, seconds = 60) =>
    stack.gateway.runtime.dataSource.query(`UPDATE "${stack.gatewaySchema}".login_failure SET at = at - make_interval(secs => $2) WHERE username = $1`, [
      username,
      seconds,
    ]);
  /** A wrong password after any wait has passed. */
  const wrong = async (username: string, ip: string, password = 'wrong') => {
    await age(username);
    return login(username, password, ip);
  };

  beforeAll(async () => {
    stack = await startStack({ gateway: { TRUST_PROXY: 'true' } });
    replica = await createGateway({ ...replicaConfig(stack.gatewaySchema) });
    replicaHttp = request(replica.app.getHttpServer());
  });
  afterAll(async () => {
    await replica?.stop();
    await stack?.stop();
  });

  it('makes each attempt after 2 failures wait 1 s, 2 s, 4 s (429 LOGIN_DELAYED, not counted), then locks at 5: 429 ACCOUNT_LOCKED with the unlock time, audited', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    const messages: string[] = [];
    const attempt = async (i: number) => {
      const res = await login('fire.330106', `wrong-${i}`, ip);
      statuses.push(res.status);
      messages.push(res.body.message);
      return res;
    };
    await attempt(0);
    await attempt(1);
    // Two failures: the third attempt must wait a second, and is refused without being checked or counted.
    const early = await attempt(2);
    expect(early.body).toMatchObject({ statusCode: 429, code: 'LOGIN_DELAYED', message: '登录失败次数较多，请 1 秒后再试' });
    expect(Number(early.headers['retry-after'])).toBe(1);
    expect(new Date(early.body.retryAt).getTime() - Date.now()).toBeLessThanOrEqual(1_000);
    expect(await failures('username', 'fire.330106')).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await attempt(3)).status).toBe(401);
    // Three failures: 2 s; four: 4 s (moved back in time rather than waited for).
    expect((await attempt(4)).body).toMatchObject({ code: 'LOGIN_DELAYED', message: '登录失败次数较多，请 2 秒后再试' });
    await age('fire.330106', 2);
    expect((await attempt(5)).status).toBe(401);
    expect((await attempt(6)).body).toMatchObject({ code: 'LOGIN_DELAYED', message: '登录失败次数较多，请 4 秒后再试' });
    await age('fire.330106', 4);
    expect(statuses).toEqual([401, 401, 429, 401, 429, 401, 429]);
    expect(messages.at(-2)).toBe('用户名或密码错误（再错 1 次将锁定账号）');

    const fifth = await login('fire.330106', 'wrong-5', ip);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toMatchObject({ statusCode: 429, code: 'ACCOUNT_LOCKED' });
    expect(fifth.body.message).toMatch(/^登录失败次数过多，账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    const retryAt = new Date(fifth.body.retryAt).getTime();
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 2_000);
    const retryAfter = Number(fifth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60 + 2);
    // The message names the same instant as retryAt, in Beijing time.
    const beijing = new Date(retryAt + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(fifth.body.message).toContain(beijing);

    // The lockout is in the gateway's audit log, once.
    const admin = await stack.tokenFor('admin');
    const audit = await stack.http.get('/api/v1/audit?service=gateway&entity=login&id=fire.330106').set('authorization', `Bearer ${admin}`).expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ action: 'login.lock', entity: 'login', entityId: 'fire.330106', actor: { userId: 'system' } });
    expect(audit.body[0].after).toMatchObject({ failures: 5, lockedUntil: fifth.body.retryAt, lastAddress: ip });

    // Locked: the right password is refused too, the lock does not move, and nothing more is counted.
    const right = await login('fire.330106', DEMO_PASSWORD, ip);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect(right.body.retryAt).toBe(fifth.body.retryAt);
    expect(await failures('username', 'fire.330106')).toBe(5);

    // …on the other replica as well (the counts live in the shared schema).
    const elsewhere = await login('fire.330106', DEMO_PASSWORD, freshIp(), replicaHttp);
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.code).toBe('ACCOUNT_LOCKED');

    // Other accounts are not affected.
    await login('police.330106', DEMO_PASSWORD, ip).expect(200);

    // 15 minutes later (the failures moved back in time) the right password works and clears the count.
    await stack.gateway.runtime.dataSource.query(
      `UPDATE "${stack.gatewaySchema}".login_failure SET at = at - interval '15 minutes 1 second' WHERE username = $1`,
      ['fire.330106'],
    );
    await login('fire.330106', DEMO_PASSWORD, ip).expect(200);
    expect(await failures('username', 'fire.330106')).toBe(0);
    console.log(
      `[auth-1] waits 1 s, 2 s, 4 s after failures 2-4, then 429 ACCOUNT_LOCKED on the 5th failure; Retry-After ${retryAfter} s; "${fifth.body.message}"`,
    );
  });

  it('a successful login forgives earlier failures; unknown usernames are counted and answered the same way', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await wrong('hrss.330106', ip)).status).toBe(401);
    await age('hrss.330106');
    await login('hrss.330106', DEMO_PASSWORD, ip).expect(200);
    // Forgiven: no wait, a fresh count.
    for (let i = 0; i < 2; i++) await login('hrss.330106', 'nope', ip).expect(401);
    for (let i = 0; i < 2; i++) expect((await wrong('hrss.330106', ip)).status).toBe(401);
    await age('hrss.330106');
    await login('hrss.330106', DEMO_PASSWORD, ip).expect(200);

    const ghost: { status: number; code: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await wrong('no.such.user', ip, 'whatever');
      ghost.push({ status: res.status, code: res.body.code });
    }
    expect(ghost.map((g) => `${g.status} ${g.code}`)).toEqual([...Array(4).fill('401 INVALID_CREDENTIALS'), '429 ACCOUNT_LOCKED', '429 ACCOUNT_LOCKED']);
  });

  it('counts concurrent attempts on two replicas one by one: 12 at once never record more than 5 failures', async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login('education.330106', `guess-${i}`, ip, i % 2 ? replicaHttp : stack.http)));
    const tally = new Map<string, number>();
    for (const r of results) tally.set(`${r.status} ${r.body.code}`, (tally.get(`${r.status} ${r.body.code}`) ?? 0) + 1);
    // Attempts are checked one at a time: those after the second settled failure wait, those after the fifth are locked.
    for (const key of tally.keys()) expect(['401 INVALID_CREDENTIALS', '429 LOGIN_DELAYED', '429 ACCOUNT_LOCKED']).toContain(key);
    const recorded = await failures('username', 'education.330106');
    expect(recorded).toBeLessThanOrEqual(5);
    expect(recorded).toBeGreaterThanOrEqual(2);
    expect((tally.get('401 INVALID_CREDENTIALS') ?? 0) + (recorded === 5 ? 1 : 0)).toBe(recorded);
    console.log(
      `[auth-2] 12 concurrent wrong passwords over 2 replicas: ${[...tally].map(([k, v]) => `${v}× ${k}`).join(', ')}; failures recorded ${recorded}`,
    );
  });

  it('an office address with 20 failed logins (any accounts) still lets a colleague with the right password in; only usernames that failed from it are refused there', async () => {
    const ip = freshIp();
    // 20 failures spread over 10 made-up accounts (2 each: no account reaches its own limit or a wait).
    for (let i = 0; i < 20; i++) await login(`spray.${i % 10}`, 'password1', ip).expect(401);
    expect(await failures('ip', ip)).toBe(20);
    // Accounts that have not failed from this address are checked as usual: right → 200, wrong → 401.
    await login('civil.330106', DEMO_PASSWORD, ip).expect(200);
    await login('finance.330106', 'typo', ip).expect(401);
    expect(await failures('ip', ip)).toBe(21);
    await login('police.330106', DEMO_PASSWORD, ip).expect(200);
    // A username that already failed from here (made up or real) is refused from here, checked or not.
    await age('spray.3');
    const blocked = await login('spray.3', 'password2', ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(blocked.body.message).toMatch(/来自本地址的登录失败次数过多，此账号请于 .+（北京时间）后再试/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await age('finance.330106');
    expect((await login('finance.330106', DEMO_PASSWORD, ip)).body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    // …from another address it is its own count that decides (and a success forgives its failures everywhere).
    await login('finance.330106', DEMO_PASSWORD, freshIp()).expect(200);
    await login('finance.330106', DEMO_PASSWORD, ip).expect(200);
  });

  it('lists locked usernames for an admin, who can lift a lockout (audited); others may not', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await wrong('street.330106109', ip)).status).toBe(401);
    await age('street.330106109');
    const locked = (await login('street.330106109', 'wrong', ip).expect(429)).body;
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    const admin = await stack.tokenFor('admin');
    const market = await stack.tokenFor('market.330106');
    const list = await stack.http.get('/api/v1/admin/login-lockouts').set('authorization', `Bearer ${admin}`).expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const entry = list.body.find((l: { username: string }) => l.username === 'street.330106109');
    expect(entry).toMatchObject({ failures: 5, addresses: [ip], lockedUntil: locked.retryAt });
    expect((await stack.http.get('/api/v1/admin/login-lockouts').set('authorization', `Bearer ${market}`).expect(403)).body.code).toBe(
      'DEPARTMENT_NOT_ALLOWED',
    );
    expect(
      (await stack.http.post('/api/v1/admin/login-lockouts/unlock').set('authorization', `Bearer ${market}`).send({ username: 'street.330106109' }).expect(403))
        .body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');

    const unlocked = await stack.http
      .post('/api/v1/admin/login-lockouts/unlock')
      .set('authorization', `Bearer ${admin}`)
      .send({ username: 'street.330106109', reason: '本人电话确认' })
      .expect(200);
    expect(unlocked.body).toEqual({ username: 'street.330106109', failuresCleared: 5, wasLocked: true });
    // On the other replica too, at once.
    await login('street.330106109', DEMO_PASSWORD, ip, replicaHttp).expect(200);
    const again = await stack.http
      .post('/api/v1/admin/login-lockouts/unlock')
      .set('authorization', `Bearer ${admin}`)
      .send({ username: 'street.330106109' })
      .expect(200);
    expect(again.body).toEqual({ username: 'street.330106109', failuresCleared: 0, wasLocked: false });
    const audit = await stack.http.get('/api/v1/audit?service=gateway&entity=login&id=street.330106109').set('authorization', `Bearer ${admin}`).expect(200);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['login.lock', 'login.unlock']);
    expect(audit.body[1]).toMatchObject({ reason: '本人电话确认', actor: { department: 'admin' }, before: { failures: 5, locked: true } });
    expect(
      (await stack.http.post('/api/v1/admin/login-lockouts/unlock').set('authorization', `Bearer ${admin}`).send({}).expect(400)).body.details[0].field,
    ).toBe('username');
    const doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/admin/login-lockouts'].get.responses['200'].content['application/json'].schema.items.required).toContain('lockedUntil');
    expect(doc.paths['/api/v1/admin/login-lockouts/unlock'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/UnlockLoginBody',
    });
    expect(doc.components.schemas.UnlockLoginBody.required).toEqual(['username']);
  });

  it('logout revokes the presented token (by jti) on every replica: 401 TOKEN_REVOKED; other tokens keep working', async () => {
    const first = (await login('market.330106', DEMO_PASSWORD, freshIp()).expect(200)).body.accessToken as string;
    const second = (await login('market.330106', DEMO_PASSWORD, freshIp()).expect(200)).body.accessToken as string;
    const claims = JSON.parse(Buffer.from(first.split('.')[1], 'base64url').toString());
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp - claims.iat).toBe(600);

    await stack.http.get('/api/v1/institutions').set('authorization', `Bearer ${first}`).expect(200);
    await replicaHttp.post('/api/v1/auth/logout').set('authorization', `Bearer ${first}`).expect(204);
    for (const http of [stack.http, replicaHttp]) {
      const res = await http.get('/api/v1/institutions').set('authorization', `Bearer ${first}`).expect(401);
      expect(res.body).toMatchObject({ code: 'TOKEN_REVOKED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    expect((await stack.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${first}`).expect(401)).body.code).toBe('TOKEN_REVOKED');
    await stack.http.get('/api/v1/institutions').set('authorization', `Bearer ${second}`).expect(200);
    const [row] = await stack.gateway.runtime.dataSource.query(`SELECT user_id, expires_at FROM "${stack.gatewaySchema}".revoked_token WHERE jti = $1`, [
      claims.jti,
    ]);
    expect(new Date(row.expires_at).getTime()).toBe(claims.exp * 1000);
    expect((await stack.http.post('/api/v1/auth/logout').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token and a token without a jti (which could not be revoked)', async () => {
    const jwt = new JwtService({ secret: testStackSecrets().JWT_SECRET });
    const base = { sub: 'u1', username: 'admin', dept: 'admin', role: 'admin', div: [] };
    const sign = (claims: object) => jwt.sign(claims, { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' });
    const now = Math.floor(Date.now() / 1000);
    const expired = await stack.http
      .get('/api/v1/institutions')
      .set('authorization', `Bearer ${sign({ ...base, jti: crypto.randomUUID(), iat: now - 700, exp: now - 100 })}`)
      .expect(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_INVALID', message: '登录已过期，请重新登录' });
    const noJti = await stack.http
      .get('/api/v1/institutions')
      .set('authorization', `Bearer ${sign({ ...base, iat: now, exp: now + 600 })}`)
      .expect(401);
    expect(noJti.body.code).toBe('TOKEN_INVALID');
    // The same claims with a jti pass: only the jti made the difference.
    await stack.http
      .get('/api/v1/institutions')
      .set('authorization', `Bearer ${sign({ ...base, jti: crypto.randomUUID(), iat: now, exp: now + 600 })}`)
      .expect(200);
  });

  it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE before anything is read or counted', async () => {
    const ip = freshIp();
    const huge = await login('admin', 'x'.repeat(1_000_001), ip);
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' });
    const nearly = await login('admin', 'x'.repeat(999_000), ip);
    expect(nearly.status).toBe(413);
    expect(nearly.body).toMatchObject({ code: 'BODY_TOO_COMPLEX', details: [{ field: '(body)', code: 'maxStringLength' }] });
    const long = await login('admin', 'x'.repeat(9_000), ip);
    expect(long.status).toBe(400);
    expect(long.body.details).toContainEqual(expect.objectContaining({ field: 'password', code: 'maxLength' }));
    expect(await failures('ip', ip)).toBe(0);
    const admin = await stack.tokenFor('admin');
    const big = await stack.http
      .put('/api/v1/calendar/2031')
      .set('authorization', `Bearer ${admin}`)
      .send({ source: 'x'.repeat(1_050_000), entries: [] });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("GET /health?scope=self (the Kubernetes probes of deploy/k8s) checks only the gateway's own PostgreSQL and NATS", async () => {
    const self = await stack.http.get('/health?scope=self').expect(200);
    expect(Object.keys(self.body.checks).sort()).toEqual(['nats', 'postgres']);
    const full = await stack.http.get('/health').expect(200);
    expect(Object.keys(full.body.checks).sort()).toEqual(['nats', 'postgres', 'registry']);
  });
});

function replicaConfig(schema: string) {
  return {
    ...testServiceEnv('gateway'),
    PORT: 0,
    HOST: '127.0.0.1',
    SHANYU_MODE: 'test' as const,
    JWT_TTL_SECONDS: 600,
    SHANYU_DEMO_PASSWORD: DEMO_PASSWORD,
    GATEWAY_DB_SCHEMA: schema,
    LOG_LEVEL: 'warn' as const,
    RPC_TIMEOUT_MS: 5_000,
    HEALTH_SERVICES: 'registry',
    TRUST_PROXY: 'true',
  };
}
