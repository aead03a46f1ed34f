// The gateway serves the web app beside the API, and keeps evidence (inspection photos)
// content-addressed: the same file sent twice is one evidence, one file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryBody, startStack, type Stack } from './support.js';

let stack: Stack;
let dist: string;
let evidenceDir: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
// A 1×1 JPEG and a 1×1 PNG.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><title>善育</title><div id="root"></div></html>');
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), '{}');
  fs.writeFileSync(path.join(dist, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-evidence-'));
  stack = await startStack({ gateway: { WEB_DIST_DIR: dist, EVIDENCE_DIR: evidenceDir } });
});

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(evidenceDir, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it("answers the app's own routes with index.html (never cached) and hashed assets for a year", async () => {
    for (const url of ['/', '/public', '/public/institutions/x', '/app', '/app/filings/123', '/inspector/visits/abc', '/login']) {
      const res = await stack.http.get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
    const asset = await stack.http.get('/assets/app-1a2b3c.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await stack.http.get('/sw.js').expect(200)).headers['cache-control']).toBe('no-cache');
    await stack.http.get('/assets/missing-000.js').expect(404);
  });

  it('serves a file added by a later build without a restart', async () => {
    fs.writeFileSync(path.join(dist, 'assets', 'later-9z8y7x.js'), 'console.log(2)');
    await stack.http.get('/assets/later-9z8y7x.js').expect(200);
  });

  it('leaves the API alone: unknown API routes are JSON errors, the receipt QR link gives JSON to programs and the page to browsers', async () => {
    const unknown = await stack.http.get('/api/v1/no-such-route').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    await stack.http.get('/health').expect((r) => expect(r.headers['content-type']).toMatch(/json/));
    const json = await stack.http.get('/api/v1/public/receipts/330106-2026-9999').set('accept', 'application/json').expect(200);
    expect(json.body).toMatchObject({ receiptNo: '330106-2026-9999', genuine: false });
    const browser = await stack.http.get('/api/v1/public/receipts/330106-2026-9999').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(302);
    expect(browser.headers.location).toBe('/public/receipts/330106-2026-9999');
  });
});

describe('POST /api/v1/evidence', () => {
  const upload = (token: string, file: Buffer, fields: Record<string, string>, name = 'photo.jpg') => {
    const req = stack.http.post('/api/v1/evidence').set(auth(token));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, name);
  };
  const meta = { takenAt: '2026-10-12T10:15:00+08:00', location: '二楼午睡室东侧安全出口', itemCode: 'FIRE-01' };

  it('stores a photo once by its SHA-256: sent again, it is the same evidence and the same file', async () => {
    const fire = await stack.tokenFor('fire.330106');
    const sha = createHash('sha256').update(JPEG).digest('hex');
    const first = await upload(fire, JPEG, meta).expect(201);
    expect(first.body).toMatchObject({
      evidenceId: sha,
      sha256: sha,
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
      location: meta.location,
      itemCode: 'FIRE-01',
      uploads: 1,
    });
    expect(first.body.takenAt).toBe('2026-10-12T02:15:00.000Z');
    const again = await upload(fire, JPEG, { ...meta, location: '别处' }).expect(201);
    expect(again.body).toMatchObject({ evidenceId: sha, location: meta.location, uploads: 2 });
    const files = fs.readdirSync(evidenceDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toEqual([sha]);
    const file = await stack.http.get(`/api/v1/evidence/${sha}/file`).set(auth(fire)).buffer(true).parse(binaryBody).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((file.body as Buffer).equals(JPEG)).toBe(true);
    await stack.http
      .get(`/api/v1/evidence/${sha}`)
      .set(auth(await stack.tokenFor('health.330106')))
      .expect(200);
  });

  it("recognises the type by the file's bytes and refuses anything but photos and PDF", async () => {
    const fire = await stack.tokenFor('fire.330106');
    const png = await upload(fire, PNG, meta, 'looks-like.jpg').expect(201);
    expect(png.body.contentType).toBe('image/png');
    const text = await upload(fire, Buffer.from('<script>alert(1)</script>'), meta, 'evil.jpg').expect(400);
    expect(text.body).toMatchObject({ code: 'VALIDATION', details: [expect.objectContaining({ field: 'file' })] });
    const none = await stack.http.post('/api/v1/evidence').set(auth(fire)).field('takenAt', meta.takenAt).field('location', meta.location).expect(400);
    expect(none.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
  });

  it('requires when and where, a login and a department that takes evidence; operators see only their own', async () => {
    const fire = await stack.tokenFor('fire.330106');
    const missing = await upload(fire, JPEG, { location: 'x' }).expect(400);
    expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'takenAt' })]));
    await stack.http.post('/api/v1/evidence').attach('file', JPEG, 'a.jpg').expect(401);
    await upload(await stack.tokenFor('finance.330106'), JPEG, meta).expect(403);
    const sha = createHash('sha256').update(JPEG).digest('hex');
    await stack.http
      .get(`/api/v1/evidence/${sha}`)
      .set(auth(await stack.tokenFor('operator.demo')))
      .expect(404);
    await stack.http.get('/api/v1/evidence/not-a-hash').set(auth(fire)).expect(400);
  });
});
