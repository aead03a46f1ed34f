// 备案后核查: a filing approved through the registry schedules the institution's first on-site visit,
// due within the period the supervision policy in force on the filing day sets; it turns overdue
// when the period passes without a visit, and done with the first inspection completed after the
// filing. Officials see it in their divisions only.
import { addDays, shanghaiToday } from '@shanyu/common';
import type { InspectionFormView, PostFilingCheckView } from '@shanyu/contracts';
import { eventually } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, openVisit, startInspectionStack } from './inspection-support.js';

// The registry dates its events by the real clock: the filing day is today.
const FILING_DAY = shanghaiToday();

describe('备案后核查: the first visit after a filing, within the period the rules set', () => {
  let stack: InspectionStack;
  let visited: string;
  let neglected: string;
  const checks = async (query: Record<string, string>, username = 'health.330106') =>
    (
      await stack.http
        .get('/api/v1/post-filing-checks')
        .query(query)
        .set(await stack.auth(username))
        .expect(200)
    ).body.items as PostFilingCheckView[];
  const checkOf = async (institutionId: string) => (await checks({ institutionId }))[0];

  beforeAll(async () => {
    stack = await startInspectionStack();
    visited = (await stack.filedInstitution()).id;
    neglected = (await stack.filedInstitution()).id;
    await eventually('both visits scheduled', async () => (await checkOf(visited)) !== undefined && (await checkOf(neglected)) !== undefined);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('schedules the visit within the policy’s period from the filing day, naming the policy and its source', async () => {
    const check = (await checkOf(visited))!;
    expect(check).toMatchObject({
      institutionId: visited,
      divisionCode: expect.stringMatching(/^330106/),
      filedOn: FILING_DAY,
      dueOn: addDays(FILING_DAY, 30),
      status: 'due',
      inspectionId: null,
      visitedOn: null,
      policyVersion: expect.stringContaining('supervision-policy/2026.3'),
    });
    expect(check.source).toContain('国卫办人口发〔2019〕25号');
    expect(check.source).toContain('平台默认');
  });

  it('is done by the first inspection completed after the filing', async () => {
    const visit = await openVisit(stack, 'street.330106109', visited, 'fire', [0, 1]);
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${visit.id}/form`)
        .set(await stack.auth('fire.inspector1'))
        .expect(200)
    ).body as InspectionFormView;
    const results = form.areas
      .flatMap((a) => a.items)
      .filter((i) => i.department === 'fire')
      .map((i) => ({ itemCode: i.code, result: 'pass' }));
    await stack.http
      .put(`/api/v1/inspections/${visit.id}/results`)
      .set(await stack.auth('fire.inspector1'))
      .send({ results })
      .expect(200);
    await stack.http
      .post(`/api/v1/inspections/${visit.id}/sign-off`)
      .set(await stack.auth('fire.inspector1'))
      .send({ comment: '备案后首次现场核查' })
      .expect(200);
    expect(await checkOf(visited)).toMatchObject({ status: 'done', inspectionId: visit.id, visitedOn: FILING_DAY });
    expect((await checks({ status: 'done' })).map((c) => c.institutionId)).toContain(visited);
    expect((await checks({ status: 'due' })).map((c) => c.institutionId)).not.toContain(visited);
  });

  it('turns overdue once the period has passed without a visit', async () => {
    expect((await checks({ status: 'overdue' })).map((c) => c.institutionId)).not.toContain(neglected);
    stack.clock.advance(31 * 86_400_000);
    expect(shanghaiToday(stack.clock.now())).toBe(addDays(FILING_DAY, 31));
    expect(await checkOf(neglected)).toMatchObject({ status: 'overdue', dueOn: addDays(FILING_DAY, 30) });
    expect((await checks({ status: 'overdue' })).map((c) => c.institutionId)).toContain(neglected);
    expect(await checkOf(visited)).toMatchObject({ status: 'done' });
  });

  it('is the departments’ list in their divisions: not the operator’s, not another district’s', async () => {
    const operator = await stack.http.get('/api/v1/post-filing-checks').set(await stack.auth('operator.demo'));
    expect(operator.status).toBe(403);
    const other = await stack.http
      .get('/api/v1/post-filing-checks')
      .query({ divisionCode: '330106' })
      .set(await stack.auth('health.371002'));
    expect(other.body).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE' });
    expect((await checks({}, 'health.371002')).map((c) => c.institutionId)).not.toContain(visited);
    const bad = await stack.http
      .get('/api/v1/post-filing-checks')
      .query({ status: 'late' })
      .set(await stack.auth('health.330106'));
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
  });
});
