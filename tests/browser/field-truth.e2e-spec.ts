// Field truth, in real browsers on two phones (Debian's Chromium, 390×844): two fire inspectors of
// one visit record the same item differently with no network; whichever order they reconnect in,
// the server keeps both values, both phones and the console show the conflict, and nothing says
// 已同步 for a value the record does not hold; the department resolves it with a reason and both
// phones show the value the record keeps. A result recorded offline before the department signed
// off arrives late: the phone says so, the console lists it and an official takes it in (补正).
import { randomInt } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, filedOperatorInstitution, launchChromium, loginAs, ok, PHONE, screenshot, settle, startBrowserStack } from './support.js';

const SANDUN = '330106109';
const run = randomInt(100_000);
// The smallest JPEG the evidence store accepts (its type is checked by its first bytes).
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);

interface FormItem {
  code: string;
  department: string;
  severity: string;
  result: { result: string; note: string | null; version: number; inConflict: boolean; evidence: unknown[] } | null;
}
interface Phone {
  context: BrowserContext;
  page: Page;
  name: string;
}

let stack: BrowserStack;
let browser: Browser;
// Two institutions: an institution takes at most three inspections a year (the yearly cap).
let institutions: { id: string; name: string }[];
let inspectorIds: string[];

async function until(what: string, call: () => Promise<{ status: number; body: unknown }>, status: number): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call();
    if (res.status === status) return res.body;
    if (Date.now() > deadline) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function formItems(inspectionId: string): Promise<FormItem[]> {
  const form = ok(await stack.api('GET', `/api/v1/inspections/${inspectionId}/form`, { as: 'fire.330106' })) as { areas: { items: FormItem[] }[] };
  return form.areas.flatMap((a) => a.items);
}

async function held(inspectionId: string, code: string): Promise<FormItem['result']> {
  return (await formItems(inspectionId)).find((i) => i.code === code)!.result;
}

async function newVisit(institution: { id: string }, repeatReason?: string): Promise<string> {
  const created = await until(
    'inspection replica',
    () =>
      stack.api('POST', '/api/v1/inspections', {
        as: 'street.330106109',
        body: { institutionId: institution.id, kind: 'adhoc', ...(repeatReason ? { repeatReason } : {}), departments: [{ department: 'fire', inspectorIds }] },
      }),
    201,
  );
  return created.id as string;
}

async function phone(username: string, name: string): Promise<Phone> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error(`[${name}] ${e.message}`));
  await loginAs(page, stack.baseUrl, username, '/inspector');
  return { context, page, name };
}

/** Opens the visit from the list once its form is kept on the phone. */
async function openVisit(p: Phone, inspectionId: string): Promise<void> {
  if (new URL(p.page.url()).pathname !== '/inspector') await p.page.goto(`${stack.baseUrl}/inspector`);
  await p.page
    .locator('.ant-card')
    .filter({ has: p.page.locator(`a[href="/inspector/visits/${inspectionId}"]`) })
    .getByTestId('offline-ready')
    .waitFor();
  await p.page.locator(`a[href="/inspector/visits/${inspectionId}"]`).click();
  await p.page.locator('[data-testid^="item-"]').first().waitFor();
}

const item = (p: Phone, code: string) => p.page.getByTestId(`item-${code}`);

async function waitForTag(p: Phone, code: string, text: string): Promise<void> {
  try {
    await item(p, code).getByTestId('item-sync').filter({ hasText: text }).waitFor({ timeout: 60_000 });
  } catch (e) {
    // What the phone showed and kept, so a failure says where the result stopped.
    const shown = await item(p, code)
      .getAttribute('data-status', { timeout: 1_000 })
      .catch(() => 'no item');
    const kept = await p.page.evaluate(
      (itemCode) =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('shanyu-inspector');
          open.onsuccess = () => {
            const all = open.result.transaction('results').objectStore('results').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result.filter((r: { itemCode: string }) => r.itemCode === itemCode)));
          };
          open.onerror = () => resolve('no database');
        }),
      code,
    );
    throw new Error(`${p.name}: ${code} not ${text} (shown ${shown}, online ${await p.page.evaluate(() => navigator.onLine)}, kept ${kept})`, { cause: e });
  }
}

/** Whatever a phone says about the item, 已同步 only ever stands beside the value the record holds. */
async function expectHonest(p: Phone, inspectionId: string, code: string): Promise<void> {
  const section = item(p, code);
  const [status, shown, record] = await Promise.all([section.getAttribute('data-status'), section.getAttribute('data-result'), held(inspectionId, code)]);
  if (status === 'synced') expect(shown, `${p.name} shows 已同步 for ${code}`).toBe(record?.result);
  if (record?.inConflict) expect(status, `${p.name} on ${code}`).not.toBe('synced');
}

