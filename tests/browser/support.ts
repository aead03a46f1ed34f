// Browser tests: the whole stack in this process (registry, staff, inspection, credit, subsidy), the gateway listening on a free port and serving the built web app
// (web/dist), and Debian's Chromium driven by playwright-core. No browser is ever downloaded.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { startStaff, type RunningStaff } from '@shanyu/staff';
import { startCredit } from '@shanyu/credit';
import { startInspection } from '@shanyu/inspection';
import { startSubsidy } from '@shanyu/subsidy';
import { testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { buildWeb, compliantFilingSubmission, institutionRequest } from '@shanyu/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureChromium } from '../../deploy/local/infra.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(repoRoot, 'web');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
export const PASSWORD = 'browser-test-password';

interface Stoppable { stop(): Promise<void> }

export interface BrowserStack {
  baseUrl: string;
  gateway: RunningGateway;
  evidenceDir: string;
  api<T = any>(method: string, path: string, options?: { as?: string; body?: unknown; raw?: string; contentType?: string }): Promise<{ status: number; body: T }>;
  token(username: string): Promise<string>;
  routes(): Promise<Set<string>>;
  stop(): Promise<void>;
}

const base = () => ({ DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'warn' as const, RPC_TIMEOUT_MS: 10_000 });

export async function startBrowserStack(): Promise<BrowserStack> {
  // Built first when a source changed (once for all files: the build takes a lock).
  const webDist = await buildWeb();
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-evidence-'));
  const registry: RunningRegistry = await startRegistry({ ...base(), ...testNatsCredentials('registry'), REGISTRY_DB_SCHEMA: uniqueSchema('registry') });
  // Each consumer follows only events published from now on: earlier test files' events are not this stack's.
  const staff: RunningStaff = await startStaff({ ...base(), ...testNatsCredentials('staff'), STAFF_DB_SCHEMA: uniqueSchema('staff'), SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0 } as Parameters<typeof startStaff>[0], { eventsFrom: 'new' });
  const inspection = await startInspection({ ...base(), ...testNatsCredentials('inspection'), SHANYU_MODE: 'test', INSPECTION_DB_SCHEMA: uniqueSchema('inspection') } as Parameters<typeof startInspection>[0], { eventsFrom: 'new' });
  const credit = await startCredit({ ...base(), ...testNatsCredentials('credit'), SHANYU_MODE: 'test', CREDIT_DB_SCHEMA: uniqueSchema('credit') } as Parameters<typeof startCredit>[0], { eventsFrom: 'new' });
  const subsidy = await startSubsidy({ ...base(), ...testNatsCredentials('subsidy'), SHANYU_MODE: 'test', SUBSIDY_DB_SCHEMA: uniqueSchema('subsidy') } as Parameters<typeof startSubsidy>[0], { eventsFrom: 'new' });
  const followers: Stoppable[] = [inspection, credit, subsidy];
  const services = ['registry', 'staff', 'inspection', 'credit', 'subsidy'];
  const gateway = await createGateway({
    ...base(), ...testNatsCredentials('gateway'), PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 3600, SHANYU_DEMO_PASSWORD: PASSWORD,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'), HEALTH_SERVICES: services.join(','), EVIDENCE_DIR: evidenceDir, WEB_DIST_DIR: webDist,
  } as Parameters<typeof createGateway>[0]);
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const address = gateway.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens = new Map<string, string>();

  async function token(username: string): Promise<string> {
    if (!tokens.has(username)) {
      const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      tokens.set(username, ((await res.json()) as { accessToken: string }).accessToken);
    }
    return tokens.get(username)!;
  }

  let routeSet: Set<string> | undefined;
  return {
    baseUrl,
    gateway,
    evidenceDir,
    token,
    async api(method, p, options = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.as) headers.authorization = `Bearer ${await token(options.as)}`;
      let body: string | undefined;
      if (options.raw !== undefined) {
        body = options.raw;
        headers['content-type'] = options.contentType ?? 'text/plain';
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(`${baseUrl}${p}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed as any };
    },
    async routes() {
      if (!routeSet) {
        const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
        routeSet = new Set(Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((x) => `${x.toUpperCase()} ${p}`)));
      }
      return routeSet;
    },
    async stop() {
      await gateway.stop();
      for (const s of followers.reverse()) await s.stop().catch(() => undefined);
      await staff.stop();
      await registry.stop();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (installed by the project when missing), headless, with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

/** Saves a screenshot (the whole page, or what the screen shows) as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/** Logs in through the login page and waits to land on `next`. */
export async function loginAs(page: Page, baseUrl: string, username: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** How the dashboard writes an indicator (checked independently of the web code). */
export function formatIndicatorValue(value: number | null, unit: string): string {
  if (value === null) return '暂无数据';
  if (unit === '分') return `${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  const n = value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return unit === '%' ? `${n}%` : `${n} ${unit}`.trim();
}

/** Every element of the page whose data-testid starts with `indicator-`: its data-value and text, read in one go. */
export async function indicatorCells(page: Page): Promise<Map<string, { value: string | null; text: string }>> {
  const cells = await page.locator('[data-testid^="indicator-"]').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-testid')!, { value: el.getAttribute('data-value'), text: (el as HTMLElement).innerText }] as const));
  const out = new Map<string, { value: string | null; text: string }>();
  for (const [id, cell] of cells) if (!out.has(id)) out.set(id, cell); // the first: the card, before the street table
  return out;
}

/** Waits until the page's finite animations (a drawer sliding in, a modal zooming) have finished, so a screenshot shows the end state. */
export async function settle(page: Page): Promise<void> {
  // A function, not a string: a string predicate is evaluated in the page, which its CSP (no 'unsafe-eval') refuses.
  // It runs in the page; this Node program does not load the DOM types, hence the shape written out.
  type Animations = { getAnimations(): { playState: string; effect?: { getTiming(): { iterations?: number } } | null }[] };
  await page.waitForFunction(() => (globalThis as unknown as { document: Animations }).document.getAnimations()
    .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

/** The reply's body, once its status is the one expected (the body is the failure message). */
export function ok(res: { status: number; body: unknown }, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

/** An institution operator.demo registers in `divisionCode` and health approves its filing (备案). */
export async function filedOperatorInstitution(stack: BrowserStack, name: string, divisionCode: string): Promise<{ id: string; name: string }> {
  const created = ok(await stack.api('POST', '/api/v1/institutions', { as: 'operator.demo', body: institutionRequest({ name, divisionCode }) }), 201);
  const filing = ok(await stack.api('POST', `/api/v1/institutions/${created.id}/filings`, { as: 'operator.demo', body: compliantFilingSubmission() }), 201);
  ok(await stack.api('POST', `/api/v1/filings/${filing.id}/decision`, { as: 'health.330106', body: { decision: 'approve' } }));
  return { id: created.id, name: created.name };
}
