import { addDays, shanghaiToday } from '@shanyu/common';
import { StaffEvents } from '@shanyu/contracts';
import { eventually, okBody, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber } from './staff-support.js';
import { childId, EventCollector, monthsAround, type SubsidyStack, startSubsidyStack } from './subsidy-support.js';

// 补助 × 从业人员: the staff service's 持证率 reaches the subsidy service as
// evt.staff.certificate-rate.changed.v1, and a street's operating subsidy that replaces the city's
// for its own institutions and requires 持证率 ≥ 90% refuses an institution below it, naming the
// rule and its source; the other way, a roster submitted to the subsidy service sets the staff
// service's ratios.
const M = monthsAround();
type Line = Record<string, any>;
// A street of its own: no other test file files institutions here.
const STREET = '330106013';
const CERTIFIED_SOURCE = '测试用街道补助办法：从业人员持证率不低于 90% 的普惠机构方可领取运营补助';

describe("subsidy eligibility follows the staff service's certificate rate", () => {
  let stack: SubsidyStack;
  let staffEvents: EventCollector;
  let good: { id: string }, poor: { id: string };
  let poorGuards: string[];

  const as = (user: string) => stack.auth(user);
  /** A guard (保安员: 保安员证 counts in 持证率) hired through the gateway; with a licence if asked. */
  const guard = async (institutionId: string, licensed: boolean): Promise<string> => {
    const staff = okBody(
      await stack.http
        .post(`/api/v1/institutions/${institutionId}/staff`)
        .set(await as('operator.demo'))
        .send({ name: '保安员', idNumber: newIdNumber(), role: 'guard', startDate: addDays(shanghaiToday(), -60) }),
      201,
    );
    if (licensed) await licence(staff.id);
    return staff.id;
  };
  const licence = async (staffId: string) =>
    okBody(
      await stack.http
        .post(`/api/v1/staff/${staffId}/credentials`)
        .set(await as('operator.demo'))
        .send({ type: 'security_guard_licence', number: `BA-${staffId.slice(0, 8)}`, issuer: '杭州市公安局', issuedOn: addDays(shanghaiToday(), -200) }),
      201,
    );
  /** The 持证率 the subsidy service holds for an institution now (basis points), once it equals `want`. */
  const rateHeld = (institutionId: string, want: number) =>
    eventually(`subsidy holds 持证率 ${want} for ${institutionId}`, async () => {
      const [row] = await stack.sql<{ value: number }>(
        `SELECT value FROM $schema.institution_fact WHERE institution_id = $1 AND fact = 'certificate_rate' ORDER BY effective_on DESC, id DESC LIMIT 1`,
        [institutionId],
      );
      return row?.value === want;
    });
  const compute = async () => stack.computedRun(M.current, STREET);
  const operating = async (runId: string, institutionId: string): Promise<Line[]> =>
    okBody(
      await stack.http
        .get(`/api/v1/subsidy/runs/${runId}/lines`)
        .query({ institutionId, pageSize: 100 })
        .set(await as('health.330106')),
    ).items.filter((l: Line) => l.ruleId === 'OPERATING');

  beforeAll(async () => {
    stack = await startSubsidyStack({ clockAheadDays: 62, staff: true });
    okBody(
      await stack.http
        .post('/api/v1/subsidy/policies')
        .set(await as('health.330106'))
        .send({
          policyKey: 'street-certified-operating',
          version: 'street-certified-operating/2025.1',
          divisionCode: STREET,
          title: '街道普惠托育运营补助（以持证率为条件）',
          source: CERTIFIED_SOURCE,
          effectiveFrom: M.previous,
          eligibility: { inclusive: { source: CERTIFIED_SOURCE }, certificateRate: { minBp: 9_000, source: CERTIFIED_SOURCE } },
          rules: [
            {
              id: 'OPERATING',
              composition: 'replaces',
              kind: 'per_child_by_class',
              title: '普惠托育运营补助',
              params: { amountFenByClass: { toddler: 60_000 }, careFormFactorBp: { full_day: 10_000 }, attendanceProRata: true },
              requires: ['inclusive', 'certificate_rate'],
              source: CERTIFIED_SOURCE,
            },
          ],
        }),
      201,
    );
    staffEvents = await EventCollector.start(testNatsUrl(), 'evt.staff.certificate-rate.>');
    const here = { inclusive: true, overrides: { divisionCode: STREET } };
    [good, poor] = await Promise.all([stack.institution(here), stack.institution(here)]);
    for (const inst of [good, poor]) {
      okBody(
        await stack.http
          .put(`/api/v1/institutions/${inst.id}/rosters/${M.current}`)
          .set(await as('operator.demo'))
          .send({
            openDays: 22,
            children: [{ idNumber: childId(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 22 }],
          }),
      );
    }
  });
  afterAll(async () => {
    await staffEvents?.stop();
    await stack?.stop();
  });

  it('publishes 持证率 from the staff service when staff or their credentials change it', async () => {
    await guard(good.id, true); // 1 of 1 licensed
    poorGuards = [await guard(poor.id, true), await guard(poor.id, false)]; // 1 of 2
    const [event] = await staffEvents.waitFor(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === poor.id && e.data.rateBp === 5_000);
    expect(event!.data).toMatchObject({
      divisionCode: STREET,
      required: 2,
      holding: 1,
      rateBp: 5_000,
      previousRateBp: 10_000,
      targetBp: 9_000,
      meetsTarget: false,
      effectiveOn: shanghaiToday(),
      source: expect.stringContaining('持证率达到90%以上'),
    });
    await staffEvents.waitFor(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === good.id && e.data.rateBp === 10_000);
    // The second guard's hire did not change the rate of the first: nothing published for it.
    expect(staffEvents.events.filter((e) => e.data.institutionId === poor.id).map((e) => e.data.rateBp)).toEqual([0, 10_000, 5_000]);
    await rateHeld(good.id, 10_000);
    await rateHeld(poor.id, 5_000);
  });

  it("refuses the operating subsidy below the policy's 持证率 with the rule's code and source; pays above it", async () => {
    const run = await compute();
    const [paid] = await operating(run.id, good.id);
    // The street's rule took the place of the city's: one operating line, under the street's policy.
    expect(await operating(run.id, good.id)).toHaveLength(1);
    expect(paid).toMatchObject({ status: 'payable', amountFen: 60_000, reasonCode: null, policyVersion: 'street-certified-operating/2025.1' });
    expect(paid!.inputs.facts).toMatchObject({ certificateRateBp: 10_000 });
    expect(paid!.explanation).not.toContain('未核验');
    const [refused] = await operating(run.id, poor.id);
    expect(refused).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'CERTIFICATE_RATE' });
    expect(refused!.explanation).toContain('不予补助——从业人员持证率 50% 低于 90%');
    expect(refused!.explanation).toContain(`依据：${CERTIFIED_SOURCE}`);
    expect(refused!.inputs.facts).toMatchObject({ certificateRateBp: 5_000 });
    expect(refused!.inputs.checks).toContainEqual({ check: 'certificate_rate', passed: false });

    // The second guard gets a licence: 2 of 2. The computed run is stale; computed again, it pays.
    await licence(poorGuards[1]!);
    await rateHeld(poor.id, 10_000);
    expect(okBody(await stack.http.get(`/api/v1/subsidy/runs/${run.id}`).set(await as('health.330106'))).stale).toBe(true);
    const again = await compute();
    expect(again.id).toBe(run.id);
    expect((await operating(again.id, poor.id))[0]).toMatchObject({ status: 'payable', amountFen: 60_000, reasonCode: null });
  });

  it("a roster submitted to the subsidy service sets the staff service's ratios: four infants and one carer is a breach", async () => {
    const ratioEvents = await EventCollector.start(testNatsUrl(), 'evt.staff.ratio.>');
    try {
      const nursery = await stack.institution({ overrides: { divisionCode: STREET } });
      // The roster first (no staff yet: not judged), for children of 乳儿班 age (6–12 months).
      okBody(
        await stack.http
          .put(`/api/v1/institutions/${nursery.id}/rosters/${M.current}`)
          .set(await as('operator.demo'))
          .send({
            openDays: 22,
            children: Array.from({ length: 4 }, () => ({
              idNumber: childId(addDays(shanghaiToday(), -250)),
              birthOrder: 1,
              classType: 'infant',
              careForm: 'full_day',
              daysAttended: 20,
            })),
          }),
      );
      okBody(
        await stack.http
          .post(`/api/v1/institutions/${nursery.id}/staff`)
          .set(await as('operator.demo'))
          .send({ name: '保育员', idNumber: newIdNumber(), role: 'carer', classType: 'infant', startDate: addDays(shanghaiToday(), -30) }),
        201,
      );
      // 乳儿班 1:3 (国卫人口发〔2019〕58号): four infants need two carers.
      const [breach] = await ratioEvents.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === nursery.id);
      expect(breach!.data).toMatchObject({ classType: 'infant', children: 4, carers: 1, requiredCarers: 2, enrolmentSource: 'roster' });
    } finally {
      await ratioEvents.stop();
    }
  });
});
