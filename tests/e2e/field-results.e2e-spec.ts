// Two inspectors of one visit never overwrite each other silently, and nothing recorded on a phone
// is lost: every value is a version; a write on a stale version is kept as a conflict for a person
// to resolve; a result that reaches the server after its department signed off is kept as a late
// result for the department to accept (补正) or reject. Through the gateway, on the real services.
import type { InspectionFormView, InspectionView, RecordResultsView, ResultVersionView } from '@shanyu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, startInspectionStack } from './inspection-support.js';

let stack: InspectionStack;
const INSPECTOR_1 = 'fire.inspector1';
const INSPECTOR_2 = 'fire.inspector2';
const photo = { ref: 'sha256:7a1c9e', takenAt: '2026-12-06T10:20:00+08:00', location: '二楼东侧安全出口' };

/** A fire-only visit both linked fire inspectors are assigned to. */
async function visit(): Promise<InspectionView> {
  const institution = await stack.filedInstitution();
  const linked = stack.inspectors.fire!.filter((i) => i.username);
  return (
    await stack.http
      .post('/api/v1/inspections')
      .set(await stack.auth('fire.330106'))
      .send({ institutionId: institution.id, departments: [{ department: 'fire', inspectorIds: linked.map((i) => i.id) }] })
      .expect(201)
  ).body;
}

const form = async (id: string, who = INSPECTOR_1): Promise<InspectionFormView> =>
  (
    await stack.http
      .get(`/api/v1/inspections/${id}/form`)
      .set(await stack.auth(who))
      .expect(200)
  ).body;
const itemOf = (f: InspectionFormView, code: string) => f.areas.flatMap((a) => a.items).find((i) => i.code === code)!;
const record = async (id: string, who: string, results: object[]): Promise<RecordResultsView> =>
  (
    await stack.http
      .put(`/api/v1/inspections/${id}/results`)
      .set(await stack.auth(who))
      .send({ results })
      .expect(200)
  ).body;
const versions = async (id: string, code: string): Promise<ResultVersionView[]> =>
  (
    await stack.http
      .get(`/api/v1/inspections/${id}/results/${code}/versions`)
      .set(await stack.auth('fire.330106'))
      .expect(200)
  ).body;

