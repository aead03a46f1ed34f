// Every person's own menu works for them: each demo account of a department, the operator and the
// admin signs in, opens every entry of its console menu in Chromium, and no page of it gets a 403
// (or any 5xx) from the API. A menu entry the account may not use is not in its menu. And the
// public pages fit a phone: none is wider than a 390 px viewport.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { randomUscc } from '@shanyu/testing';
import { type BrowserStack, filedOperatorInstitution, launchChromium, loginAs, PHONE, screenshot, startBrowserStack } from './support.js';

const ACCOUNTS = [
  'health.330106',
  'market.330106',
  'civil.330106',
  'fire.330106',
  'police.330106',
  'education.330106',
  'hrss.330106',
  'street.330106109',
  'finance.330106',
  'operator.demo',
  'admin',
];

let stack: BrowserStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startBrowserStack();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Signs in, opens each entry of the menu in turn and returns the menu's labels and every refused
 * or failed API call seen from sign-in on, with the entry whose page made it.
 */
async function walkMenu(page: Page, username: string): Promise<{ entries: string[]; refused: string[] }> {
  const refused: string[] = [];
  // The entry a request was made from (its answer may arrive after the next entry opened).
  const madeFrom = new WeakMap<object, string>();
  let at = '工作台';
  page.on('request', (req) => madeFrom.set(req, at));
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith('/api/') && (res.status() === 403 || res.status() >= 500)) {
      refused.push(`${madeFrom.get(res.request()) ?? at}: ${res.request().method()} ${url.pathname} → ${res.status()}`);
    }
  });
  await loginAs(page, stack.baseUrl, username, '/app');
  const menu = page.getByRole('navigation', { name: '工作台导航' });
  await menu.getByRole('link').first().waitFor();
  await page.waitForLoadState('networkidle');
  const entries = await menu.getByRole('link').allInnerTexts();
  for (const entry of entries) {
    at = entry;
    await menu.getByRole('link', { name: entry, exact: true }).click();
    await menu.locator('.ant-menu-item-selected', { hasText: entry }).waitFor();
    await page.waitForLoadState('networkidle');
  }
  return { entries, refused };
}

describe('每个账号自己的菜单：打开每一项都不被拒绝', () => {
  for (const username of ACCOUNTS) {
    it(`${username}: every entry of its menu opens without a 403`, async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const { entries, refused } = await walkMenu(page, username);
      await context.close();
      expect(entries.length).toBeGreaterThan(1);
      expect(refused).toEqual([]);
    });
  }

  it("the operator's menu is its own: no departments' review pages", async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, stack.baseUrl, 'operator.demo', '/app');
    const menu = page.getByRole('navigation', { name: '工作台导航' });
    await menu.getByRole('link').first().waitFor();
    const entries = await menu.getByRole('link').allInnerTexts();
    await context.close();
    for (const departmentsOnly of [
      '备案审核',
      '机构名录',
      '双随机计划',
      '备案后核查',
      '投诉举报',
      '从业人员预警',
      '补助发放',
      '指标看板',
      '分级规则',
      '人口数据',
    ]) {
      expect(entries).not.toContain(departmentsOnly);
    }
    for (const own of ['我的机构', '备案申请', '收托名册', '补助对账单', '整改跟踪', '信用信息']) expect(entries).toContain(own);
  });
});

/** The page's width and the outermost elements reaching past the screen's width (runs in the page; a phone widens its viewport to the content). */
function overflowing(screenWidth: number): { width: number; widest: string[] } {
  type El = { tagName: string; className: unknown; children: ArrayLike<El>; parentElement: El | null; getBoundingClientRect(): { right: number } };
  const { document } = globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): El[] } };
  const past = (e: El) => e.getBoundingClientRect().right > screenWidth + 1;
  const name = (e: El | null) => (e ? `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}` : '');
  // The innermost elements reaching past the screen: what sticks out, with the two boxes around it.
  const widest = [...document.querySelectorAll('body *')]
    .filter((e) => past(e) && !Array.from(e.children).some(past))
    .slice(0, 5)
    .map((e) => `${name(e.parentElement?.parentElement ?? null)} > ${name(e.parentElement)} > ${name(e)} → ${Math.round(e.getBoundingClientRect().right)}px`);
  return { width: document.documentElement.scrollWidth, widest };
}

