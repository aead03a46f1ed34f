// The people's side in a real browser (Debian's Chromium): a reviewer approves a filing in the
// console and the public register shows it, the receipt verifies, the dashboard shows the
// indicators the API computes (and those equal what the raw data gives), Excel export and
// population import work, and the inspector app survives going offline.
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { compliantFilingSubmission, institutionRequest } from '@shanyu/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appShellCached, type BrowserStack, expectIndicatorCells, launchChromium, loginAs, PHONE, screenshot, startBrowserStack } from './support.js';

const YEAR = new Date().getFullYear();
const MONTH = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7); // Asia/Shanghai

let stack: BrowserStack;
let browser: Browser;
const run = randomInt(100_000);

interface Seeded {
  id: string;
  name: string;
  divisionCode: string;
  filingId: string;
  places: number;
}
const seeded: Seeded[] = [];
let pendingReview: Seeded;

async function registerAndFile(
  name: string,
  divisionCode: string,
  places: { infant: number; toddler: number; older: number; mixed: number },
  careForms?: string[],
): Promise<Seeded> {
  const reg = await stack.api('POST', '/api/v1/institutions', {
    as: 'market.330106',
    body: institutionRequest({ name, divisionCode, places, ...(careForms ? { careForms } : {}) }),
  });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  const filing = await stack.api('POST', `/api/v1/institutions/${reg.body.id}/filings`, { as: 'market.330106', body: compliantFilingSubmission() });
  expect(filing.status, JSON.stringify(filing.body)).toBe(201);
  const s = { id: reg.body.id, name, divisionCode, filingId: filing.body.id, places: places.infant + places.toddler + places.older + places.mixed };
  seeded.push(s);
  return s;
}

