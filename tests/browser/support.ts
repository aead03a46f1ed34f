// Browser tests: the whole stack in this process (registry, staff, inspection, credit, subsidy, from
// the one test stack builder), the gateway listening on a free port and serving the built web app
// (web/dist), and Debian's Chromium driven by playwright-core. No browser is ever downloaded.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningGateway } from '@shanyu/gateway';
import { buildWeb, compliantFilingSubmission, institutionRequest } from '@shanyu/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureChromium } from '../../deploy/local/install.mjs';
import { startTestStack, TEST_DEMO_PASSWORD } from '../support/stack.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(repoRoot, 'web');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
export const PASSWORD = TEST_DEMO_PASSWORD;

export interface BrowserStack {
  baseUrl: string;
  gateway: RunningGateway;
  evidenceDir: string;
  api<T = any>(
    method: string,
    path: string,
    options?: { as?: string; body?: unknown; raw?: string; contentType?: string },
  ): Promise<{ status: number; body: T }>;
  token(username: string): Promise<string>;
  routes(): Promise<Set<string>>;
  stop(): Promise<void>;
}

export async function startBrowserStack(): Promise<BrowserStack> {
  // Built first when a source changed (once for all files: the build takes a lock).
  const webDist = await buildWeb();
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-evidence-'));
  const stack = await startTestStack({
    services: ['registry', 'staff', 'inspection', 'credit', 'subsidy'],
    // The subsidy tests define the policy they compute with.
    config: { subsidy: { SUBSIDY_BUILTIN_POLICIES: 'off' } },
    startOptions: { staff: { eventsFrom: 'new' }, inspection: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' }, subsidy: { eventsFrom: 'new' } },
    // No PUBLIC_BASE_URL: links (the receipt's QR code) name the address the browser uses.
    gateway: { JWT_TTL_SECONDS: 3600, EVIDENCE_DIR: evidenceDir, WEB_DIST_DIR: webDist, PUBLIC_BASE_URL: undefined },
    listen: true,
  });
  const { baseUrl } = stack;
  const token = (username: string) => stack.tokenFor(username);

  let routeSet: Set<string> | undefined;
  return {
    baseUrl,
    gateway: stack.gateway,
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
      await stack.stop();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (installed by the project when missing), headless, with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
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
  const cells = await page
    .locator('[data-testid^="indicator-"]')
    .evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-testid')!, { value: el.getAttribute('data-value'), text: (el as HTMLElement).innerText }] as const),
    );
  const out = new Map<string, { value: string | null; text: string }>();
  for (const [id, cell] of cells) if (!out.has(id)) out.set(id, cell); // the first: the card, before the street table
  return out;
}

/**
 * Compares every indicator of `divisions` (the API's view) with its cell on the page: the raw value and
 * the text as the dashboard writes it. Returns how many were compared.
 */
export async function expectIndicatorCells(
  page: Page,
  divisions: { divisionCode: string; indicators: { key: string; value: number | null; unit: string }[] }[],
): Promise<number> {
  const cells = await indicatorCells(page);
  let compared = 0;
  for (const division of divisions) {
    for (const indicator of division.indicators) {
      const id = `indicator-${division.divisionCode}-${indicator.key}`;
      expect(cells.get(id), id).toEqual({
        value: indicator.value === null ? '' : String(indicator.value),
        text: formatIndicatorValue(indicator.value, indicator.unit),
      });
      compared++;
    }
  }
  return compared;
}

/** A phone as the inspectors carry it: Chinese, Shanghai time, a 390 × 844 touch screen. */
export const PHONE = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** Waits until the service worker is active, controls the page and has cached the app shell: from then on the app loads with no network. */
export async function appShellCached(page: Page): Promise<void> {
  // It runs in the page (as in settle below): the shapes it reads are written out.
  type Navigator = { serviceWorker: { getRegistration(): Promise<{ active?: { state: string } | null } | undefined>; controller: unknown } };
  type Caches = { match(url: string): Promise<unknown> };
  await page.waitForFunction(async () => {
    const { navigator, caches } = globalThis as unknown as { navigator: Navigator; caches: Caches };
    return (
      (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated' &&
      !!navigator.serviceWorker.controller &&
      !!(await caches.match('/index.html'))
    );
  });
}

/** Waits until the page's finite animations (a drawer sliding in, a modal zooming) have finished, so a screenshot shows the end state. */
export async function settle(page: Page): Promise<void> {
  // A function, not a string: a string predicate is evaluated in the page, which its CSP (no 'unsafe-eval') refuses.
  // It runs in the page; this Node program does not load the DOM types, hence the shape written out.
  type Animations = { getAnimations(): { playState: string; effect?: { getTiming(): { iterations?: number } } | null }[] };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: Animations }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
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