describe('公示页面在手机上不超出屏幕宽度', () => {
  let institution: { id: string; name: string };
  beforeAll(async () => {
    institution = await filedOperatorInstitution(stack, `三墩小树苗托育园${randomInt(100_000)}`, '330106109');
  });

  const PAGES: [name: string, path: () => string, shows?: () => string][] = [
    ['register', () => '/public'],
    ['institution', () => `/public/institutions/${institution.id}`, () => institution.name],
    ['door-code', () => `/public/institutions/${institution.id}/door-code`, () => institution.name],
    ['plans', () => '/public/plans'],
    ['receipts', () => '/public/receipts'],
  ];
  for (const [name, path, shows] of PAGES) {
    it(`${name}: no wider than 390 px`, async () => {
      // A fixed 390 px layout viewport (a phone browser would zoom out to fit a wider page instead, hiding what overflows).
      const context = await browser.newContext({ ...PHONE, isMobile: false });
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}${path()}`);
      await page.getByRole('navigation', { name: '公示导航' }).waitFor();
      await page.waitForLoadState('networkidle');
      if (shows) await page.getByText(shows()).first().waitFor();
      const { width, widest } = await page.evaluate(overflowing, PHONE.viewport.width);
      await screenshot(page, `phone-public-${name}`, { fullPage: false });
      await context.close();
      expect(width, `wider than the screen: ${widest.join('; ')}`).toBeLessThanOrEqual(390);
    });
  }

  it('门牌码: the institution page links to a printable door code whose image loads', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/public/institutions/${institution.id}`);
    await page.getByRole('link', { name: /门牌码/ }).click();
    const image = page.getByTestId('door-code-image');
    await image.waitFor();
    await page.waitForLoadState('networkidle');
    const loaded = await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    await screenshot(page, 'public-door-code', { fullPage: false });
    await context.close();
    expect(loaded).toBeGreaterThan(100);
  });
});

describe('举办者的工作台：登记机构', () => {
  it('an operator registers its institution from 我的机构: a wrong 统一社会信用代码 is named at its field, then the institution is listed as 已登记', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await loginAs(page, stack.baseUrl, 'operator.demo', '/app/institutions');
    await page.getByRole('button', { name: '登记新机构' }).click();
    const drawer = page.getByRole('dialog', { name: '登记托育机构' });
    const name = `三墩小月亮托育园${randomInt(100_000)}`;
    await drawer.getByLabel('机构名称').fill(name);
    await drawer.getByLabel('统一社会信用代码').fill('91330106MA2H2X123X');
    await drawer.getByLabel('乡镇（街道）').click();
    await drawer.getByLabel('乡镇（街道）').fill('三墩');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '三墩镇' }).first().click();
    await drawer.getByLabel('地址').fill('杭州市西湖区三墩镇振华路 8 号');
    await drawer.getByLabel('建筑面积（m²）').fill('380');
    await drawer.getByLabel('托小班（12–24 个月）').fill('15');
    await drawer.getByLabel('托大班（24–36 个月）').fill('20');
    await drawer.getByRole('button', { name: '提交登记' }).click();
    // The registry refuses the code (its check digit is wrong); the message stands under the field.
    await drawer.locator('.ant-form-item-has-error', { hasText: '统一社会信用代码' }).waitFor();
    await screenshot(page, 'operator-register-refused', { fullPage: false });
    await drawer.getByLabel('统一社会信用代码').fill(randomUscc());
    await drawer.getByRole('button', { name: '提交登记' }).click();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByText('已登记').waitFor();
    await screenshot(page, 'operator-register-listed', { fullPage: false });
    const mine = (await stack.api('GET', `/api/v1/institutions?q=${encodeURIComponent(name)}`, { as: 'operator.demo' })).body as {
      items: { id: string; name: string; divisionCode: string; totalPlaces: number; status: string }[];
    };
    expect(mine.items).toEqual([expect.objectContaining({ name, divisionCode: '330106109', totalPlaces: 35, status: 'registered' })]);

    // 备案: some of the facts now, the rest left for the check to mark; then the check's result opens.
    await row.getByRole('button', { name: '提交备案' }).click();
    const filing = page.getByRole('dialog', { name: `备案申请 · ${name}` });
    await filing.getByLabel('营业执照或法人登记证书').fill('营业执照 91330106MA2H2X0001');
    await filing.getByLabel('婴幼儿生活用房所在楼层').fill('一楼');
    await filing.getByRole('button', { name: '提交备案' }).click();
    await filing.getByText('请填写楼层数字，如 1,2').waitFor();
    await filing.getByLabel('婴幼儿生活用房所在楼层').fill('1,2');
    await filing.getByRole('button', { name: '添加班级' }).click();
    await filing.getByLabel('人数').fill('15');
    await filing.getByLabel('保育人员').fill('3');
    await filing.getByLabel('一键式紧急报警与公安联网').check();
    await screenshot(page, 'operator-filing-form', { fullPage: false });
    await filing.getByRole('button', { name: '提交备案' }).click();
    await page.waitForURL(/\/app\/filings\/[0-9a-f-]{36}$/);
    await page
      .getByText(/自动核验/)
      .first()
      .waitFor();
    await screenshot(page, 'operator-filing-checked', { fullPage: false });
    await context.close();
    const filingId = page.url().split('/').pop()!;
    const submitted = (await stack.api('GET', `/api/v1/filings/${filingId}`, { as: 'health.330106' })).body as {
      institutionId: string;
      status: string;
      check: { summary: { pass: number; fail: number; needs_review: number } };
    };
    expect(submitted).toMatchObject({ institutionId: mine.items[0]!.id, status: 'submitted' });
    // What was left blank is marked, not refused: documents missing fail, other facts need review.
    expect(submitted.check.summary.fail + submitted.check.summary.needs_review).toBeGreaterThan(0);
  });
});

