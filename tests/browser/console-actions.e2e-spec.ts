// What departments and operators do in the console, in a real browser (Debian's Chromium): an
// operator uploads a roster (CSV); the health bureau starts a subsidy run and the street office
// approves it; the fire department records a penalty (a fine outside the legal range is refused
// naming the field) and orders a re-inspection; an inspector's assigned visit opens offline
// without having been opened before; the dashboard shows every service's indicators as the API
// computes them.
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { addDays, makeResidentId, shanghaiToday } from '@shanyu/common';
import { compliantFilingSubmission, institutionRequest } from '@shanyu/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIndicatorValue, indicatorCells, launchChromium, loginAs, screenshot, startBrowserStack, type BrowserStack } from './support.js';

const MONTH = shanghaiToday().slice(0, 7);
const PREVIOUS = (() => {
  const [y, m] = MONTH.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const SANDUN = '330106109';
const run = randomInt(100_000);

let stack: BrowserStack;
let browser: Browser;
let institution: { id: string; name: string };
let all: boolean;

async function newPage(context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } }));
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error(`[browser] ${e.message}`));
  return page;
}

const ok = (res: { status: number; body: unknown }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
};

/**
 * Chooses the option of an antd Select (with search) whose text contains `text`: typing filters
 * the list first, as the list is virtual and renders only the options in view.
 */
