// HTTP limits and headers of the gateway: a JSON body beyond the size or complexity limits is
// refused before it is parsed (so it cannot stall other requests), error details are capped,
// unknown routes are 404 whatever their body, every reply has the security headers, replies to
// requests with credentials are not cached, and /metrics is not on the public port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support.js';

let stack: Stack;
let dist: string;

/** `{"k0":0,"k1":1,…}`: what was seen stalling the gateway for seconds. */
const manyKeys = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html lang="zh-CN"><title>善育</title><script type="module" src="/assets/app-1.js"></script><div id="root"></div></html>',
  );
  fs.writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
  stack = await startStack({ gateway: { WEB_DIST_DIR: dist } });
});

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('bounded JSON bodies', () => {
  const complain = (body: string) => stack.http.post('/api/v1/public/complaints').set('content-type', 'application/json').send(body);

  it('refuses 60,000 unknown keys without login in well under 100 ms: 413 BODY_TOO_COMPLEX naming the limit, a small reply', async () => {
    const body = manyKeys(60_000);
    await complain(body).expect(413); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, value: res } = await timed(() => complain(body));
      runs.push(ms);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        statusCode: 413,
        code: 'BODY_TOO_COMPLEX',
        message: '请求体过于复杂：一个对象的字段不能超过 500 个',
        details: [{ field: '(body)', code: 'maxObjectKeys', message: '一个对象的字段不能超过 500 个' }],
      });
      expect(res.text.length).toBeLessThan(400);
    }
    // The ~700 kB upload over loopback is part of each figure; the fastest shows the refusal's own
    // cost, the median is bounded generously for a busy machine.
    expect(Math.min(...runs)).toBeLessThan(100);
    expect(median(runs)).toBeLessThan(1_000);
    console.log(`[http-1] 60,000 keys → 413 BODY_TOO_COMPLEX in ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });

  it('keeps /health fast while several such bodies arrive at once', async () => {
    const health = async () => (await timed(() => stack.http.get('/health').expect(200))).ms;
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push(await health());
    const body = manyKeys(60_000);
    const attacks = Array.from({ length: 8 }, () => complain(body));
    const during = await Promise.all(Array.from({ length: 5 }, (_, i) => new Promise<number>((resolve) => setTimeout(() => resolve(health()), i * 10))));
    const refused = await Promise.all(attacks);
    expect(refused.map((r) => r.body.code)).toEqual(Array(8).fill('BODY_TOO_COMPLEX'));
    // Before the limits one such body held every request for 4–7 s; a generous bound over the baseline.
    expect(Math.max(...during)).toBeLessThan(median(baseline) + 1_000);
    console.log(`[http-2] /health ${median(baseline).toFixed(0)} ms alone, at most ${Math.max(...during).toFixed(0)} ms beside 8 bodies of 60,000 keys`);
  });

  it.each([
    ['nesting', 'maxDepth', '嵌套层级不能超过 32 层', `${'['.repeat(40)}1${']'.repeat(40)}`],
    ['a long string', 'maxStringLength', '一个字符串不能超过 10000 个字符', JSON.stringify({ description: 'x'.repeat(10_001) })],
    ['a long array', 'maxArrayLength', '一个数组不能超过 10000 项', JSON.stringify({ photos: Array(10_001).fill(0) })],
    [
      'many keys in all',
      'maxTotalKeys',
      '字段总数不能超过 100000 个',
      JSON.stringify({
        rows: Array.from({ length: 5_300 }, () => ({
          a: 1,
          b: 2,
          c: 3,
          d: 4,
          e: 5,
          f: 6,
          g: 7,
          h: 8,
          i: 9,
          j: 0,
          k: 1,
          l: 2,
          m: 3,
          n: 4,
          o: 5,
          p: 6,
          q: 7,
          r: 8,
          s: 9,
        })),
      }),
    ],
  ])('refuses %s: 413 BODY_TOO_COMPLEX (%s)', async (_what, limit, message, body) => {
    const res = await complain(body).expect(413);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_COMPLEX', message: `请求体过于复杂：${message}`, details: [{ field: '(body)', code: limit, message }] });
  });

  it('bounds the form body of the token request the same way', async () => {
    const form = ['grant_type=client_credentials', ...Array.from({ length: 60_000 }, (_, i) => `k${i}=${i}`)].join('&');
    const { ms, value: res } = await timed(() => stack.http.post('/api/v1/auth/token').type('form').send(form));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_COMPLEX', details: [{ field: '(body)', code: 'maxObjectKeys' }] });
    expect(ms).toBeLessThan(1_000);
    const long = await stack.http
      .post('/api/v1/auth/token')
      .type('form')
      .send(`grant_type=client_credentials&client_id=${'x'.repeat(10_001)}`)
      .expect(413);
    expect(long.body.details[0].code).toBe('maxStringLength');
    const proto = await stack.http.post('/api/v1/auth/token').type('form').send('grant_type=client_credentials&__proto__=x').expect(400);
    expect(proto.body.details[0]).toMatchObject({ field: '(body)', code: 'whitelistValidation' });
    // An ordinary form still reaches the route: unknown client → 401.
    const normal = await stack.http
      .post('/api/v1/auth/token')
      .type('form')
      .send('grant_type=client_credentials&client_id=fire-330106-abc123&client_secret=shs_nope')
      .expect(401);
    expect(normal.body.code).toBe('INVALID_CLIENT');
  });

  it('the limits are settings (BODY_MAX_*)', async () => {
    const strict = await startStack({ gateway: { BODY_MAX_OBJECT_KEYS: 10, BODY_MAX_BYTES: 2_000 } });
    try {
      const keys = await strict.http
        .post('/api/v1/public/complaints')
        .send(JSON.parse(manyKeys(11)))
        .expect(413);
      expect(keys.body.message).toBe('请求体过于复杂：一个对象的字段不能超过 10 个');
      const big = await strict.http
        .post('/api/v1/public/complaints')
        .send({ description: 'x'.repeat(2_001) })
        .expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await strict.stop();
    }
  });

  it('lists the first 20 unknown fields and counts the rest, in a short message', async () => {
    const res = await complain(manyKeys(400)).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.details).toHaveLength(21);
    expect(res.body.details[0]).toEqual({ field: 'k0', code: 'whitelistValidation', message: '不允许的字段' });
    expect(res.body.details[20]).toMatchObject({ field: '(more)', code: 'moreProblems' });
    expect(res.body.details[20].message).toMatch(/^另有 \d+ 个问题未列出$/);
    expect(res.body.message).toMatch(/^请求参数有误：k0、k1、.*等 \d+ 个字段$/);
    expect(res.text.length).toBeLessThan(3_000);
  });

  it('still answers malformed JSON 400 VALIDATION and a prototype key 400, naming the body', async () => {
    const bad = await complain('{"category":').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION', details: [{ field: '(body)', code: 'isJson' }] });
    const proto = await complain('{"__proto__":{"isAdmin":true}}').expect(400);
    expect(proto.body).toMatchObject({ code: 'VALIDATION', details: [{ field: '(body)', code: 'whitelistValidation' }] });
    const xml = await stack.http.post('/api/v1/public/complaints').set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(xml.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/v1/anything.json', undefined, undefined],
    ['GET', '/api/unknown', undefined, undefined],
    ['POST', '/api/v1/nothing', 'application/json', '{"broken":'],
    ['POST', '/api/v1/nothing.json', 'application/json', manyKeys(60_000)],
    ['PUT', '/api/v1/nothing', 'application/xml', '<a/>'],
    ['PATCH', '/api/v1/institutions/x/y/z', 'text/plain', 'hello'],
    ['DELETE', '/api/v1/institutions', undefined, undefined],
  ])('%s %s is 404 ROUTE_NOT_FOUND, never 400 or 415', async (method, url, type, body) => {
    let call = stack.http[method.toLowerCase() as 'get'](url);
    if (type) call = call.set('content-type', type);
    const res = await (body === undefined ? call : call.send(body));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
  });
});

describe('headers', () => {
  it('sends a Content-Security-Policy without inline scripts, Referrer-Policy and the other security headers on pages and API', async () => {
    for (const url of ['/', '/public', '/api/docs', '/health', '/api/v1/public/institutions?divisionCode=330106', '/api/v1/nowhere']) {
      const res = await stack.http.get(url).redirects(1);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
    }
  });

  it('Swagger UI and the web app load scripts from files only, as their CSP requires', async () => {
    for (const url of ['/api/docs', '/']) {
      const html = (await stack.http.get(url).redirects(1).expect(200)).text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(attributes, url).toMatch(/\bsrc=/);
        expect(inline.trim(), url).toBe('');
      }
    }
    const init = await stack.http.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.headers['content-type']).toMatch(/javascript/);
  });

  it('Cache-Control: no-store on every reply to a request with credentials and on the token route', async () => {
    const login = await stack.http.post('/api/v1/auth/token').send({ username: 'market.330106', password: 'test-demo-password' }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const wrong = await stack.http.post('/api/v1/auth/token').send({ username: 'market.330106', password: 'nope' }).expect(401);
    expect(wrong.headers['cache-control']).toBe('no-store');
    const token = login.body.accessToken as string;
    for (const url of ['/api/v1/institutions', '/api/v1/public/institutions?divisionCode=330106', '/api/v1/institutions/not-a-uuid', '/api/v1/nowhere']) {
      const res = await stack.http.get(url).set('authorization', `Bearer ${token}`);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const forged = await stack.http.get('/api/v1/institutions').set('authorization', 'Bearer forged').expect(401);
    expect(forged.headers['cache-control']).toBe('no-store');
    const key = await stack.http.get('/api/v1/institutions').set('x-api-key', 'nobody.shs_nothing').expect(401);
    expect(key.headers['cache-control']).toBe('no-store');
    // Without credentials the public register may be cached as before.
    const anonymous = await stack.http.get('/api/v1/public/institutions?divisionCode=330106').expect(200);
    expect(anonymous.headers['cache-control']).not.toBe('no-store');
  });
});

describe('/metrics', () => {
  it('is not on the public port without METRICS_TOKEN (Prometheus scrapes the METRICS_PORT listener)', async () => {
    const res = await stack.http.get('/metrics').expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('with METRICS_TOKEN it answers only with the token', async () => {
    const previous = process.env.METRICS_TOKEN;
    process.env.METRICS_TOKEN = 'a-long-test-metrics-token';
    const withToken = await startStack();
    try {
      const http = request(withToken.gateway.app.getHttpServer());
      await http.get('/metrics').expect(401);
      const ok = await http.get('/metrics').set('authorization', 'Bearer a-long-test-metrics-token').expect(200);
      expect(ok.text).toContain('shanyu_http_request_duration_seconds');
    } finally {
      if (previous === undefined) delete process.env.METRICS_TOKEN;
      else process.env.METRICS_TOKEN = previous;
      await withToken.stop();
    }
  });
});
