// Credit with due process in a real browser (Debian's Chromium): a carer of an operator's institution
// is put on the 从业禁止 list (a ban match: D 差, and a fact that may ground a listing); the health
// bureau starts a 严重失信主体名单 procedure from the institution's credit (告知), is refused a decision
// while the statement period runs, the operator states its case (陈述申辩) in its console, the bureau
// lists with a decision number, and the public page shows the listing with its periods. Every value
// the pages show is compared with what the API answers.
import { randomInt } from 'node:crypto';
import { makeResidentId, shanghaiToday } from '@shanyu/common';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, filedOperatorInstitution, launchChromium, loginAs, ok, screenshot, settle, startBrowserStack } from './support.js';

const SANDUN = '330106109';
const run = randomInt(100_000);
const WAIT = 60_000;

let stack: BrowserStack;
let browser: Browser;
let institution: { id: string; name: string };

interface CreditEntry {
  entryId: string;
  eventType: string;
  title: string;
  dTriggerActive: boolean;
}
interface Listing {
  id: string;
  status: string;
  entryIds: string[];
  facts: string;
  basis: string;
  notice: { text: string; statementDue: string; notifiedAt: string };
  statement: { text: string } | null;
  decision: { decision: string; decisionNo: string | null; reason: string; decidedOn: string } | null;
  publication: { from: string; repairableFrom: string; until: string } | null;
}

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (e) => console.error(`[browser] ${e.message}`));
  return page;
}

/** Retries an API call until a service's replica has caught up (`done` says when). */
async function until<T>(what: string, call: () => Promise<{ status: number; body: T }>, done: (res: { status: number; body: T }) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const res = await call();
    if (done(res)) return res.body;
    if (Date.now() > deadline) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Clicks and waits for the answer of the request the click sends (a failure then names its cause, not a page that did not move). */
async function answerOf(page: Page, method: string, path: string, click: () => Promise<void>): Promise<Response> {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === method, { timeout: WAIT }),
    click(),
  ]);
  return answer;
}

async function closeDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

const listingsOf = async (as: string): Promise<Listing[]> =>
  (ok(await stack.api('GET', `/api/v1/credit/listings?institutionId=${institution.id}`, { as })) as { items: Listing[] }).items;

