// Machine credentials of department systems (issue 11 §1) through the gateway: an admin creates an
// API client with scopes (routes) and divisions and sees its secret once; the client exchanges it for
// a token (OAuth 2.0 client credentials: JSON, form, HTTP Basic) or sends it as X-Api-Key; it reaches
// only its routes and divisions; a rotation leaves the old secret working for the overlap only; a
// revocation stops tokens already issued on the next request; its changes are audited as the client
// and its reads are in the gateway's access log as the client; only scrypt hashes of secrets are stored.
import { captureJsonLogLines, institutionRequest } from '@shanyu/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stack, startStack } from './support.js';

interface CreatedClient {
  id: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  version: number;
  scopes: string[];
  divisions: string[];
}

describe('API clients: machine credentials for department systems', () => {
  let stack: Stack;
  let admin: string;
  let nextIp = 1;
  /** Each test its own client address (TRUST_PROXY is on), so the per-address failure count stays its own. */
  const freshIp = () => `203.0.113.${nextIp++}`;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  const MARKET_SCOPES = ['GET /api/v1/institutions', 'GET /api/v1/institutions/:id', 'POST /api/v1/institutions'];

  const create = async (overrides: Record<string, unknown> = {}): Promise<CreatedClient> => {
    const res = await stack.http
      .post('/api/v1/admin/api-clients')
      .set(bearer(admin))
      .send({ name: '西湖区市场监管 登记系统', department: 'market', divisions: ['330106'], scopes: MARKET_SCOPES, ...overrides });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const exchange = (clientId: string, secret: string, ip = freshIp()) =>
    stack.http.post('/api/v1/auth/token').set('x-forwarded-for', ip).send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
  const tokenOf = async (client: { clientId: string; clientSecret: string }) => {
    const res = await exchange(client.clientId, client.clientSecret);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.accessToken as string;
  };
  const registerBy = (headers: Record<string, string>, divisionCode = '330106109') =>
    stack.http.post('/api/v1/institutions').set(headers).send(institutionRequest({ divisionCode }));

  /** The gateway's log lines (JsonLogger writes to stdout), parsed. */
  let logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    logLines = captureJsonLogLines();
    // LOG_LEVEL info: the access log line of every request.
    stack = await startStack({ gateway: { TRUST_PROXY: 'true', LOG_LEVEL: 'info' } });
    admin = await stack.tokenFor('admin');
  });
  afterAll(async () => {
    await stack?.stop();
    vi.restoreAllMocks();
  });

  it('creates a client for admins only, shows its secret once, and stores only an scrypt hash of it', async () => {
    const client = await create();
    expect(client.clientId).toMatch(/^market-330106-[a-z2-9]{6}$/);
    expect(client.clientSecret).toMatch(/^shs_[A-Za-z0-9_-]{43}$/);
    expect(client.apiKey).toBe(`${client.clientId}.${client.clientSecret}`);
    expect(client.scopes).toEqual(['GET /api/v1/institutions', 'GET /api/v1/institutions/{id}', 'POST /api/v1/institutions']);
    expect(client).toMatchObject({ version: 1, department: 'market', divisions: ['330106'], revokedAt: null, secrets: [{ version: 1, validUntil: null }] });

    // Never again: not in the list, not in any table of the gateway's schema, not in the audit log.
    const list = await stack.http.get('/api/v1/admin/api-clients').set(bearer(admin)).expect(200);
    const listed = list.body.find((c: CreatedClient) => c.id === client.id);
    expect(listed).toMatchObject({ clientId: client.clientId, name: '西湖区市场监管 登记系统', secrets: [{ version: 1, validUntil: null }] });
    expect(listed).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(list.body)).not.toContain(client.clientSecret);
    expect(JSON.stringify(list.body)).not.toContain('scrypt$');

    const ds = stack.gateway.runtime.dataSource;
    const [stored] = await ds.query(
      `SELECT secret_hash FROM "${stack.gatewaySchema}".api_client_secret s JOIN "${stack.gatewaySchema}".api_client c ON c.id = s.api_client_id WHERE c.client_id = $1`,
      [client.clientId],
    );
    expect(stored.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    const secretPart = client.clientSecret.slice(4);
    for (const table of ['api_client', 'api_client_secret', 'audit_log', 'outbox']) {
      const [{ dump }] = await ds.query(`SELECT coalesce(string_agg(t::text, ' '), '') AS dump FROM "${stack.gatewaySchema}"."${table}" t`);
      expect(dump, table).not.toContain(secretPart);
    }
    const audit = await stack.http.get(`/api/v1/audit?service=gateway&entity=api_client&id=${client.id}`).set(bearer(admin)).expect(200);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['api_client.create']);

    for (const username of ['market.330106', 'fire.330106', 'health.330106']) {
      const refused = await stack.http
        .post('/api/v1/admin/api-clients')
        .set(bearer(await stack.tokenFor(username)))
        .send({ name: 'x', department: 'market', divisions: ['330106'], scopes: MARKET_SCOPES });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
      expect((await stack.http.get('/api/v1/admin/api-clients').set(bearer(await stack.tokenFor(username)))).status).toBe(403);
    }
  });

  it('refuses scopes that are not routes of the API, admin and login routes, and departments that cannot hold credentials, naming the field', async () => {
    const bad = await stack.http
      .post('/api/v1/admin/api-clients')
      .set(bearer(admin))
      .send({
        name: '坏的',
        department: 'fire',
        divisions: ['330106'],
        scopes: ['GET /api/v1/inspections/{id}', 'GET /api/v1/nowhere', 'POST /api/v1/admin/api-clients', 'fetch everything', 'get /api/v1/inspections/:id'],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.details).toEqual([
      expect.objectContaining({ field: 'scopes[1]', code: 'SCOPE_UNKNOWN' }),
      expect.objectContaining({ field: 'scopes[2]', code: 'SCOPE_NOT_GRANTABLE' }),
      expect.objectContaining({ field: 'scopes[3]', code: 'SCOPE_FORMAT' }),
      expect.objectContaining({ field: 'scopes[4]', code: 'SCOPE_DUPLICATE' }),
    ]);
    for (const [field, body] of [
      ['department', { department: 'admin' }],
      ['department', { department: 'operator' }],
      ['divisions', { divisions: ['999999'] }],
      ['scopes', { scopes: [] }],
    ] as const) {
      const res = await stack.http
        .post('/api/v1/admin/api-clients')
        .set(bearer(admin))
        .send({ name: '坏的', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'], ...body });
      expect(res.status, field).toBe(400);
      expect(
        res.body.details.map((d: { field: string }) => d.field),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    const [{ n }] = await stack.gateway.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${stack.gatewaySchema}".api_client WHERE name = '坏的'`);
    expect(n).toBe(0);
  });

  it('exchanges client credentials for a one-hour token as JSON, as a form and with HTTP Basic; wrong ones get 401 INVALID_CLIENT; logins still work', async () => {
    const client = await create();
    const json = await exchange(client.clientId, client.clientSecret);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 600, token_type: 'Bearer', expires_in: 600 }); // JWT_TTL_SECONDS 600 in tests < one hour
    expect(json.body.access_token).toBe(json.body.accessToken);

    const form = await stack.http
      .post('/api/v1/auth/token')
      .set('x-forwarded-for', freshIp())
      .type('form')
      .send(`grant_type=client_credentials&client_id=${encodeURIComponent(client.clientId)}&client_secret=${encodeURIComponent(client.clientSecret)}`);
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(form.body.tokenType).toBe('Bearer');

    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
    const viaBasic = await stack.http
      .post('/api/v1/auth/token')
      .set('x-forwarded-for', freshIp())
      .set('authorization', `Basic ${basic}`)
      .type('form')
      .send('grant_type=client_credentials');
    expect(viaBasic.status, JSON.stringify(viaBasic.body)).toBe(200);
    const twice = await stack.http
      .post('/api/v1/auth/token')
      .set('authorization', `Basic ${basic}`)
      .send({ grant_type: 'client_credentials', client_id: client.clientId });
    expect(twice.status).toBe(400);
    expect(twice.body.details[0]).toMatchObject({ field: 'client_id', code: 'CLIENT_AUTH_TWICE' });

    for (const [clientId, secret] of [
      [client.clientId, 'shs_wrong'],
      ['market-330106-nosuch', client.clientSecret],
    ]) {
      const wrong = await exchange(clientId, secret);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: 'INVALID_CLIENT', message: '接口客户端编号或密钥错误' });
    }
    const badGrant = await stack.http
      .post('/api/v1/auth/token')
      .send({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret });
    expect(badGrant.status).toBe(400);
    expect(badGrant.body.details[0].field).toBe('grant_type');
    const missing = await stack.http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials', client_id: client.clientId });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('client_secret');

    // A form body is accepted only where the OpenAPI document declares it.
    const elsewhere = await stack.http.post('/api/v1/institutions').set(bearer(json.body.accessToken)).type('form').send('name=x');
    expect(elsewhere.status).toBe(415);
    // People's logins are unchanged.
    const person = await stack.http.post('/api/v1/auth/token').send({ username: 'market.330106', password: 'test-demo-password' });
    expect(person.status).toBe(200);
    expect(person.body).toEqual({ accessToken: expect.any(String), expiresIn: 600, tokenType: 'Bearer' });
  });

  it('documents the grant and the admin routes in the OpenAPI document', async () => {
    const doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    const token = doc.paths['/api/v1/auth/token'].post.requestBody.content;
    expect(Object.keys(token)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(token['application/json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/TokenRequest' },
      { $ref: '#/components/schemas/ClientCredentialsRequest' },
    ]);
    expect(doc.components.schemas.ClientCredentialsRequest.properties).toHaveProperty('grant_type');
    expect(doc.components.schemas.CreateApiClientBody.required).toEqual(expect.arrayContaining(['name', 'department', 'divisions', 'scopes']));
    for (const path of ['/api/v1/admin/api-clients', '/api/v1/admin/api-clients/{id}/rotate', '/api/v1/admin/api-clients/{id}/revoke'])
      expect(doc.paths).toHaveProperty([path]);
  });

  it("locks a client after 5 wrong secrets like a person's login (429 ACCOUNT_LOCKED), even for the right secret", async () => {
    const client = await create();
    const ip = freshIp();
    // Each wrong secret after the second makes the next attempt wait (429 LOGIN_DELAYED): the failures are moved back past it.
    const waitOut = () =>
      stack.gateway.runtime.dataSource.query(`UPDATE "${stack.gatewaySchema}".login_failure SET at = at - interval '60 seconds' WHERE username = $1`, [
        `client:${client.clientId}`,
      ]);
    for (let i = 0; i < 4; i++) {
      expect((await exchange(client.clientId, `shs_wrong${i}`, ip)).status).toBe(401);
      await waitOut();
    }
    const fifth = await exchange(client.clientId, 'shs_wrong5', ip);
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.headers['retry-after']).toBeDefined();
    expect((await exchange(client.clientId, client.clientSecret, freshIp())).status).toBe(429);
    expect((await stack.http.get('/api/v1/institutions').set('x-api-key', client.apiKey).set('x-forwarded-for', freshIp())).status).toBe(429);
  });

  it('reaches only its routes (403 SCOPE_NOT_GRANTED naming the scope) and only its divisions, with a token or an API key', async () => {
    const client = await create();
    const token = await tokenOf(client);
    const other = (await registerBy(bearer(admin), '371002001').expect(201)).body.id as string;
    for (const [how, headers] of [
      ['token', bearer(token)],
      ['api key', { 'x-api-key': client.apiKey }],
    ] as const) {
      const created = await registerBy(headers);
      expect(created.status, `${how}: ${JSON.stringify(created.body)}`).toBe(201);
      const id = created.body.id as string;
      expect((await stack.http.get(`/api/v1/institutions/${id}`).set(headers)).status, how).toBe(200);
      const list = await stack.http.get('/api/v1/institutions?pageSize=200').set(headers).expect(200);
      expect(
        list.body.items.map((i: { id: string }) => i.id),
        how,
      ).toContain(id);
      expect(
        list.body.items.map((i: { id: string }) => i.id),
        how,
      ).not.toContain(other);

      const patch = await stack.http.patch(`/api/v1/institutions/${id}`).set(headers).send({ address: '杭州市西湖区三墩镇 2 号', reason: '搬迁' });
      expect(patch.status, how).toBe(403);
      expect(patch.body).toMatchObject({
        code: 'SCOPE_NOT_GRANTED',
        details: [{ field: 'scope', code: 'SCOPE_NOT_GRANTED', message: 'PATCH /api/v1/institutions/{id}' }],
      });
      expect(patch.body.message).toContain(`接口客户端 ${client.clientId} 未被授权调用 PATCH /api/v1/institutions/{id}`);
      const filings = await stack.http.get('/api/v1/filings').set(headers);
      expect(filings.status, how).toBe(403);
      expect(filings.body.code).toBe('SCOPE_NOT_GRANTED');
      const adminRoute = await stack.http.get('/api/v1/admin/api-clients').set(headers);
      expect(adminRoute.body.code, how).toBe('SCOPE_NOT_GRANTED');

      // Inside its scopes but outside its divisions: the registry refuses, as for a person of 西湖区.
      const outside = await registerBy(headers, '371002001');
      expect(outside.status, how).toBe(403);
      expect(outside.body.code).toBe('DIVISION_OUT_OF_SCOPE');
      const read = await stack.http.get(`/api/v1/institutions/${other}`).set(headers);
      expect(read.status, how).toBe(403);
      expect(read.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    }
    const badKey = await stack.http.get('/api/v1/institutions').set('x-api-key', `${client.clientId}.shs_not-the-secret`).set('x-forwarded-for', freshIp());
    expect(badKey.status).toBe(401);
    expect(badKey.body.code).toBe('INVALID_CLIENT');
    const malformed = await stack.http.get('/api/v1/institutions').set('x-api-key', 'no-dot-here');
    expect(malformed.status).toBe(401);
    expect(malformed.body.code).toBe('INVALID_CLIENT');
  });

  it('audits every change made with client credentials as that client', async () => {
    const client = await create();
    const viaToken = (await registerBy(bearer(await tokenOf(client))).expect(201)).body.id as string;
    const viaKey = (await registerBy({ 'x-api-key': client.apiKey }).expect(201)).body.id as string;
    for (const id of [viaToken, viaKey]) {
      const audit = await stack.http.get(`/api/v1/audit?entity=institution&id=${id}`).set(bearer(admin)).expect(200);
      expect(audit.body[0]).toMatchObject({
        action: expect.stringMatching(/^institution\./),
        actor: { department: 'market', role: 'system', userId: `client:${client.clientId}`, clientId: client.clientId },
      });
    }
    const [row] = await stack.registry.runtime.dataSource.query(
      `SELECT actor_user, actor_client, actor_role FROM "${stack.registrySchema}".audit_log WHERE entity = 'institution' AND entity_id = $1`,
      [viaKey],
    );
    expect(row).toEqual({ actor_user: `client:${client.clientId}`, actor_client: client.clientId, actor_role: 'system' });
  });

  it('logs every read made with client credentials as that client: the gateway access log names it (reads are not in the audit log)', async () => {
    const client = await create();
    const token = await tokenOf(client);
    const id = (await registerBy(bearer(token)).expect(201)).body.id as string;
    const auditBefore = (await stack.http.get(`/api/v1/audit?entity=institution&id=${id}`).set(bearer(admin)).expect(200)).body.length;
    const accessLine = (requestId: string) => {
      const lines = logLines.filter((l) => l.service === 'gateway' && l.msg === 'http' && l.requestId === requestId);
      expect(lines, requestId).toHaveLength(1);
      return lines[0];
    };
    const reads = [
      { headers: bearer(token), path: `/api/v1/institutions/${id}`, route: '/api/v1/institutions/:id', status: 200 },
      { headers: { 'x-api-key': client.apiKey }, path: '/api/v1/institutions?pageSize=5', route: '/api/v1/institutions', status: 200 },
      // Refused for its scope: still logged as the client's call.
      { headers: { 'x-api-key': client.apiKey }, path: '/api/v1/filings', route: '/api/v1/filings', status: 403 },
    ];
    for (const read of reads) {
      const requestId = `api-client-read-${randomUUID()}`;
      const res = await stack.http.get(read.path).set(read.headers).set('x-request-id', requestId);
      expect(res.status, read.path).toBe(read.status);
      expect(accessLine(requestId), read.path).toMatchObject({
        level: 'info',
        method: 'GET',
        route: read.route,
        status: read.status,
        user: `client:${client.clientId}`,
        department: 'market',
        clientId: client.clientId,
      });
    }
    // The secret never reaches a log line.
    expect(JSON.stringify(logLines)).not.toContain(client.clientSecret.slice(4));
    // Reads change nothing, so the audit log (state changes only) is unchanged.
    expect((await stack.http.get(`/api/v1/audit?entity=institution&id=${id}`).set(bearer(admin)).expect(200)).body).toHaveLength(auditBefore);
  });

  it('rotates with an overlap: the old secret, its tokens and its API key work until the overlap ends, then only the new one', async () => {
    const client = await create();
    const oldToken = await tokenOf(client);
    expect((await stack.http.get('/api/v1/institutions').set('x-api-key', client.apiKey)).status).toBe(200);

    // Long enough for the six calls made in it on a busy machine (files run two at a time); the test sleeps out the rest.
    const overlapSeconds = 8;
    const rotated = await stack.http.post(`/api/v1/admin/api-clients/${client.id}/rotate`).set(bearer(admin)).send({ overlapSeconds });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body).toMatchObject({ clientId: client.clientId, version: 2, apiKey: `${client.clientId}.${rotated.body.clientSecret}` });
    expect(rotated.body.clientSecret).not.toBe(client.clientSecret);
    const overlapEnd = new Date(rotated.body.previousValidUntil).getTime();
    expect(overlapEnd - Date.now()).toBeGreaterThan(0);
    expect(overlapEnd - Date.now()).toBeLessThanOrEqual(overlapSeconds * 1_000);

    // During the overlap: both secrets, the old token and the old API key.
    expect((await exchange(client.clientId, client.clientSecret)).status).toBe(200);
    const newToken = await tokenOf({ clientId: client.clientId, clientSecret: rotated.body.clientSecret });
    expect((await stack.http.get('/api/v1/institutions').set(bearer(oldToken))).status).toBe(200);
    expect((await stack.http.get('/api/v1/institutions').set('x-api-key', client.apiKey)).status).toBe(200);
    const listed = (await stack.http.get('/api/v1/admin/api-clients').set(bearer(admin)).expect(200)).body.find((c: CreatedClient) => c.id === client.id);
    expect(listed.secrets).toEqual([
      expect.objectContaining({ version: 1, validUntil: rotated.body.previousValidUntil }),
      expect.objectContaining({ version: 2, validUntil: null }),
    ]);

    await new Promise((r) => setTimeout(r, Math.max(0, overlapEnd - Date.now()) + 200));
    const oldSecret = await exchange(client.clientId, client.clientSecret);
    expect(oldSecret.status).toBe(401);
    expect(oldSecret.body.code).toBe('INVALID_CLIENT');
    const oldTokenAfter = await stack.http.get('/api/v1/institutions').set(bearer(oldToken));
    expect(oldTokenAfter.status).toBe(401);
    expect(oldTokenAfter.body.code).toBe('CLIENT_SECRET_EXPIRED');
    const oldKeyAfter = await stack.http.get('/api/v1/institutions').set('x-api-key', client.apiKey);
    expect(oldKeyAfter.status).toBe(401);
    expect((await stack.http.get('/api/v1/institutions').set(bearer(newToken))).status).toBe(200);
    expect((await stack.http.get('/api/v1/institutions').set('x-api-key', rotated.body.apiKey)).status).toBe(200);

    // Default overlap one day; at most 30 days.
    const byDefault = await stack.http.post(`/api/v1/admin/api-clients/${client.id}/rotate`).set(bearer(admin)).expect(200);
    expect(new Date(byDefault.body.previousValidUntil).getTime() - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    const tooLong = await stack.http
      .post(`/api/v1/admin/api-clients/${client.id}/rotate`)
      .set(bearer(admin))
      .send({ overlapSeconds: 31 * 86_400 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('overlapSeconds');
    const unknown = await stack.http.post('/api/v1/admin/api-clients/00000000-0000-4000-8000-000000000000/rotate').set(bearer(admin)).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('API_CLIENT_NOT_FOUND');
  });

  it('revokes at once: tokens already issued and the API key get 401 API_CLIENT_REVOKED on the next request, and no new token is issued', async () => {
    const client = await create();
    const token = await tokenOf(client);
    expect((await stack.http.get('/api/v1/institutions').set(bearer(token))).status).toBe(200);
    expect((await stack.http.get('/api/v1/institutions').set('x-api-key', client.apiKey)).status).toBe(200);

    const revoked = await stack.http.post(`/api/v1/admin/api-clients/${client.id}/revoke`).set(bearer(admin)).send({ reason: '系统下线' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ clientId: client.clientId, revokeReason: '系统下线', revokedAt: expect.any(String) });

    for (const headers of [bearer(token), { 'x-api-key': client.apiKey }]) {
      const res = await stack.http.get('/api/v1/institutions').set(headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'API_CLIENT_REVOKED', message: `接口客户端 ${client.clientId} 已被吊销` });
    }
    const again = await exchange(client.clientId, client.clientSecret);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_CLIENT');
    for (const action of ['rotate', 'revoke']) {
      const res = await stack.http.post(`/api/v1/admin/api-clients/${client.id}/${action}`).set(bearer(admin)).send({});
      expect(res.status, action).toBe(409);
      expect(res.body.code).toBe('API_CLIENT_ALREADY_REVOKED');
    }
    const audit = await stack.http.get(`/api/v1/audit?service=gateway&entity=api_client&id=${client.id}`).set(bearer(admin)).expect(200);
    expect(audit.body.map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ['api_client.create', null],
      ['api_client.revoke', '系统下线'],
    ]);
  });
});