describe('部门的工作台：发起专项检查', () => {
  it('the fire department starts an ad hoc inspection from 联合检查: two of its inspectors, the institution, the day', async () => {
    const run = randomInt(100_000);
    const institution = await filedOperatorInstitution(stack, `三墩小海豚托育园${run}`, '330106109');
    const ids: string[] = [];
    for (const [name, badge] of [
      ['孙检查', `浙消专${run}-1`],
      ['李检查', `浙消专${run}-2`],
    ]) {
      const res = await stack.api('POST', '/api/v1/inspectors', { as: 'fire.330106', body: { name, badgeNo: badge, divisionCodes: ['330106'] } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push((res.body as { id: string }).id);
    }
    // The inspection service knows the institution once its filing reached it.
    for (let tries = 0; ; tries++) {
      const form = await stack.api('GET', `/api/v1/self-inspections/form?institutionId=${institution.id}`, { as: 'operator.demo' });
      if (form.status === 200) break;
      if (tries > 120) throw new Error(`inspection replica: ${form.status} ${JSON.stringify(form.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await loginAs(page, stack.baseUrl, 'fire.330106', '/app/inspections');
    await page.getByRole('button', { name: '发起专项检查' }).click();
    const drawer = page.getByRole('dialog', { name: '发起专项检查' });
    const pick = async (field: string, text: string) => {
      await drawer.getByLabel(field).click();
      await drawer.getByLabel(field).fill(text);
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
    };
    await pick('被检查机构', institution.name);
    await pick('消防救援执法人员', `浙消专${run}-1`);
    await pick('消防救援执法人员', `浙消专${run}-2`);
    await screenshot(page, 'console-adhoc-inspection', { fullPage: false });
    await drawer.getByRole('button', { name: '发起检查' }).click();
    await page.waitForURL(/\/app\/inspections\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await context.close();
    const created = (await stack.api('GET', `/api/v1/inspections/${id}`, { as: 'fire.330106' })).body as {
      kind: string;
      institutionId: string;
      departments: { department: string; inspectors: { id: string }[] }[];
    };
    expect(created).toMatchObject({ kind: 'adhoc', institutionId: institution.id });
    expect(created.departments.map((d) => [d.department, d.inspectors.map((i) => i.id).sort()])).toEqual([['fire', [...ids].sort()]]);
  });
});

describe('部门的工作台：本部门的双随机计划', () => {
  it('market regulation plans a draw in the console for its own department only; health may plan a joint one', async () => {
    const offered = async (username: string) => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await loginAs(page, stack.baseUrl, username, '/app/plans');
      await page.getByRole('button', { name: '新建抽查计划' }).click();
      const dialog = page.getByRole('dialog', { name: '新建抽查计划' });
      await dialog.getByText('参加部门').waitFor();
      const options = await dialog.locator('.ant-checkbox-wrapper').allInnerTexts();
      const checked = await dialog.locator('.ant-checkbox-wrapper-checked').allInnerTexts();
      await context.close();
      return { options, checked };
    };
    expect(await offered('market.330106')).toEqual({ options: ['市场监管'], checked: ['市场监管'] });
    expect((await offered('health.330106')).options.length).toBeGreaterThan(5);
  });
});
