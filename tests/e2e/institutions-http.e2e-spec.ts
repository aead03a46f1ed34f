import { institutionRequest, randomUscc } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support.js';

describe('institutions through the gateway (HTTP → NATS → registry → PostgreSQL)', () => {
  let stack: Stack;
  let market: string;

  beforeAll(async () => {
    stack = await startStack();
    market = await stack.tokenFor('market.330106');
  });
  afterAll(async () => stack?.stop());

  const counts = async () => {
    const ds = stack.registry.runtime.dataSource;
    const s = stack.registrySchema;
    const [row] = await ds.query(
      `SELECT (SELECT count(*) FROM "${s}".institution)::int AS institutions,
              (SELECT count(*) FROM "${s}".outbox)::int AS events,
              (SELECT count(*) FROM "${s}".audit_log)::int AS audits`,
    );
    return row as { institutions: number; events: number; audits: number };
  };

  it('registers an institution: 201 with the registration authority derived from its nature', async () => {
    const body = institutionRequest();
    const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(body).expect(201);
    expect(res.body).toMatchObject({
      name: body.name,
      uscc: body.uscc,
      registrationAuthority: 'market',
      status: 'registered',
      countyCode: '330106',
      totalPlaces: 45,
      version: 1,
    });
    expect(res.headers['x-request-id']).toBeTruthy();
    const got = await stack.http.get(`/api/v1/institutions/${res.body.id}`).set('authorization', `Bearer ${market}`).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('records the event in the outbox and an audit entry in the same transaction', async () => {
    const before = await counts();
    await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201);
    const after = await counts();
    expect(after).toEqual({ institutions: before.institutions + 1, events: before.events + 1, audits: before.audits + 1 });
  });

  it.each([
    ['uscc', { uscc: '91350100M000100Y42' }, 'isUscc'],
    ['uscc', { uscc: 'not-a-code' }, 'isUscc'],
    ['name', { name: '' }, 'minLength'],
    ['name', { name: '    ' }, 'matches'],
    ['nature', { nature: 'charity' }, 'isIn'],
    ['careForms', { careForms: [] }, 'arrayMinSize'],
    ['careForms', { careForms: ['overnight'] }, 'isIn'],
    ['divisionCode', { divisionCode: '330106999' }, 'isDivisionCode'],
    ['divisionCode', { divisionCode: '330106' }, 'isDivisionCode'],
    ['floor', { floor: 'ground' }, 'isInt'],
    ['buildingAreaM2', { buildingAreaM2: 12.345 }, 'isNumber'],
    ['places.infant', { places: { infant: -1, toddler: 0, older: 0, mixed: 0 } }, 'min'],
    ['places', { places: 'many' }, 'nestedValidation'],
    ['colour', { colour: 'red' }, 'whitelistValidation'],
  ])('400 naming %s, and changes nothing', async (field, override, code) => {
    const before = await counts();
    const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest(override)).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION' });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field, code }));
    expect(await counts()).toEqual(before);
  });

  it('400 for a missing field says it is required', async () => {
    const { address: _omit, ...body } = institutionRequest();
    const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(body).expect(400);
    expect(res.body.details).toContainEqual({ field: 'address', code: 'isDefined', message: '必填' });
  });

  it('says which check character a mistyped USCC should have', async () => {
    const good = randomUscc();
    const last = good.at(-1) === '0' ? '1' : '0';
    const res = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send(institutionRequest({ uscc: good.slice(0, 17) + last }))
      .expect(400);
    const problem = res.body.details.find((d: { field: string }) => d.field === 'uscc');
    expect(problem.message).toContain(good.at(-1));
  });

  it('400 for malformed JSON', async () => {
    const res = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .set('content-type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(res.body.code).toBe('VALIDATION');
  });

  it('413 for an oversized body and 400 for a body that is not a JSON object, each with a code', async () => {
    const huge = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send(institutionRequest({ address: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).set('content-type', 'text/plain').send('name=x');
    expect(text.status).toBe(400);
    expect(text.body.details[0]).toMatchObject({ field: '(body)', code: 'isObject' });
  });

  it('401 without a token or with a forged one', async () => {
    const none = await stack.http.post('/api/v1/institutions').send(institutionRequest()).expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const forged = await stack.http
      .get('/api/v1/institutions')
      .set('authorization', `Bearer ${market.slice(0, -4)}AAAA`)
      .expect(401);
    expect(forged.body.code).toBe('TOKEN_INVALID');
    const badLogin = await stack.http.post('/api/v1/auth/token').send({ username: 'market.330106', password: 'wrong' }).expect(401);
    expect(badLogin.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('403 for a department that does not register institutions', async () => {
    const health = await stack.tokenFor('health.330106');
    const before = await counts();
    const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${health}`).send(institutionRequest()).expect(403);
    expect(res.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await counts()).toEqual(before);
  });

  it('403 when market regulation registers a non-profit (civil affairs registers those)', async () => {
    const res = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send(institutionRequest({ nature: 'non_profit' }))
      .expect(403);
    expect(res.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    const civil = await stack.tokenFor('civil.330106');
    await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${civil}`)
      .send(institutionRequest({ nature: 'non_profit' }))
      .expect(201);
  });

  it("403 for a department outside the institution's division, on write and read", async () => {
    const weihai = await stack.tokenFor('market.371002');
    const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${weihai}`).send(institutionRequest()).expect(403);
    expect(res.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    const created = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201);
    const read = await stack.http.get(`/api/v1/institutions/${created.body.id}`).set('authorization', `Bearer ${weihai}`).expect(403);
    expect(read.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    const list = await stack.http.get('/api/v1/institutions').set('authorization', `Bearer ${weihai}`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
  });

  it('409 with a code for a duplicate USCC, and no second row', async () => {
    const body = institutionRequest();
    await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(body).expect(201);
    const before = await counts();
    const res = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send({ ...body, name: '另一家' })
      .expect(409);
    expect(res.body.code).toBe('INSTITUTION_USCC_TAKEN');
    expect(await counts()).toEqual(before);
  });

  it('409 for concurrent registrations of one USCC: exactly one wins', async () => {
    const body = institutionRequest();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('404 for an unknown id, 400 for a malformed one', async () => {
    const missing = await stack.http.get('/api/v1/institutions/00000000-0000-4000-8000-000000000000').set('authorization', `Bearer ${market}`).expect(404);
    expect(missing.body.code).toBe('INSTITUTION_NOT_FOUND');
    const bad = await stack.http.get('/api/v1/institutions/123').set('authorization', `Bearer ${market}`).expect(400);
    expect(bad.body.details[0].field).toBe('id');
  });

  it('finds an institution by its USCC with the rules of a read by id, its OpenAPI reply and errors from the contract', async () => {
    const created = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201);
    const found = await stack.http.get(`/api/v1/institutions/by-uscc/${created.body.uscc}`).set('authorization', `Bearer ${market}`).expect(200);
    expect(found.body).toEqual(created.body);
    const missing = await stack.http.get(`/api/v1/institutions/by-uscc/${randomUscc()}`).set('authorization', `Bearer ${market}`).expect(404);
    expect(missing.body.code).toBe('INSTITUTION_NOT_FOUND');
    const bad = await stack.http.get('/api/v1/institutions/by-uscc/91350100M000100Y42').set('authorization', `Bearer ${market}`).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'uscc', code: 'isUscc' });
    const weihai = await stack.tokenFor('market.371002');
    const other = await stack.http.get(`/api/v1/institutions/by-uscc/${created.body.uscc}`).set('authorization', `Bearer ${weihai}`).expect(403);
    expect(other.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    const route = (await stack.http.get('/api/docs-json').expect(200)).body.paths['/api/v1/institutions/by-uscc/{uscc}'].get;
    expect(route.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/InstitutionView' });
    expect(route.responses['404'].description).toContain('INSTITUTION_NOT_FOUND');
    expect(route.responses['403'].description).toContain('DIVISION_OUT_OF_SCOPE');
  });

  it('lists with filters and pagination', async () => {
    const tag = `筛选${Date.now()}`;
    const civil = await stack.tokenFor('civil.330106');
    await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send(institutionRequest({ name: `${tag}甲`, divisionCode: '330106109' }))
      .expect(201);
    await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .send(institutionRequest({ name: `${tag}乙`, divisionCode: '330106004' }))
      .expect(201);
    await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${civil}`)
      .send(institutionRequest({ name: `${tag}丙`, divisionCode: '330106004', nature: 'non_profit' }))
      .expect(201);
    const get = (query: string) =>
      stack.http
        .get(`/api/v1/institutions?q=${encodeURIComponent(tag)}&${query}`)
        .set('authorization', `Bearer ${market}`)
        .expect(200);

    expect((await get('')).body.total).toBe(3);
    expect((await get('divisionCode=330106004')).body.items.map((i: { name: string }) => i.name).sort()).toEqual([`${tag}乙`, `${tag}丙`].sort());
    expect((await get('divisionCode=330106')).body.total).toBe(3);
    expect((await get('nature=non_profit')).body.items.map((i: { name: string }) => i.name)).toEqual([`${tag}丙`]);
    expect((await get('status=deregistered')).body.total).toBe(0);
    const page1 = (await get('pageSize=2&page=1')).body;
    const page2 = (await get('pageSize=2&page=2')).body;
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
    expect(new Set([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).size).toBe(3);

    const bad = await stack.http.get('/api/v1/institutions?pageSize=1000&status=open').set('authorization', `Bearer ${market}`).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'status']);
  });

  it('PATCH changes what may change, audits before/after with the reason, and refuses USCC edits', async () => {
    const created = (await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201)).body;
    const res = await stack.http
      .patch(`/api/v1/institutions/${created.id}`)
      .set('authorization', `Bearer ${market}`)
      .send({ address: '杭州市西湖区三墩镇新址 8 号', places: { infant: 0, toddler: 15, older: 20, mixed: 10 }, reason: '迁址', expectedVersion: 1 })
      .expect(200);
    expect(res.body).toMatchObject({ address: '杭州市西湖区三墩镇新址 8 号', totalPlaces: 45, version: 2 });

    const history = await stack.registry.runtime.auditLog.history(stack.registry.runtime.dataSource, 'institution', created.id);
    expect(history.map((h) => h.action)).toEqual(['institution.register', 'institution.update']);
    expect(history[1]).toMatchObject({ reason: '迁址', actorDepartment: 'market' });
    expect((history[1].before as { address: string }).address).toBe(created.address);

    const stale = await stack.http
      .patch(`/api/v1/institutions/${created.id}`)
      .set('authorization', `Bearer ${market}`)
      .send({ name: '新名称', expectedVersion: 1 })
      .expect(409);
    expect(stale.body.code).toBe('INSTITUTION_VERSION_CONFLICT');
    const uscc = await stack.http.patch(`/api/v1/institutions/${created.id}`).set('authorization', `Bearer ${market}`).send({ uscc: randomUscc() }).expect(400);
    expect(uscc.body.details[0]).toMatchObject({ field: 'uscc', code: 'whitelistValidation' });

    const before = (await stack.http.get(`/api/v1/institutions/${created.id}`).set('authorization', `Bearer ${market}`).expect(200)).body;
    const empty = await stack.http
      .patch(`/api/v1/institutions/${created.id}`)
      .set('authorization', `Bearer ${market}`)
      .send({ reason: '只有原因' })
      .expect(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION', details: [{ field: 'body', code: 'NO_CHANGES' }] });
    const after = (await stack.http.get(`/api/v1/institutions/${created.id}`).set('authorization', `Bearer ${market}`).expect(200)).body;
    expect(after.version).toBe(before.version);
  });

  it('operators see and change only their own institutions', async () => {
    const operator = await stack.tokenFor('operator.demo');
    const own = (await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${operator}`).send(institutionRequest()).expect(201)).body;
    const other = (await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201)).body;
    await stack.http.get(`/api/v1/institutions/${own.id}`).set('authorization', `Bearer ${operator}`).expect(200);
    const denied = await stack.http.get(`/api/v1/institutions/${other.id}`).set('authorization', `Bearer ${operator}`).expect(403);
    expect(denied.body.code).toBe('NOT_OWN_INSTITUTION');
    const list = await stack.http.get('/api/v1/institutions').set('authorization', `Bearer ${operator}`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
  });

  it("admins read an institution's audit trail and verify every chain; others may not", async () => {
    const created = (
      await stack.http
        .post('/api/v1/institutions')
        .set('authorization', `Bearer ${market}`)
        .set('x-request-id', 'req-audit-1')
        .send(institutionRequest())
        .expect(201)
    ).body;
    const admin = await stack.tokenFor('admin');
    const trail = await stack.http.get(`/api/v1/audit?entity=institution&id=${created.id}`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(trail.body).toHaveLength(1);
    expect(trail.body[0]).toMatchObject({ action: 'institution.register', requestId: 'req-audit-1', actor: { department: 'market' } });
    const verify = await stack.http.get('/api/v1/audit/verify').set('authorization', `Bearer ${admin}`).expect(200);
    // This stack runs the gateway and the registry only: each of those verifies.
    const running = verify.body.filter((v: { service: string }) => ['gateway', 'registry'].includes(v.service));
    expect(running).toHaveLength(2);
    for (const v of running) expect(v.ok).toBe(true);
    expect(verify.body.find((v: { service: string }) => v.service === 'registry').entries).toBeGreaterThan(0);
    const denied = await stack.http.get('/api/v1/audit/verify').set('authorization', `Bearer ${market}`).expect(403);
    expect(denied.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('GET /health reports PostgreSQL, NATS and the registry as up', async () => {
    const res = await stack.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.checks).sort()).toEqual(['nats', 'postgres', 'registry']);
    for (const check of Object.values(res.body.checks) as { status: string }[]) expect(check.status).toBe('up');
  });

  it('publishes OpenAPI with every route and the request schemas, and the AsyncAPI subject list', async () => {
    const openapi = (await stack.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/token', '/api/v1/institutions', '/api/v1/institutions/{id}', '/health']));
    expect(openapi.components.schemas.RegisterInstitutionRequest.properties.uscc).toBeDefined();
    expect(openapi.components.schemas.RegisterInstitutionRequest.required).toContain('uscc');
    const asyncapi = (await stack.http.get('/api/docs/asyncapi.json').expect(200)).body;
    const addresses = Object.values(asyncapi.channels).map((c) => (c as { address: string }).address);
    expect(addresses).toEqual(expect.arrayContaining(['registry.institution.register', 'evt.registry.institution.registered.v1']));
    await stack.http.get('/api/docs').expect((r) => expect([200, 301, 302]).toContain(r.status));
  });

  it('404 with a code for an unknown route', async () => {
    const res = await stack.http.get('/api/v1/nothing-here').set('authorization', `Bearer ${market}`).expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