async function goOffline(p: Phone): Promise<void> {
  await p.context.setOffline(true);
  await p.page.getByTestId('network-state').getByText('离线').waitFor();
  await p.page.getByTestId('offline-banner').waitFor();
}

async function goOnline(p: Phone): Promise<void> {
  await p.context.setOffline(false);
  await p.page.getByTestId('network-state').getByText('在线').waitFor({ timeout: 15_000 });
  await p.page.getByTestId('offline-banner').waitFor({ state: 'detached' });
}

/** Both phones open the visit and go offline; `a` records the item as failing with a note and a photo, `b` as passing. */
async function recordApartOffline(a: Phone, b: Phone, inspectionId: string, code: string, failing: { note: string; location: string }): Promise<void> {
  await openVisit(a, inspectionId);
  await openVisit(b, inspectionId);
  await goOffline(a);
  await goOffline(b);
  await item(a, code).getByText('不符合', { exact: true }).click();
  await item(a, code).getByLabel(`${code} 问题描述`).fill(failing.note);
  await item(a, code).getByLabel(`${code} 拍摄位置`).fill(failing.location);
  await item(a, code).getByLabel(`${code} 问题描述`).blur();
  await item(a, code).getByLabel(`${code} 拍照取证`).setInputFiles({ name: 'evidence.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await item(a, code).getByTestId('photo').waitFor();
  await item(b, code).getByText('符合', { exact: true }).click();
  await waitForTag(a, code, '待同步');
  await waitForTag(b, code, '待同步');
}

beforeAll(async () => {
  stack = await startBrowserStack();
  browser = await launchChromium();
  institutions = [await filedOperatorInstitution(stack, `三墩实情托育园${run}`, SANDUN), await filedOperatorInstitution(stack, `三墩实情二园${run}`, SANDUN)];
  inspectorIds = [];
  for (const [username, name] of [
    ['fire.inspector1', '王磊'],
    ['fire.inspector2', '陈静'],
  ] as const) {
    inspectorIds.push(
      ok(
        await stack.api('POST', '/api/v1/inspectors', {
          as: 'fire.330106',
          body: { name, badgeNo: `浙消实${run}-${username.slice(-1)}`, divisionCodes: ['330106'], username },
        }),
        201,
      ).id,
    );
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('two inspectors, one item, no network', () => {
  it('keeps both values as a conflict on both phones and in the console until the department resolves it with a reason', async () => {
    const inspectionId = await newVisit(institutions[0]!);
    const code = (await formItems(inspectionId)).find((i) => i.department === 'fire')!.code;
    const a = await phone('fire.inspector1', '王磊');
    const b = await phone('fire.inspector2', '陈静');
    await recordApartOffline(a, b, inspectionId, code, { note: '安全出口被锁闭，疏散通道堆放杂物', location: '一楼东侧安全出口' });
    await item(a, code).scrollIntoViewIfNeeded();
    await screenshot(a.page, 'field-truth-offline-recorded-a', { fullPage: false });
    expect(await held(inspectionId, code)).toBeNull();

    // 王磊 reconnects first: the record takes his value.
    await goOnline(a);
    await waitForTag(a, code, '已同步');
    expect(await held(inspectionId, code)).toMatchObject({ result: 'fail', note: '安全出口被锁闭，疏散通道堆放杂物', inConflict: false });
    await expectHonest(a, inspectionId, code);

    // 陈静 reconnects: her value was recorded on the version before his, so it waits as a conflict.
    await goOnline(b);
    await waitForTag(b, code, '有冲突');
    await expectHonest(b, inspectionId, code);
    expect(await held(inspectionId, code)).toMatchObject({ result: 'fail', inConflict: true });
    const versions = ok(await stack.api('GET', `/api/v1/inspections/${inspectionId}/results/${code}/versions`, { as: 'fire.330106' })) as {
      id: string;
      status: string;
      result: string;
      deviceId: string | null;
      recordedAt: string;
    }[];
    expect(versions.map((v) => [v.status, v.result]).sort()).toEqual([
      ['conflict', 'pass'],
      ['current', 'fail'],
    ]);
    expect(versions.every((v) => v.deviceId && v.recordedAt)).toBe(true);
    expect(new Set(versions.map((v) => v.deviceId)).size).toBe(2);

    // 王磊's phone learns of the conflict when it reads the record again.
    await waitForTag(a, code, '有冲突');
    await expectHonest(a, inspectionId, code);
    for (const p of [a, b]) {
      await item(p, code).getByTestId('result-version').nth(1).waitFor();
      await expect(item(p, code).getByRole('radio', { name: '不符合', exact: true }).count()).resolves.toBe(0); // no editing while in conflict
      await expect(item(p, code).getByTestId('item-sync').filter({ hasText: '已同步' }).count()).resolves.toBe(0);
    }
    await item(b, code).scrollIntoViewIfNeeded();
    await screenshot(b.page, 'field-truth-conflict-phone-b', { fullPage: false });
    await item(a, code).scrollIntoViewIfNeeded();
    await screenshot(a.page, 'field-truth-conflict-phone-a', { fullPage: false });

    // The fire department sees both values, notes and the photo in its console and keeps 王磊's, with a reason.
    const office = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })).newPage();
    office.setDefaultTimeout(30_000);
    await loginAs(office, stack.baseUrl, 'fire.330106', `/app/inspections/${inspectionId}`);
    const conflicts = office.getByTestId('conflicts');
    await conflicts.getByTestId('result-version').nth(1).waitFor();
    await conflicts.getByText('安全出口被锁闭，疏散通道堆放杂物').waitFor();
    await conflicts.getByText('消防救援').first().waitFor();
    await conflicts.locator('img[alt^="取证照片"]').first().waitFor();
    await expect(conflicts.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).count()).resolves.toBeGreaterThan(0);
    await screenshot(office, 'field-truth-console-conflict');
    await conflicts.locator('[data-testid="result-version"][data-result="fail"]').getByText('采用此结果').click();
    await conflicts.getByLabel(`${code} 处理理由`).fill('现场照片显示安全出口确被锁闭，以不符合为准');
    await conflicts.getByRole('button', { name: '确认处理' }).click();
    await conflicts.waitFor({ state: 'detached' });
    expect(await held(inspectionId, code)).toMatchObject({ result: 'fail', inConflict: false });
    await screenshot(office, 'field-truth-console-resolved');
    await office.context().close();

    // Both phones show the value the record keeps.
    for (const p of [a, b]) {
      await waitForTag(p, code, '已同步');
      await expect(item(p, code).getAttribute('data-result')).resolves.toBe('fail');
      await expectHonest(p, inspectionId, code);
    }
    await item(b, code).getByText('记录已更新为：不符合（本机原记录：符合）').waitFor();
    await item(b, code).scrollIntoViewIfNeeded();
    await screenshot(b.page, 'field-truth-resolved-phone-b', { fullPage: false });
    await a.context.close();
    await b.context.close();
  }, 240_000);

  it('the other order: a failing value with its photo that reconnects second is never overwritten, the visit list flags it, and an inspector resolves it on the phone', async () => {
    const inspectionId = await newVisit(institutions[0]!, '复核：两名检查员记录不一致');
    const code = (await formItems(inspectionId)).filter((i) => i.department === 'fire')[1]!.code;
    const a = await phone('fire.inspector1', '王磊');
    const b = await phone('fire.inspector2', '陈静');
    await recordApartOffline(a, b, inspectionId, code, { note: '灭火器压力表指针在红区', location: '二楼走廊' });

    // 陈静's passing value reaches the server first; 王磊's failing one, recorded on the same empty item, waits beside it.
    await goOnline(b);
    await waitForTag(b, code, '已同步');
    expect(await held(inspectionId, code)).toMatchObject({ result: 'pass', inConflict: false });
    await goOnline(a);
    await waitForTag(a, code, '有冲突');
    await expectHonest(a, inspectionId, code);
    const versions = ok(await stack.api('GET', `/api/v1/inspections/${inspectionId}/results/${code}/versions`, { as: 'fire.330106' })) as {
      status: string;
      result: string;
      evidence: unknown[];
    }[];
    expect(versions.map((v) => [v.status, v.result, v.evidence.length]).sort()).toEqual([
      ['conflict', 'fail', 1],
      ['current', 'pass', 0],
    ]);

    // The visit list on 陈静's phone flags the visit.
    await b.page.goto(`${stack.baseUrl}/inspector`);
    await b.page
      .locator('.ant-card')
      .filter({ has: b.page.locator(`a[href="/inspector/visits/${inspectionId}"]`) })
      .getByTestId('visit-conflict')
      .getByText('消防救援结果有冲突')
      .waitFor();
    await screenshot(b.page, 'field-truth-visit-list-conflict', { fullPage: false });

    // 王磊 resolves it on his phone, keeping his failing value, with the reason.
    await item(a, code).getByRole('radio', { name: '采用王磊的记录：不符合' }).check();
    await item(a, code).getByLabel(`${code} 处理理由`).fill('压力表照片为证，以不符合为准');
    await item(a, code).getByRole('button', { name: '确认处理' }).click();
    await waitForTag(a, code, '已同步');
    expect(await held(inspectionId, code)).toMatchObject({ result: 'fail', note: '灭火器压力表指针在红区', inConflict: false, evidence: [expect.anything()] });
    await expectHonest(a, inspectionId, code);
    await item(a, code).scrollIntoViewIfNeeded();
    await screenshot(a.page, 'field-truth-resolved-on-phone', { fullPage: false });

    await openVisit(b, inspectionId);
    await waitForTag(b, code, '已同步');
    await expect(item(b, code).getAttribute('data-result')).resolves.toBe('fail');
    await expectHonest(b, inspectionId, code);
    await a.context.close();
    await b.context.close();
  }, 240_000);

  it('an official not assigned to the visit gets a read-only form', async () => {
    const inspectionId = await newVisit(institutions[1]!);
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await loginAs(page, stack.baseUrl, 'fire.330106', `/inspector/visits/${inspectionId}`);
    await page.getByTestId('not-assigned').waitFor();
    await expect(page.locator('[data-testid^="item-"] textarea, [data-testid^="item-"] input[type=file]').count()).resolves.toBe(0);
    await context.close();
  }, 60_000);
});

describe('a result that arrives after the department signed off', () => {
  it('is kept as late, listed in the console, taken in by an amendment (补正) and shown as such on the phone', async () => {
    const inspectionId = await newVisit(institutions[1]!, '群众反映消防设施损坏，再次核查');
    const fire = (await formItems(inspectionId)).filter((i) => i.department === 'fire');
    const critical = (fire.find((i) => i.severity === 'critical') ?? fire[0]!).code;
    const a = await phone('fire.inspector1', '王磊');
    const b = await phone('fire.inspector2', '陈静');
    await openVisit(a, inspectionId);
    await openVisit(b, inspectionId);

    await goOffline(a);
    await item(a, critical).getByText('不符合', { exact: true }).click();
    await item(a, critical).getByLabel(`${critical} 问题描述`).fill('灭火器压力不足，已过检验期');
    await item(a, critical).getByLabel(`${critical} 问题描述`).blur();
    await waitForTag(a, critical, '待同步');

    // 陈静, online, records every fire item and signs off for the department.
    ok(
      await stack.api('PUT', `/api/v1/inspections/${inspectionId}/results`, {
        as: 'fire.inspector2',
        body: { results: fire.map((i) => ({ itemCode: i.code, result: 'pass', baseVersion: 0 })) },
      }),
    );
    await b.page.reload();
    await b.page.getByRole('button', { name: '本部门签字确认' }).click();
    await b.page.getByText('本部门已签字', { exact: true }).waitFor();

    // 王磊 reconnects: his result is kept, waiting for the department's decision; the record still says pass.
    await goOnline(a);
    await waitForTag(a, critical, '逾时待定');
    await expectHonest(a, inspectionId, critical);
    expect(await held(inspectionId, critical)).toMatchObject({ result: 'pass' });
    await item(a, critical).scrollIntoViewIfNeeded();
    await screenshot(a.page, 'field-truth-late-phone', { fullPage: false });
    const late = ok(await stack.api('GET', `/api/v1/inspections/${inspectionId}/late-results`, { as: 'fire.330106' })) as {
      id: string;
      status: string;
      result: string;
      itemCode: string;
    }[];
    expect(late).toEqual([expect.objectContaining({ itemCode: critical, status: 'late', result: 'fail' })]);

    const office = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })).newPage();
    office.setDefaultTimeout(30_000);
    await loginAs(office, stack.baseUrl, 'fire.330106', `/app/inspections/${inspectionId}`);
    const table = office.getByTestId('late-results');
    await table.getByText('灭火器压力不足，已过检验期').waitFor();
    await table.getByRole('cell', { name: '消防救援' }).first().waitFor();
    await screenshot(office, 'field-truth-console-late');
    await table.getByRole('button', { name: /^补\s*正$/ }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('决定理由').fill('检查人员签字前已现场记录，照实补正');
    // The decision must reach the server and be accepted (its answer is checked, not only the page).
    const answered = office.waitForResponse((r) => r.url().includes(`/late-results/`) && r.url().endsWith('/decision') && r.request().method() === 'POST', {
      timeout: 60_000,
    });
    await dialog.getByRole('button', { name: /^确\s*认$/ }).click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(200);
    await table.getByText(/已采纳/).waitFor({ timeout: 60_000 });
    await settle(office);
    await screenshot(office, 'field-truth-console-late-accepted');
    const decided = ok(await stack.api('GET', `/api/v1/inspections/${inspectionId}/late-results`, { as: 'fire.330106' })) as { status: string }[];
    expect(decided).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(await held(inspectionId, critical)).toMatchObject({ result: 'fail' });
    await office.context().close();

    await waitForTag(a, critical, '已采纳');
    await expectHonest(a, inspectionId, critical);
    await expect(a.page.getByTestId('offline-banner').count()).resolves.toBe(0);
    await item(a, critical).scrollIntoViewIfNeeded();
    await screenshot(a.page, 'field-truth-late-accepted-phone', { fullPage: false });
    await a.context.close();
    await b.context.close();
  }, 240_000);
});