beforeAll(async () => {
  stack = await startBrowserStack();
  browser = await launchChromium();
  institution = await filedOperatorInstitution(stack, `三墩启明托育园${run}`, SANDUN);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('严重失信主体名单 in the console and on the public page', () => {
  it('health notifies from the drawer, the operator states its case, health lists with a decision number, the public page shows it', async () => {
    const today = shanghaiToday();
    // A carer in post is put on the 从业禁止 list by public security: the staff service matches the ban.
    const idNumber = makeResidentId(`330106${(1990_0101 + (run % 28)).toString()}${String(run % 1000).padStart(3, '0')}`);
    const carer = await until(
      'staff replica of the institution',
      () =>
        stack.api('POST', `/api/v1/institutions/${institution.id}/staff`, {
          as: 'operator.demo',
          body: { name: '韩某', idNumber, role: 'carer', classType: 'toddler', startDate: today },
        }),
      (r) => r.status === 201,
    );
    const ban = ok(
      await stack.api('POST', '/api/v1/bans', {
        as: 'police.330106',
        body: {
          name: '韩某',
          idNumber,
          kind: 'lifetime',
          startsOn: today,
          authority: '杭州市公安局西湖区分局',
          documentNo: `西公禁字〔2026〕${run}号`,
          reason: '从业禁止',
        },
      }),
      201,
    );
    expect(ban.matchedStaff).toEqual([{ staffId: (carer as { id: string }).id, institutionId: institution.id }]);
    const credit = (await until(
      'credit: the ban match',
      () => stack.api('GET', `/api/v1/credit/institutions/${institution.id}`, { as: 'health.330106' }),
      (r) => r.status === 200 && (r.body as { entries: CreditEntry[] }).entries.some((e) => e.eventType === 'staff_ban_matched' && e.dTriggerActive),
    )) as { grade: string; gradeLabel: string; entries: CreditEntry[] };
    expect(credit.grade).toBe('D');
    const ground = credit.entries.find((e) => e.eventType === 'staff_ban_matched')!;
    const facts = `${today} 核查发现，该机构聘用了被列入从业禁止名单的人员担任保育人员（西公禁字〔2026〕${run}号）`;

    // 告知 (health): from the D 级（差）list, the institution's credit, the card 严重失信主体名单认定.
    const health = await newPage();
    await loginAs(health, stack.baseUrl, 'health.330106', '/app/credit');
    await health.getByText('D 级（差）重点监管', { exact: true }).waitFor();
    await health.getByRole('cell', { name: institution.name }).click();
    const card = health.locator('.ant-drawer-body').getByTestId('credit-listings');
    const startButton = card.getByRole('button', { name: '启动认定（告知）' });
    await expect(startButton.isEnabled({ timeout: WAIT })).resolves.toBe(true);
    await startButton.click();
    const start = health.getByRole('dialog', { name: '严重失信主体名单认定 — 告知' });
    const groundBox = start.getByRole('checkbox', { name: ground.title });
    await expect(groundBox.isChecked()).resolves.toBe(true);
    await start.getByLabel('认定事实').fill(facts);
    await settle(health);
    await screenshot(health, 'console-credit-listing-notice');
    const started = await answerOf(health, 'POST', `/api/v1/credit/institutions/${institution.id}/listings`, () =>
      start.getByRole('button', { name: /发出告知/ }).click(),
    );
    expect(started.status(), await started.text()).toBe(201);
    const [notified] = await listingsOf('health.330106');
    expect(notified).toMatchObject({ status: 'notified', entryIds: [ground.entryId], facts, statement: null, decision: null, publication: null });
    await card.getByText(notified!.notice.text).waitFor();
    await card.getByText(`陈述申辩截止 ${notified!.notice.statementDue}`).waitFor();
    // Nothing is published while the procedure runs.
    expect(ok(await stack.api('GET', `/api/v1/public/credit/institutions/${institution.id}`)).seriousBreach).toBeNull();

    // A decision while the statement period runs is refused: the dialog says why, as the server says it.
    await card.getByRole('button', { name: '作出决定' }).click();
    const decisionNo = `西卫健信〔2026〕${run}号`;
    let decide = health.getByRole('dialog', { name: '严重失信主体名单认定决定' });
    await decide.getByLabel('决定书文号').fill(decisionNo);
    await decide.getByLabel('理由').fill('事实清楚，证据确凿');
    const early = await answerOf(health, 'POST', `/api/v1/credit/listings/${notified!.id}/decision`, () =>
      decide.getByRole('button', { name: /^确\s*定$/ }).click(),
    );
    expect(early.status()).toBe(409);
    const refusal = (await early.json()) as { code: string; message: string };
    expect(refusal.code).toBe('CREDIT_LISTING_STATEMENT_OPEN');
    await expect(decide.getByTestId('listing-decision-refusal').innerText()).resolves.toContain(refusal.message);
    await settle(health);
    await screenshot(health, 'console-credit-listing-decision-refused');
    await decide.getByRole('button', { name: /^取\s*消$/ }).click();
    expect((await listingsOf('health.330106'))[0]!.status).toBe('notified');

    // 陈述申辩 (operator): its notices, the institution's credit, the notice text, its statement.
    const statement = '涉事人员系劳务派遣，入职时派遣单位未告知；已于当日解除用工并完成全员从业禁止查询';
    const operator = await newPage();
    await loginAs(operator, stack.baseUrl, 'operator.demo', '/app/credit');
    await operator.getByText('失信认定告知', { exact: true }).click();
    const noticeRow = operator.locator('tr.ant-table-row', { hasText: institution.name });
    await expect(noticeRow.innerText()).resolves.toContain(notified!.notice.statementDue);
    await noticeRow.click();
    const own = operator.locator('.ant-drawer-body').getByTestId('credit-listings');
    await own.getByText(notified!.notice.text).waitFor();
    await own.getByRole('button', { name: '陈述申辩' }).click();
    const state = operator.getByRole('dialog', { name: '陈述申辩' });
    await state.getByLabel('陈述申辩意见').fill(statement);
    const stated = await answerOf(operator, 'POST', `/api/v1/credit/listings/${notified!.id}/statement`, () =>
      state.getByRole('button', { name: /^提\s*交$/ }).click(),
    );
    expect(stated.status(), await stated.text()).toBe(200);
    await own.getByText(statement).waitFor();
    await expect(own.getByRole('button', { name: '陈述申辩' }).count()).resolves.toBe(0); // once only
    await settle(operator);
    await screenshot(operator, 'console-credit-listing-statement');
    await operator.context().close();
    expect((await listingsOf('health.330106'))[0]!.statement).toMatchObject({ text: statement });

    // 认定决定 (health): from the 严重失信主体名单 list, list with a decision number.
    await closeDrawer(health);
    await health.getByText('严重失信主体名单', { exact: true }).click();
    const listRow = health.locator('tr.ant-table-row', { hasText: institution.name });
    await expect(listRow.innerText()).resolves.toContain('已告知（待决定）');
    await listRow.click();
    await card.getByText(statement).waitFor();
    await card.getByRole('button', { name: '作出决定' }).click();
    decide = health.getByRole('dialog', { name: '严重失信主体名单认定决定' });
    await decide.getByText(statement).waitFor();
    await decide.getByLabel('决定书文号').fill(decisionNo);
    await decide.getByLabel('理由').fill('陈述申辩理由不能成立：用工单位负有入职查询义务');
    const decided = await answerOf(health, 'POST', `/api/v1/credit/listings/${notified!.id}/decision`, () =>
      decide.getByRole('button', { name: /^确\s*定$/ }).click(),
    );
    expect(decided.status(), await decided.text()).toBe(200);
    const listed = ok(await stack.api('GET', `/api/v1/credit/listings/${notified!.id}`, { as: 'health.330106' })) as Listing;
    expect(listed).toMatchObject({ status: 'listed', decision: { decision: 'list', decisionNo, decidedOn: today }, publication: { from: today } });
    const publication = listed.publication!;
    await card.getByText(`${publication.from} 至 ${publication.until}`).waitFor();
    await card.getByText(`${publication.repairableFrom} 起`).waitFor();
    await card.getByText(decisionNo, { exact: false }).first().waitFor();
    await settle(health);
    await screenshot(health, 'console-credit-listing-listed');
    // Closing the credit re-reads the list: the row now says 公示中, with the decision and the periods.
    await closeDrawer(health);
    await listRow.filter({ hasText: '公示中' }).waitFor();
    for (const shown of [decisionNo, `${publication.from} 至 ${publication.until}`, publication.repairableFrom])
      await expect(listRow.innerText()).resolves.toContain(shown);
    await health.context().close();

    // 公示: the public page shows the grade as a supervision class and the listing with its periods and facts.
    const publicCredit = ok(await stack.api('GET', `/api/v1/public/credit/institutions/${institution.id}`)) as {
      grade: string;
      gradeLabel: string;
      seriousBreach: Record<string, string> | null;
    };
    expect(publicCredit.seriousBreach).toEqual({
      decisionNo,
      facts: listed.facts,
      basis: listed.basis,
      from: publication.from,
      repairableFrom: publication.repairableFrom,
      until: publication.until,
    });
    const pub = await newPage();
    await pub.goto(`${stack.baseUrl}/public/institutions/${institution.id}`);
    await pub.getByRole('heading', { name: institution.name }).waitFor();
    // The register's letter shows until the credit service's answer comes: wait for the grade with its label.
    await pub
      .getByTestId('credit-grade')
      .filter({ hasText: `${publicCredit.grade} ${publicCredit.gradeLabel}` })
      .waitFor();
    const alert = pub.getByTestId('serious-breach');
    const text = await alert.innerText({ timeout: WAIT });
    for (const shown of ['列入严重失信主体名单', decisionNo, `${publication.from} 至 ${publication.until}`, `${publication.repairableFrom} 起`, listed.facts])
      expect(text).toContain(shown);
    await screenshot(pub, 'public-institution-serious-breach');
    await pub.context().close();
  }, 300_000);
});