beforeAll(async () => {
  stack = await startInspectionStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('versioned results', () => {
  it('keeps a write on a stale version as a conflict, refuses sign-off until a person resolves it, and keeps every version', async () => {
    const { id } = await visit();
    expect(itemOf(await form(id), 'FIRE-04').result).toBeNull();
    const first = await record(id, INSPECTOR_1, [
      { itemCode: 'FIRE-04', result: 'pass', note: 'A', baseVersion: 0, deviceId: 'phone-1', recordedAt: '2026-12-06T10:00:00+08:00' },
    ]);
    expect(first.outcomes).toEqual([expect.objectContaining({ itemCode: 'FIRE-04', status: 'recorded', version: 1 })]);
    // Inspector 2 recorded offline on what it had seen: no result yet.
    const second = await record(id, INSPECTOR_2, [
      { itemCode: 'FIRE-04', result: 'fail', note: 'B', evidence: [photo], baseVersion: 0, deviceId: 'phone-2', recordedAt: '2026-12-06T10:05:00+08:00' },
    ]);
    expect(second.outcomes).toEqual([expect.objectContaining({ itemCode: 'FIRE-04', status: 'conflict', version: 1 })]);
    const item = itemOf(second, 'FIRE-04');
    expect(item.result).toMatchObject({ result: 'pass', note: 'A', version: 1, inConflict: true });
    // Sent again (a reply lost on the way back): nothing new.
    expect(
      (await record(id, INSPECTOR_2, [{ itemCode: 'FIRE-04', result: 'fail', note: 'B', evidence: [photo], baseVersion: 0, deviceId: 'phone-2' }])).outcomes[0]!
        .status,
    ).toBe('conflict');

    const kept = await versions(id, 'FIRE-04');
    expect(kept.map((v) => [v.status, v.note, v.deviceId])).toEqual(
      expect.arrayContaining([
        ['current', 'A', 'phone-1'],
        ['conflict', 'B', 'phone-2'],
      ]),
    );
    expect(kept).toHaveLength(2);
    expect(kept.find((v) => v.status === 'conflict')).toMatchObject({
      evidence: [photo],
      recordedAt: '2026-12-06T02:05:00.000Z',
      version: null,
      baseVersion: 0,
    });

    // Every other fire item recorded: sign-off still waits for the conflict.
    const rest = (await form(id)).areas.flatMap((a) => a.items).filter((i) => i.department === 'fire' && i.code !== 'FIRE-04');
    await record(
      id,
      INSPECTOR_1,
      rest.map((i) => ({ itemCode: i.code, result: 'pass', baseVersion: 0 })),
    );
    const refused = await stack.http
      .post(`/api/v1/inspections/${id}/sign-off`)
      .set(await stack.auth(INSPECTOR_1))
      .send({})
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'INSPECTION_RESULTS_IN_CONFLICT', details: [expect.objectContaining({ field: 'FIRE-04' })] });
    // The visit itself says so, to the department and to the inspectors' visit list.
    const flagged = (
      await stack.http
        .get(`/api/v1/inspections/${id}`)
        .set(await stack.auth(INSPECTOR_2))
        .expect(200)
    ).body as InspectionView;
    expect(flagged.alerts).toEqual([
      expect.objectContaining({ code: 'INSPECTION_RESULTS_IN_CONFLICT', department: 'fire', message: expect.stringMatching(/^消防救援机构：1 项结果有冲突/) }),
    ]);

    // Resolved by the department's official, with the reason: inspector 2's failing value becomes the record's version 2.
    const chosen = kept.find((v) => v.status === 'conflict')!;
    await stack.http
      .post(`/api/v1/inspections/${id}/results/FIRE-04/resolution`)
      .set(await stack.auth('fire.330106'))
      .send({ versionId: chosen.id })
      .expect(400);
    const resolved = (
      await stack.http
        .post(`/api/v1/inspections/${id}/results/FIRE-04/resolution`)
        .set(await stack.auth('fire.330106'))
        .send({ versionId: chosen.id, reason: '现场照片显示安全出口被锁闭' })
        .expect(200)
    ).body as InspectionFormView;
    expect(itemOf(resolved, 'FIRE-04').result).toMatchObject({ result: 'fail', note: 'B', version: 2, inConflict: false, evidence: [photo] });
    const after = await versions(id, 'FIRE-04');
    expect(after.find((v) => v.id === chosen.id)).toMatchObject({
      status: 'current',
      version: 2,
      decision: expect.objectContaining({ chosen: true, reason: '现场照片显示安全出口被锁闭' }),
    });
    expect(after.find((v) => v.note === 'A')).toMatchObject({ status: 'superseded', version: 1 });
    expect(
      (
        await stack.http
          .post(`/api/v1/inspections/${id}/results/FIRE-04/resolution`)
          .set(await stack.auth('fire.330106'))
          .send({ versionId: chosen.id, reason: '再次裁定' })
          .expect(409)
      ).body.code,
    ).toBe('RESULT_NOT_IN_CONFLICT');
    // Market may not resolve fire's item.
    expect(
      (
        await stack.http
          .post(`/api/v1/inspections/${id}/results/FIRE-04/resolution`)
          .set(await stack.auth('market.330106'))
          .send({ versionId: chosen.id, reason: '越权' })
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    const signed = (
      await stack.http
        .post(`/api/v1/inspections/${id}/sign-off`)
        .set(await stack.auth(INSPECTOR_1))
        .send({})
        .expect(200)
    ).body as InspectionView;
    expect(signed.alerts).toEqual([]);
  });

  it("never replaces another inspector's value silently: without a base version, and a failing value with evidence by a passing one", async () => {
    const { id } = await visit();
    await record(id, INSPECTOR_1, [{ itemCode: 'FIRE-02', result: 'fail', note: '灭火器过期', evidence: [photo], baseVersion: 0 }]);
    // Inspector 2 saw version 1 and says pass: a failing value with evidence waits for a person.
    const pass = await record(id, INSPECTOR_2, [{ itemCode: 'FIRE-02', result: 'pass', baseVersion: 1 }]);
    expect(pass.outcomes[0]).toMatchObject({ status: 'conflict', version: 1 });
    expect(itemOf(pass, 'FIRE-02').result).toMatchObject({ result: 'fail', inConflict: true });
    // A client that sends no base version does not overwrite another inspector's different value either.
    await record(id, INSPECTOR_1, [{ itemCode: 'FIRE-03', result: 'pass' }]);
    const legacy = await record(id, INSPECTOR_2, [{ itemCode: 'FIRE-03', result: 'not_applicable' }]);
    expect(legacy.outcomes[0]!.status).toBe('conflict');
    // The same inspector correcting its own value on the current version: the next version.
    const corrected = await record(id, INSPECTOR_1, [{ itemCode: 'FIRE-05', result: 'pass', baseVersion: 0 }]);
    const again = await record(id, INSPECTOR_1, [{ itemCode: 'FIRE-05', result: 'not_applicable', baseVersion: corrected.outcomes[0]!.version }]);
    expect(again.outcomes[0]).toMatchObject({ status: 'recorded', version: 2 });
    // An inspector may resolve its department's conflict too; the other inspector's later write joins the conflict until then.
    const waiting = (await versions(id, 'FIRE-02')).find((v) => v.status === 'conflict')!;
    const current = (await versions(id, 'FIRE-02')).find((v) => v.status === 'current')!;
    const kept = (
      await stack.http
        .post(`/api/v1/inspections/${id}/results/FIRE-02/resolution`)
        .set(await stack.auth(INSPECTOR_2))
        .send({ versionId: current.id, reason: '复核：灭火器确已过期' })
        .expect(200)
    ).body as InspectionFormView;
    expect(itemOf(kept, 'FIRE-02').result).toMatchObject({ result: 'fail', version: 1, inConflict: false });
    expect((await versions(id, 'FIRE-02')).find((v) => v.id === waiting.id)).toMatchObject({
      status: 'resolved',
      decision: expect.objectContaining({ chosen: false }),
    });
  });
});

describe('late results', () => {
  it('keeps a result that arrives after sign-off, lists it for the department, which accepts it as an amendment (补正) or rejects it', async () => {
    const { id } = await visit();
    const items = (await form(id)).areas.flatMap((a) => a.items).filter((i) => i.department === 'fire');
    await record(
      id,
      INSPECTOR_2,
      items.map((i) => ({ itemCode: i.code, result: 'pass', baseVersion: 0 })),
    );
    const done = (
      await stack.http
        .post(`/api/v1/inspections/${id}/sign-off`)
        .set(await stack.auth(INSPECTOR_2))
        .send({})
        .expect(200)
    ).body as InspectionView;
    expect(done.status).toBe('completed');

    // Inspector 1 recorded offline before the sign-off; its phone reconnects now.
    const late = await record(id, INSPECTOR_1, [
      {
        itemCode: 'FIRE-01',
        result: 'fail',
        note: '安全出口被锁闭',
        evidence: [photo],
        baseVersion: 0,
        deviceId: 'phone-1',
        recordedAt: '2026-12-06T09:00:00+08:00',
      },
      { itemCode: 'FIRE-02', result: 'fail', note: '误记', baseVersion: 0, deviceId: 'phone-1' },
    ]);
    expect(late.outcomes.map((o) => o.status)).toEqual(['late', 'late']);
    expect(late.outcomes[0]!.message).toMatch(/^消防救援机构已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 签字确认/);
    expect(itemOf(late, 'FIRE-01').result).toMatchObject({ result: 'pass', version: 1 });

    const listed = (
      await stack.http
        .get(`/api/v1/inspections/${id}/late-results`)
        .set(await stack.auth('fire.330106'))
        .expect(200)
    ).body as ResultVersionView[];
    expect(listed.map((v) => [v.itemCode, v.status])).toEqual([
      ['FIRE-01', 'late'],
      ['FIRE-02', 'late'],
    ]);
    const [exit, mistake] = listed;
    const waiting = (
      await stack.http
        .get(`/api/v1/inspections/${id}`)
        .set(await stack.auth('fire.330106'))
        .expect(200)
    ).body as InspectionView;
    expect(waiting.alerts).toEqual([
      expect.objectContaining({
        code: 'LATE_RESULTS_WAITING',
        department: 'fire',
        message: expect.stringMatching(/^消防救援机构：2 项签字后送达的结果待本部门决定/),
      }),
    ]);

    // Only an official of the department decides; an inspector account may not.
    expect(
      (
        await stack.http
          .post(`/api/v1/inspections/${id}/late-results/${exit!.id}/decision`)
          .set(await stack.auth(INSPECTOR_1))
          .send({ decision: 'accept', reason: '签字前已记录' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    const accepted = (
      await stack.http
        .post(`/api/v1/inspections/${id}/late-results/${exit!.id}/decision`)
        .set(await stack.auth('fire.330106'))
        .send({ decision: 'accept', reason: '签字前已在现场记录，照片为证' })
        .expect(200)
    ).body as ResultVersionView;
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, decision: expect.objectContaining({ chosen: true }) });
    const rejected = (
      await stack.http
        .post(`/api/v1/inspections/${id}/late-results/${mistake!.id}/decision`)
        .set(await stack.auth('fire.330106'))
        .send({ decision: 'reject', reason: '检查员确认为误记' })
        .expect(200)
    ).body as ResultVersionView;
    expect(rejected).toMatchObject({ status: 'rejected', version: null });
    expect(
      (
        await stack.http
          .post(`/api/v1/inspections/${id}/late-results/${mistake!.id}/decision`)
          .set(await stack.auth('fire.330106'))
          .send({ decision: 'accept', reason: '改主意' })
          .expect(409)
      ).body.code,
    ).toBe('RESULT_NOT_LATE');

    // The completed inspection's item now fails: a finding with its deadline, as if recorded at completion.
    const amended = (
      await stack.http
        .get(`/api/v1/inspections/${id}`)
        .set(await stack.auth('fire.330106'))
        .expect(200)
    ).body as InspectionView;
    expect(done.findings).toEqual([]);
    expect(amended.alerts).toEqual([]);
    expect(amended.findings).toEqual([expect.objectContaining({ itemCode: 'FIRE-01', status: 'open', note: '安全出口被锁闭', department: 'fire' })]);
    const record1 = itemOf(await form(id, 'fire.330106'), 'FIRE-01').result;
    expect(record1).toMatchObject({ result: 'fail', note: '安全出口被锁闭', version: 2 });
    expect(itemOf(await form(id, 'fire.330106'), 'FIRE-02').result).toMatchObject({ result: 'pass', version: 1 });

    // The audit trail holds the values, notes, evidence and reasons.
    const audit = (
      await stack.http
        .get('/api/v1/audit')
        .query({ service: 'inspection', entity: 'inspection', id })
        .set(await stack.auth('admin'))
        .expect(200)
    ).body;
    const entries = (Array.isArray(audit) ? audit : audit.items) as { action: string; after: Record<string, unknown> }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['inspection.results', 'inspection.result.amend', 'inspection.result.reject-late']));
    const amend = entries.find((e) => e.action === 'inspection.result.amend')!;
    expect(amend.after).toMatchObject({ itemCode: 'FIRE-01', note: '安全出口被锁闭', reason: '签字前已在现场记录，照片为证', evidence: [photo] });
  });
});