beforeAll(async () => {
  stack = await startBrowserStack();
  browser = await launchChromium();
  // Population of 西湖区 and three of its streets, and four institutions: two filed (one 普惠), one
  // registered only, and one waiting for the reviewer.
  const pop = await stack.api('PUT', '/api/v1/population', {
    as: 'health.330106',
    body: {
      rows: [
        { divisionCode: '330106', year: YEAR, residentPopulation: 1_180_000, childrenUnder3: 29_500, source: '测试：西湖区统计公报' },
        { divisionCode: '330106109', year: YEAR, residentPopulation: 210_000, childrenUnder3: 5_300, source: '测试：三墩镇' },
        { divisionCode: '330106013', year: YEAR, residentPopulation: 120_000, childrenUnder3: 3_050, source: '测试：蒋村街道' },
        { divisionCode: '330106005', year: YEAR, residentPopulation: 95_000, childrenUnder3: 2_200, source: '测试：古荡街道' },
      ],
    },
  });
  expect(pop.status, JSON.stringify(pop.body)).toBe(200);
  const a = await registerAndFile(`三墩小星星托育园${run}`, '330106109', { infant: 10, toddler: 15, older: 20, mixed: 0 });
  const b = await registerAndFile(`蒋村向日葵托育中心${run}`, '330106013', { infant: 0, toddler: 15, older: 40, mixed: 0 }, ['full_day', 'hourly']);
  for (const s of [a, b]) {
    const d = await stack.api('POST', `/api/v1/filings/${s.filingId}/decision`, { as: 'health.330106', body: { decision: 'approve' } });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
  }
  const inc = await stack.api('POST', `/api/v1/institutions/${b.id}/inclusive`, {
    as: 'health.330106',
    body: { action: 'grant', priceCapFen: 180_000, inclusivePlaces: 30, decisionNo: '西卫普〔2026〕1号' },
  });
  expect(inc.status, JSON.stringify(inc.body)).toBe(200);
  const reg = await stack.api('POST', '/api/v1/institutions', {
    as: 'market.330106',
    body: institutionRequest({ name: `古荡未备案托育园${run}`, divisionCode: '330106005' }),
  });
  expect(reg.status).toBe(201);
  pendingReview = await registerAndFile(`三墩彩虹桥托育园${run}`, '330106109', { infant: 10, toddler: 15, older: 20, mixed: 0 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(context?: BrowserContext): Promise<Page> {
  const ctx =
    context ?? (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 }, acceptDownloads: true }));
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  return page;
}

/** What Chromium refused under the gateway's Content-Security-Policy, on every page of this file. */
const cspViolations: string[] = [];

describe('department console and public register', () => {
  it('a reviewer (health.330106) approves a filing; the public register and the receipt page show it', async () => {
    const page = await newPage();
    await loginAs(page, stack.baseUrl, 'health.330106', '/app/filings');
    await page.getByRole('link', { name: pendingReview.name }).waitFor();
    await screenshot(page, 'console-filings');

    await page.getByRole('link', { name: pendingReview.name }).click();
    await page.getByText('自动核验（').waitFor();
    await expect(page.getByTestId('filing-status').innerText()).resolves.toBe('待审核');
    // Each requirement's 依据 as a citation (《title》文号 article) and its level, never raw JSON.
    await expect(page.getByTestId('check-documents').innerText()).resolves.toContain('西政办函〔2021〕15号');
    await expect(page.getByTestId('rule-source').first().innerText()).resolves.toBe('《托育机构登记和备案办法（试行）》 国卫办人口发〔2019〕25号 第八条');
    await page.getByRole('cell', { name: '区县·浙江省杭州市西湖区' }).first().waitFor();
    expect(await page.locator('table').last().innerText()).not.toMatch(/[{}]/);
    await screenshot(page, 'console-filing-detail');
    await page.getByRole('button', { name: '通过，出具回执' }).click();
    await page.getByRole('button', { name: '通过并出具回执' }).click();
    await page.getByTestId('filing-status').filter({ hasText: '已通过' }).waitFor();
    const receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();

    const filing = await stack.api('GET', `/api/v1/filings/${pendingReview.filingId}`, { as: 'health.330106' });
    expect(filing.body.status).toBe('approved');
    expect(filing.body.receiptNo).toBe(receiptNo);

    // The public register, without logging in.
    const pub = await newPage();
    await pub.goto(`${stack.baseUrl}/public?q=${encodeURIComponent(pendingReview.name)}`);
    await pub.getByRole('link', { name: pendingReview.name }).waitFor();
    await expect(pub.getByText('共 1 家机构').count()).resolves.toBe(1);
    await screenshot(pub, 'public-register');
    await pub.getByRole('link', { name: pendingReview.name }).click();
    await pub.getByRole('heading', { name: pendingReview.name }).waitFor();
    await expect(pub.getByTestId('receipt-no').innerText()).resolves.toBe(receiptNo);
    await screenshot(pub, 'public-institution');

    // The receipt's QR code leads to /api/v1/public/receipts/:no: a browser lands on the readable page.
    await pub.goto(`${stack.baseUrl}/api/v1/public/receipts/${encodeURIComponent(receiptNo)}`);
    await pub.waitForURL(`**/public/receipts/${encodeURIComponent(receiptNo)}`);
    await expect(pub.getByTestId('receipt-verdict').innerText()).resolves.toBe('回执真实有效');
    await screenshot(pub, 'public-receipt');
    await pub.context().close();
    await page.context().close();
  });

  it('the public register filters by district and street, 普惠 and care form', async () => {
    const [a, b] = seeded as [Seeded, Seeded];
    const pub = await newPage();
    await pub.goto(`${stack.baseUrl}/public`);
    const names = async (total: number) => {
      await pub.getByText(`共 ${total} 家机构`).waitFor();
      return total ? (await pub.locator('tr.ant-table-row td:first-child').allInnerTexts()).sort() : [];
    };
    // The street list is virtual (only the options in view are rendered): typing filters it first.
    const pick = async (field: string, option: string, search = false) => {
      await pub.getByLabel(field, { exact: true }).click();
      if (search) await pub.getByLabel(field, { exact: true }).fill(option);
      await pub.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
    };
    const query = () => pub.getByRole('button', { name: /^查\s*询$/ }).click();
    await names(3); // the unfiled institution is not on the register

    // District, then street: 西湖区 → 三墩镇 leaves the two filed institutions there.
    await pick('区县', '西湖区', true);
    await pick('街道', '三墩镇', true);
    await query();
    await pub.waitForURL((url) => url.searchParams.get('divisionCode') === '330106109');
    expect(await names(2)).toEqual([a.name, pendingReview.name].sort());
    await screenshot(pub, 'public-register-street');

    // 普惠 only (any district): the one 普惠 institution, with its price cap.
    await pub.goto(`${stack.baseUrl}/public`);
    await names(3);
    await pick('普惠', '普惠');
    await query();
    expect(await names(1)).toEqual([b.name]);
    await pub.locator('tr.ant-table-row').getByText('¥1,800.00/月').waitFor();
    await screenshot(pub, 'public-register-inclusive');

    // Care form 计时托: only the institution that offers it; with 非普惠 as well, none.
    await pub.goto(`${stack.baseUrl}/public`);
    await names(3);
    await pick('服务形式', '计时托');
    await query();
    expect(await names(1)).toEqual([b.name]);
    await pick('普惠', '非普惠');
    await query();
    await names(0);
    expect(new URL(pub.url()).searchParams.get('careForm')).toBe('hourly');
    await screenshot(pub, 'public-register-care-form');
    await pub.context().close();
  });

  it("the dashboard shows the API's indicators, and those equal what the register's data gives", async () => {
    const api = await stack.api('GET', `/api/v1/indicators?divisionCode=330106&month=${MONTH}`, { as: 'health.330106' });
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    const view = api.body as {
      divisions: { divisionCode: string; indicators: { key: string; value: number | null; unit: string }[]; supply: { gap: number | null } | null }[];
    };

    // Independently, from the register (institutions) and the population data, for the core indicators.
    const institutions = (await stack.api('GET', '/api/v1/institutions?divisionCode=330106&pageSize=200', { as: 'health.330106' })).body.items as {
      divisionCode: string;
      operatorType: string;
      status: string;
      totalPlaces: number;
      inclusive: { inclusivePlaces: number } | null;
    }[];
    const population = (await stack.api('GET', '/api/v1/population', { as: 'health.330106' })).body as {
      divisionCode: string;
      year: number;
      residentPopulation: number;
    }[];
    const r4 = (n: number, d: number, scale: number) => (d ? Math.round((n / d) * scale * 10_000) / 10_000 : null);
    for (const division of view.divisions) {
      // Every operating institution (registered, not deregistered; 成长驿站 are not 托育机构), filed or not.
      const inside = institutions.filter(
        (i) => i.status !== 'deregistered' && i.operatorType !== 'growth_station' && i.divisionCode.startsWith(division.divisionCode),
      );
      const filed = inside.filter((i) => i.status === 'filed');
      const places = inside.reduce((s, i) => s + i.totalPlaces, 0);
      const filedPlaces = filed.reduce((s, i) => s + i.totalPlaces, 0);
      const inclusive = filed.reduce((s, i) => s + (i.inclusive?.inclusivePlaces ?? 0), 0);
      const resident = population
        .filter((p) => p.divisionCode === division.divisionCode && p.year <= YEAR)
        .sort((x, y) => y.year - x.year)[0]?.residentPopulation;
      const value = (key: string) => division.indicators.find((i) => i.key === key)?.value;
      expect(value('placesPer1000'), `${division.divisionCode} placesPer1000`).toBe(resident ? r4(places, resident, 1000) : null);
      expect(value('placesPer1000Filed'), `${division.divisionCode} placesPer1000Filed`).toBe(resident ? r4(filedPlaces, resident, 1000) : null);
      expect(value('filingRate'), `${division.divisionCode} filingRate`).toBe(r4(filed.length, inside.length, 100));
      expect(value('inclusiveShare'), `${division.divisionCode} inclusiveShare`).toBe(r4(inclusive, places, 100));
    }
    const county = view.divisions[0]!;
    // Three filed (45 + 55 + 45) and the one of 古荡 only registered (45): all four count, the filed ones beside.
    expect(county.indicators.find((i) => i.key === 'placesPer1000')!.value).toBe(r4(45 + 55 + 45 + 45, 1_180_000, 1000));
    expect(county.indicators.find((i) => i.key === 'placesPer1000Filed')!.value).toBe(r4(45 + 55 + 45, 1_180_000, 1000));

    const page = await newPage();
    await loginAs(page, stack.baseUrl, 'health.330106', `/app/indicators?divisionCode=330106&month=${MONTH}`);
    await page.getByTestId('dashboard').waitFor();
    // Every indicator of every division (each service's too), read from the page in one go.
    await page.getByTestId(`indicator-${view.divisions.at(-1)!.divisionCode}-${view.divisions.at(-1)!.indicators.at(-1)!.key}`).waitFor();
    const compared = await expectIndicatorCells(page, view.divisions);
    for (const division of view.divisions) {
      if (division.supply && division.divisionCode.length === 9) {
        const gap = division.supply.gap;
        await expect(page.getByTestId(`supply-${division.divisionCode}-gap`).first().innerText()).resolves.toBe(
          gap === null ? '暂无数据' : gap.toLocaleString('zh-CN'),
        );
      }
    }
    expect(compared).toBeGreaterThanOrEqual(view.divisions.length * 4);
    // Definitions are shown next to the values.
    await page.getByText('定义：运营中托育机构（已登记、未注销；含幼儿园托班和家庭托育点，不含成长驿站）的托位数 ÷（常住人口 ÷ 1000）').first().waitFor();
    // The filed-only figure sits in the same card as the figure over all operating institutions.
    await page.locator('[data-filed-of="placesPer1000"]').first().waitFor();
    await screenshot(page, 'dashboard');

    // Export of the supply-and-demand table: the file holds what the table shows, ranked by gap.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /导出 Excel/ })
        .nth(0)
        .click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('街道（乡镇）');
    const gaps = view.divisions
      .slice(1)
      .map((d) => d.supply?.gap ?? -1)
      .sort((x, y) => y - x);
    const exported: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(typeof row.getCell(7).value === 'number' ? (row.getCell(7).value as number) : -1);
    });
    expect(exported).toEqual(gaps);
    await page.context().close();
  });

  it('imports population data from an Excel sheet with Chinese headings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口数据');
    sheet.addRow(['区划代码', '年份', '常住人口', '3岁以下婴幼儿数', '数据来源']);
    sheet.addRow(['330106004', YEAR, 88_000, 1_900, '测试：翠苑街道统计年报']);
    const file = `${stack.evidenceDir}/population.xlsx`;
    await workbook.xlsx.writeFile(file);

    const page = await newPage();
    await loginAs(page, stack.baseUrl, 'health.330106', '/app/population');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('已导入 1 行').first().waitFor();
    const rows = (await stack.api('GET', '/api/v1/population?divisionCode=330106004', { as: 'health.330106' })).body as {
      residentPopulation: number;
      childrenUnder3: number;
    }[];
    expect(rows).toEqual([expect.objectContaining({ residentPopulation: 88_000, childrenUnder3: 1_900 })]);
    await screenshot(page, 'console-population');
    fs.rmSync(file, { force: true });
    await page.context().close();
  });
});