async function choose(page: Page, field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.click();
  await field.fill(text.trim());
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/** Retries an API call until a service's replica of the institution has caught up. */
async function until(what: string, call: () => Promise<{ status: number; body: unknown }>, status: number): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call();
    if (res.status === status) return res.body;
    if (Date.now() > deadline) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  stack = await startBrowserStack();
  browser = await launchChromium();
  all = ['inspection', 'credit', 'subsidy'].every((s) => stack.optional.includes(s));
  // An operator's institution in 三墩镇, filed and 普惠 (the subsidy policies require both).
  const created = ok(await stack.api('POST', '/api/v1/institutions', { as: 'operator.demo', body: institutionRequest({ name: `三墩阳光托育园${run}`, divisionCode: SANDUN }) }), 201);
  institution = { id: created.id, name: created.name };
  const filing = ok(await stack.api('POST', `/api/v1/institutions/${institution.id}/filings`, { as: 'operator.demo', body: compliantFilingSubmission() }), 201);
  ok(await stack.api('POST', `/api/v1/filings/${filing.id}/decision`, { as: 'health.330106', body: { decision: 'approve' } }));
  ok(await stack.api('POST', `/api/v1/institutions/${institution.id}/inclusive`, { as: 'health.330106', body: { action: 'grant', priceCapFen: 180_000, inclusivePlaces: 30, decisionNo: `西卫普〔2026〕${run}号` } }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('subsidies in the console', () => {
  it('an operator uploads a roster (CSV); health starts the run; the street office approves; finance posts it', async (ctx) => {
    if (!stack.optional.includes('subsidy')) ctx.skip();
    const birth = addDays(shanghaiToday(), -420);
    const child = (n: number) => makeResidentId(`330106${birth.replace(/-/g, '')}${String(100 + ((run + n) % 800)).padStart(3, '0')}`);
    const csv = ['身份证号,出生年月,孩次,班型,托育形式,出勤天数,编号', `${child(1)},${birth.slice(0, 7)},二孩,托小班,全日托,20,A-01`, `${child(2)},${birth.slice(0, 7)},一孩,托小班,全日托,18,A-02`].join('\n');
    const file = `${stack.evidenceDir}/roster.csv`;
    fs.writeFileSync(file, csv);

    // The subsidy service learns of the filing through events: wait until it counts the institution filed.
    await until('subsidy replica', async () => {
      const r = await stack.api('GET', `/api/v1/indicators?divisionCode=${SANDUN}&month=${PREVIOUS}`, { as: 'health.330106' });
      const filed = r.body?.divisions?.[0]?.indicators?.find((i: { key: string }) => i.key === 'rosterSubmissionRate')?.denominator;
      return { status: filed >= 1 ? 0 : r.status, body: r.body };
    }, 0);

    const operator = await newPage();
    await loginAs(operator, stack.baseUrl, 'operator.demo', '/app/rosters');
    await choose(operator, operator.getByLabel('机构'), institution.name);
    await operator.getByLabel('名册月份').fill(PREVIOUS);
    await operator.getByLabel('名册月份').press('Enter');
    await operator.getByLabel('名册文件').setInputFiles(file);
    await operator.getByRole('button', { name: /上传并报送/ }).click();
    await expect(operator.getByTestId('roster-total').innerText()).resolves.toBe('2');
    await screenshot(operator, 'console-roster-uploaded');
    await operator.context().close();
    const roster = ok(await stack.api('GET', `/api/v1/institutions/${institution.id}/rosters/${PREVIOUS}`, { as: 'health.330106' }));
    expect(roster.totalChildren).toBe(2);

    // A district policy for the month (seed 004: a fee subsidy for second and third children), then
    // health starts the run of 三墩镇 in the console.
    ok(await stack.api('POST', '/api/v1/subsidy/policies', {
      as: 'health.330106',
      body: {
        policyKey: `xihu-browser-${run}`, version: `xihu-browser-${run}/2026.1`, divisionCode: '330106', title: '西湖区托育补助（浏览器测试）', source: '测试用区级实施细则',
        effectiveFrom: PREVIOUS, effectiveTo: PREVIOUS,
        eligibility: { filed: { source: '国卫办人口发〔2019〕25号 备案' }, inclusive: { source: 'seed 004 §二(三) 普惠指导价' } },
        rules: [{
          id: 'CHILD_FEE', kind: 'per_child_by_birth_order', title: '二孩、三孩保育费补助', requires: ['filed', 'inclusive'], source: 'seed 004 §二(三) 不低于每人每月 300 元',
          params: { amountFenByBirthOrder: { 2: 30_000, 3: 50_000 }, careFormFactorBp: { full_day: 10_000, half_day: 5_000 }, attendanceProRata: true },
        }],
      },
    }), 201);

    const health = await newPage();
    await loginAs(health, stack.baseUrl, 'health.330106', '/app/subsidy');
    await health.getByRole('button', { name: '新建补助计算' }).click();
    const dialog = health.getByRole('dialog', { name: '新建补助计算' });
    await expect(dialog.getByLabel('补助月份').inputValue()).resolves.toBe(PREVIOUS); // last month, the default
    await choose(health, dialog.getByLabel('计算范围'), '三墩镇');
    await dialog.getByRole('button', { name: /开始计算/ }).click();
    await expect(health.locator('.ant-message-notice').first().innerText()).resolves.toContain('已开始计算');
    await health.getByTestId('run-status').getByText('待审批 · 镇街审核').waitFor({ timeout: 30_000 });
    await screenshot(health, 'console-subsidy-run-computed');
    await health.context().close();
    const runs = ok(await stack.api('GET', `/api/v1/subsidy/runs?divisionCode=${SANDUN}&month=${PREVIOUS}`, { as: 'health.330106' })) as { id: string; status: string; totals: { payableFen: number; children: number } }[];
    expect(runs).toHaveLength(1);
    const runId = runs[0]!.id;
    expect(runs[0]!.status).toBe('computed');

    // The street office approves in its console.
    const street = await newPage();
    await loginAs(street, stack.baseUrl, 'street.330106109', '/app/subsidy');
    await street.getByTestId(`run-${SANDUN}-${PREVIOUS}`).click();
    await street.getByRole('button', { name: /^批\s*准$/ }).click();
    // The confirmation is a second dialog above the drawer: pick it by its own class.
    await street.locator('.ant-modal-confirm').getByRole('button', { name: /^确\s*定$/ }).click();
    await street.getByTestId('run-status').getByText('待审批 · 卫健部门审核').waitFor();
    await screenshot(street, 'console-subsidy-run-approved-by-street');
    await street.context().close();

    // Health and finance approve too (as above); the console shows the run posted.
    ok(await stack.api('POST', `/api/v1/subsidy/runs/${runId}/approvals`, { as: 'health.330106', body: { decision: 'approve' } }));
    const posted = ok(await stack.api('POST', `/api/v1/subsidy/runs/${runId}/approvals`, { as: 'finance.330106', body: { decision: 'approve' } }));
    expect(posted.status).toBe('posted');
    expect(posted.approvals.map((a: { stage: string }) => a.stage)).toEqual(['street', 'health', 'finance']);
    const finance = await newPage();
    await loginAs(finance, stack.baseUrl, 'finance.330106', '/app/subsidy');
    await expect(finance.getByTestId(`run-${SANDUN}-${PREVIOUS}`).getAttribute('data-status')).resolves.toBe('posted');
    await finance.context().close();
    fs.rmSync(file, { force: true });
  }, 120_000);
});

describe('penalties and re-inspection in the console', () => {
  it('the fire department records a penalty for a finding (an out-of-range fine is refused at the field) and orders a re-inspection', async (ctx) => {
    if (!stack.optional.includes('inspection')) ctx.skip();
    // A joint visit by the fire department with one failed item that a penalty item covers.
    const inspector = ok(await stack.api('POST', '/api/v1/inspectors', { as: 'fire.330106', body: { name: '赵检查', badgeNo: `浙消${run}`, divisionCodes: ['330106'], username: 'fire.330106' } }), 201);
    // A joint visit needs two inspectors of each department (行政执法 by at least two officers).
    const partner = ok(await stack.api('POST', '/api/v1/inspectors', { as: 'fire.330106', body: { name: '钱检查', badgeNo: `浙消${run}-2`, divisionCodes: ['330106'] } }), 201);
    const lists = ok(await stack.api('GET', '/api/v1/checklists?kind=penalty&department=fire', { as: 'fire.330106' })) as { penaltyItems: { code: string; relatedItems: string[]; kinds: string[]; fineMinFen: number; fineMaxFen: number }[] }[];
    const penaltyItems = lists.flatMap((l) => l.penaltyItems);
    const inspection = await until('inspection replica', () => stack.api('POST', '/api/v1/inspections', {
      as: 'street.330106109', body: { institutionId: institution.id, kind: 'adhoc', departments: [{ department: 'fire', inspectorIds: [inspector.id, partner.id] }] },
    }), 201);
    const form = ok(await stack.api('GET', `/api/v1/inspections/${inspection.id}/form`, { as: 'fire.330106' })) as { areas: { items: { code: string; department: string }[] }[] };
    const items = form.areas.flatMap((a) => a.items).filter((i) => i.department === 'fire').map((i) => i.code);
    const failed = items.find((code) => penaltyItems.some((p) => p.relatedItems.includes(code) && p.kinds.includes('fine')))!;
    const penaltyItem = penaltyItems.find((p) => p.relatedItems.includes(failed) && p.kinds.includes('fine'))!;
    ok(await stack.api('PUT', `/api/v1/inspections/${inspection.id}/results`, {
      as: 'fire.330106', body: { results: items.map((code) => (code === failed ? { itemCode: code, result: 'fail', note: '安全出口被锁闭' } : { itemCode: code, result: 'pass' })) },
    }));
    ok(await stack.api('POST', `/api/v1/inspections/${inspection.id}/sign-off`, { as: 'fire.330106', body: {} }));

    const page = await newPage();
    await loginAs(page, stack.baseUrl, 'fire.330106', '/app/penalties');
    await page.getByRole('button', { name: '作出处罚决定' }).click();
    const dialog = page.getByRole('dialog', { name: '作出处罚决定' });
    await choose(page, dialog.getByLabel('检查发现的问题'), `${institution.name} · ${failed}`);
    await choose(page, dialog.getByLabel('处罚事项'), `${penaltyItem.code} `);
    await dialog.getByRole('checkbox', { name: '罚款' }).check();
    const tooHigh = penaltyItem.fineMaxFen / 100 + 1;
    await dialog.getByLabel('罚款金额（元）').fill(String(tooHigh));
    await dialog.getByLabel('处罚决定书文号').fill(`西消行罚决字〔2026〕${run}号`);
    await dialog.getByLabel('处罚理由').fill('锁闭安全出口，经责令改正');
    await dialog.getByRole('button', { name: /记录处罚决定/ }).click();
    // The service's range check comes back on the field (details[].field = fineFen).
    await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '法定幅度' }).waitFor();
    await screenshot(page, 'console-penalty-out-of-range');
    const fine = penaltyItem.fineMinFen / 100;
    await dialog.getByLabel('罚款金额（元）').fill(String(fine));
    await dialog.getByRole('button', { name: /记录处罚决定/ }).click();
    await page.getByRole('cell', { name: `西消行罚决字〔2026〕${run}号` }).waitFor();
    await screenshot(page, 'console-penalties');
    const penalties = ok(await stack.api('GET', `/api/v1/penalties?institutionId=${institution.id}`, { as: 'fire.330106' })) as { fineFen: number; kinds: string[]; penaltyItemCode: string }[];
    expect(penalties).toEqual([expect.objectContaining({ fineFen: penaltyItem.fineMinFen, kinds: ['fine'], penaltyItemCode: penaltyItem.code })]);

    // 复查 of the still-open finding, from the inspection's page.
    await page.goto(`${stack.baseUrl}/app/inspections/${inspection.id}`);
    await page.getByRole('button', { name: /发起复查/ }).click();
    await page.getByRole('dialog', { name: '发起复查' }).getByRole('button', { name: /安排复查/ }).click();
    await expect(page.locator('.ant-message-notice').first().innerText()).resolves.toContain('已安排复查');
    await page.waitForFunction((original) => location.pathname.startsWith('/app/inspections/') && !location.pathname.endsWith(original), inspection.id);
    const reinspectionId = new URL(page.url()).pathname.split('/').pop()!;
    const reinspection = ok(await stack.api('GET', `/api/v1/inspections/${reinspectionId}`, { as: 'fire.330106' }));
    expect(reinspection).toMatchObject({ kind: 'reinspection', formKind: 'reinspection', institutionId: institution.id });
    await page.context().close();
  }, 120_000);

  it('an assigned visit never opened before opens with no network (its form was kept when the list loaded)', async (ctx) => {
    if (!stack.optional.includes('inspection')) ctx.skip();
    const inspectors = ok(await stack.api('GET', '/api/v1/inspectors?department=fire', { as: 'fire.330106' }));
    const list = (Array.isArray(inspectors) ? inspectors : inspectors.items) as { id: string; username: string | null }[];
    const me = list.find((i) => i.username === 'fire.330106')!;
    const partner = list.find((i) => i.id !== me.id)!;
    const created = ok(await stack.api('POST', '/api/v1/inspections', {
      as: 'street.330106109', body: { institutionId: institution.id, kind: 'adhoc', repeatReason: '群众反映安全出口仍被锁闭，专项核查', departments: [{ department: 'fire', inspectorIds: [me.id, partner.id] }] },
    }), 201);
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await newPage(context);
    await loginAs(page, stack.baseUrl, 'fire.330106', '/inspector');
    const card = page.locator('.ant-card').filter({ has: page.locator(`a[href="/inspector/visits/${created.id}"]`) });
    await card.getByTestId('offline-ready').waitFor();
    await context.setOffline(true);
    await page.locator(`a[href="/inspector/visits/${created.id}"]`).click();
    await page.getByText('离线模式：记录保存在本机，联网后自动同步').waitFor();
    await expect(page.locator('[data-testid^="item-"]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'inspector-prefetched-offline', { fullPage: false });
    await context.setOffline(false);
    await context.close();
  }, 60_000);
});

describe('dashboard', () => {
  it('shows every service\'s indicators, grouped, with the values the API computes', async () => {
    const view = ok(await stack.api('GET', `/api/v1/indicators?divisionCode=330106&month=${MONTH}`, { as: 'health.330106' })) as { divisions: { divisionCode: string; indicators: { key: string; value: number | null; unit: string; group?: string }[] }[] };
    const county = view.divisions[0]!;
    const groups = new Set(county.indicators.map((i) => i.group ?? '登记备案与供需'));
    expect([...groups]).toEqual(expect.arrayContaining(['登记备案与供需', '从业人员', ...(all ? ['综合监管', '信用监管', '收托与补助'] : [])]));
    if (stack.optional.includes('inspection')) {
      expect(county.indicators.find((i) => i.key === 'penaltiesIssued')?.value).toBe(1);
      expect(county.indicators.find((i) => i.key === 'penaltyFinesFen')?.value).toBeGreaterThan(0);
    }
    const page = await newPage();
    await loginAs(page, stack.baseUrl, 'health.330106', `/app/indicators?divisionCode=330106&month=${MONTH}`);
    await page.getByTestId('dashboard').waitFor();
    for (const group of groups) await page.getByTestId(`indicator-group-${group}`).waitFor();
    await page.getByTestId(`indicator-${view.divisions.at(-1)!.divisionCode}-${county.indicators.at(-1)!.key}`).waitFor();
    const cells = await indicatorCells(page);
    let compared = 0;
    for (const division of view.divisions) {
      for (const indicator of division.indicators) {
        const id = `indicator-${division.divisionCode}-${indicator.key}`;
        expect(cells.get(id), id).toEqual({ value: indicator.value === null ? '' : String(indicator.value), text: formatIndicatorValue(indicator.value, indicator.unit) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(view.divisions.length * (all ? 25 : 4));
    if (stack.optional.includes('credit')) await page.getByText('信用等级分布', { exact: true }).waitFor();
    await screenshot(page, 'dashboard-all-services');

    // The month the run was posted in: the amount paid, read in yuan.
    if (stack.optional.includes('subsidy')) {
      const previous = ok(await stack.api('GET', `/api/v1/indicators?divisionCode=${SANDUN}&month=${PREVIOUS}`, { as: 'health.330106' }));
      const paid = previous.divisions[0].indicators.find((i: { key: string }) => i.key === 'subsidyPaidFen');
      const ledger = ok(await stack.api('GET', `/api/v1/subsidy/ledger?divisionCode=${SANDUN}&month=${PREVIOUS}`, { as: 'health.330106' }));
      const entries = (Array.isArray(ledger) ? ledger : ledger.items) as { amountFen: number }[];
      expect(paid.value).toBe(entries.reduce((n, e) => n + e.amountFen, 0));
      await page.goto(`${stack.baseUrl}/app/indicators?divisionCode=${SANDUN}&month=${PREVIOUS}`);
      await expect(page.getByTestId(`indicator-${SANDUN}-subsidyPaidFen`).first().innerText()).resolves.toBe(formatIndicatorValue(paid.value, '分'));
      await expect(page.getByTestId(`indicator-${SANDUN}-enrolledChildren`).first().getAttribute('data-value')).resolves.toBe('2');
    }
    await page.context().close();
  }, 90_000);
});