describe('inspector app', () => {
  it('opens with no network once loaded (service worker app shell)', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'allow',
    });
    const page = await newPage(context);
    await loginAs(page, stack.baseUrl, 'fire.330106', '/inspector');
    await page.getByText('我的检查任务').waitFor();
    // The service worker has cached the app shell and controls the page.
    await appShellCached(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByText('善育 · 执法检查').waitFor();
    // Chromium's navigator.onLine says true on a page reloaded offline: the app finds out by asking.
    await page.getByTestId('network-state').getByText('离线').waitFor({ timeout: 10_000 });
    await screenshot(page, 'inspector-offline-shell', { fullPage: false });
    await context.setOffline(false);
    await context.close();
  });
});

describe('inspector app: a joint inspection recorded offline', () => {
  it('records results and a photo with no network, then syncs them exactly once (even when replies are lost)', async () => {
    const institution = seeded[0]!; // filed, in 三墩镇
    const add = async (department: 'fire' | 'market', name: string, username?: string) => {
      const res = await stack.api('POST', '/api/v1/inspectors', {
        as: `${department}.330106`,
        body: { name, badgeNo: `浙${department}${run}-${randomInt(10_000)}`, divisionCodes: ['330106'], ...(username ? { username } : {}) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const me = await add('fire', '王检查', 'fire.330106');
    const partner = await add('fire', '李检查');
    const market = [await add('market', '周市监'), await add('market', '吴市监')];
    // 综合查一次: fire and market on one visit; the fire inspector records only the fire items.
    const created = await stack.api('POST', '/api/v1/inspections', {
      as: 'street.330106109',
      body: {
        institutionId: institution.id,
        kind: 'adhoc',
        departments: [
          { department: 'fire', inspectorIds: [me, partner] },
          { department: 'market', inspectorIds: market },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const inspectionId = created.body.id as string;
    const form0 = (await stack.api('GET', `/api/v1/inspections/${inspectionId}/form`, { as: 'fire.330106' })).body as {
      areas: { area: string; label: string; items: { code: string; department: string; result: unknown }[] }[];
    };
    const fireItems = form0.areas
      .flatMap((a) => a.items)
      .filter((i) => i.department === 'fire')
      .map((i) => i.code);
    expect(fireItems.length).toBeGreaterThan(0);
    const marketArea = form0.areas.find((a) => a.items.some((i) => i.department === 'market'))!;
    const marketItem = marketArea.items.find((i) => i.department === 'market')!.code;
    const [failed, ...passed] = fireItems as [string, ...string[]];

    const context = await browser.newContext(PHONE);
    const page = await newPage(context);
    await loginAs(page, stack.baseUrl, 'fire.330106', '/inspector');
    await page.getByRole('link', { name: institution.name }).waitFor();
    await screenshot(page, 'inspector-visits', { fullPage: false });
    await page.getByRole('link', { name: institution.name }).click();
    await page.getByTestId(`item-${failed}`).waitFor();
    await appShellCached(page);

    // No network from here on: reload (the app shell from the service worker, the form from IndexedDB) and record.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('离线模式：记录保存在本机，联网后自动同步').waitFor();
    const item = (code: string) => page.getByTestId(`item-${code}`);
    await item(failed).getByText('不符合', { exact: true }).click();
    await item(failed).getByLabel(`${failed} 问题描述`).fill('疏散通道堆放杂物，安全出口被锁闭');
    await item(failed).getByLabel(`${failed} 拍摄位置`).fill('二楼午睡室东侧安全出口');
    await item(failed).getByLabel(`${failed} 问题描述`).blur();
    const photo = Buffer.from(
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
      'base64',
    );
    await item(failed).getByLabel(`${failed} 拍照取证`).setInputFiles({ name: 'exit.jpg', mimeType: 'image/jpeg', buffer: photo });
    await item(failed).getByTestId('photo').waitFor();
    for (const code of passed) await item(code).getByText('符合', { exact: true }).click();
    // The market department's items are on the merged form, read-only for the fire inspector: no result buttons, no note, no camera.
    if (!marketArea.items.some((i) => i.department === 'fire')) await page.locator('.ant-collapse-header', { hasText: `${marketArea.label}（` }).click();
    await item(marketItem).getByText('结果：未录入').waitFor();
    await expect(item(marketItem).getByRole('radio').count()).resolves.toBe(0);
    await expect(item(marketItem).locator('textarea, input[type=file]').count()).resolves.toBe(0);
    await expect(item(failed).getByRole('radio').count()).resolves.toBe(3);
    await item(marketItem).scrollIntoViewIfNeeded();
    await screenshot(page, 'inspector-joint-readonly-market-item', { fullPage: false });
    await page.getByTestId('sync-status').getByText(`未同步：${fireItems.length} 项结果，1 张照片`).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'inspector-offline-recorded', { fullPage: false });
    await item(failed).scrollIntoViewIfNeeded();
    await screenshot(page, 'inspector-offline-item', { fullPage: false });
    // Nothing reached the server yet.
    const before = (await stack.api('GET', `/api/v1/inspections/${inspectionId}/form`, { as: 'fire.330106' })).body as typeof form0;
    expect(before.areas.flatMap((a) => a.items).filter((i) => i.department === 'fire' && i.result)).toEqual([]);

    // Back online, but the first reply of each kind is lost after the server acted on the request.
    let lostUploads = 0;
    let lostResults = 0;
    await page.route('**/api/v1/evidence', async (route) => {
      if (lostUploads++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.route('**/api/v1/inspections/*/results', async (route) => {
      if (lostResults++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await context.setOffline(false);
    await page.getByTestId('sync-status').getByText('全部记录已同步').waitFor({ timeout: 45_000 });
    // The banner follows the connection: gone once the platform answers again.
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    expect(lostUploads).toBeGreaterThanOrEqual(2); // the lost one was sent again
    expect(lostResults).toBe(2); // the visit's results in one request, sent again once its reply was lost
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'inspector-synced', { fullPage: false });

    // On the server: every result once, the photo once (one file, one evidence record) and linked to the failed item.
    const after = (await stack.api('GET', `/api/v1/inspections/${inspectionId}/form`, { as: 'fire.330106' })).body as {
      areas: {
        items: {
          code: string;
          department: string;
          result: { result: string; note: string | null; evidence: { ref: string; takenAt: string; location: string }[] } | null;
        }[];
      }[];
    };
    const results = after.areas.flatMap((a) => a.items).filter((i) => i.department === 'fire');
    expect(results.find((i) => i.code === failed)!.result).toMatchObject({ result: 'fail', note: '疏散通道堆放杂物，安全出口被锁闭' });
    for (const code of passed) expect(results.find((i) => i.code === code)!.result).toMatchObject({ result: 'pass', evidence: [] });
    const evidence = (await stack.api('GET', `/api/v1/evidence?inspectionId=${inspectionId}`, { as: 'fire.330106' })).body as {
      evidenceId: string;
      uploads: number;
      location: string;
    }[];
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.uploads).toBe(2); // sent twice, stored once
    expect(evidence[0]!.location).toContain('二楼午睡室东侧安全出口');
    expect(results.find((i) => i.code === failed)!.result!.evidence).toEqual([expect.objectContaining({ ref: evidence[0]!.evidenceId })]);
    const files = fs.readdirSync(stack.evidenceDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.endsWith('.xlsx'));
    expect(files.map((f) => f.name)).toEqual([evidence[0]!.evidenceId]);
    const file = await fetch(`${stack.baseUrl}/api/v1/evidence/${evidence[0]!.evidenceId}/file`, {
      headers: { authorization: `Bearer ${await stack.token('fire.330106')}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);

    // Sign-off for the department, online.
    await page.unrouteAll();
    await page.getByRole('button', { name: '本部门签字确认' }).click();
    await page.getByText('本部门已签字', { exact: true }).waitFor();
    await expect(page.getByTestId('offline-banner').count()).resolves.toBe(0);
    const inspection = (await stack.api('GET', `/api/v1/inspections/${inspectionId}`, { as: 'fire.330106' })).body as {
      departments: { department: string; signedOffAt: string | null }[];
    };
    expect(inspection.departments.find((d) => d.department === 'fire')!.signedOffAt).not.toBeNull();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'inspector-signed-off', { fullPage: false });
    await context.close();

    // The street office sees the inspection, the fire department's sign-off and the finding in its console.
    const office = await newPage();
    await loginAs(office, stack.baseUrl, 'street.330106109', `/app/inspections/${inspectionId}`);
    await office.getByRole('heading', { name: `联合检查：${institution.name}` }).waitFor();
    await office.getByRole('cell', { name: '王检查（', exact: false }).first().waitFor();
    await screenshot(office, 'console-inspection');
    await office.context().close();
  }, 120_000);
});

describe('Content-Security-Policy', () => {
  it('Swagger UI renders under it, and no page of this file had anything refused', async () => {
    const page = await newPage();
    const res = await page.goto(`${stack.baseUrl}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-tag', { hasText: 'auth' }).first().waitFor();
    await screenshot(page, 'swagger-ui-under-csp');
    await page.close();
    expect(cspViolations).toEqual([]);
  });
});
