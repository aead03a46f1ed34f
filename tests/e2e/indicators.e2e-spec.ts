import { compliantFilingSubmission, institutionRequest } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support.js';

describe('indicators (指标) from the register', () => {
  let stack: Stack;
  let market: string, health: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  /** Registers an institution in a street with the given places and, optionally, files it. */
  const institution = async (
    divisionCode: string,
    places: { infant: number; toddler: number; older: number; mixed: number },
    file: boolean,
    healthCentre = true,
  ) => {
    const inst = (await stack.http.post('/api/v1/institutions').set(auth(market)).send(institutionRequest({ divisionCode, places })).expect(201)).body;
    if (file) {
      const submission = { ...compliantFilingSubmission(), ...(healthCentre ? {} : { healthCentre: undefined }) };
      const filing = (await stack.http.post(`/api/v1/institutions/${inst.id}/filings`).set(auth(market)).send(submission).expect(201)).body;
      await stack.http.post(`/api/v1/filings/${filing.id}/decision`).set(auth(health)).send({ decision: 'approve' }).expect(200);
    }
    return inst;
  };

  beforeAll(async () => {
    stack = await startStack();
    [market, health] = await Promise.all([stack.tokenFor('market.330106'), stack.tokenFor('health.330106')]);
    // 三墩镇: two filed (30 + 50 places, one 普惠 with 20), one only registered. 翠苑: one filed without 医育结合 (40).
    const a = await institution('330106109', { infant: 0, toddler: 10, older: 20, mixed: 0 }, true);
    await institution('330106109', { infant: 10, toddler: 20, older: 20, mixed: 0 }, true);
    await institution('330106109', { infant: 0, toddler: 15, older: 15, mixed: 0 }, false);
    await institution('330106004', { infant: 0, toddler: 20, older: 20, mixed: 0 }, true, false);
    await stack.http
      .post(`/api/v1/institutions/${a.id}/inclusive`)
      .set(auth(health))
      .send({ action: 'grant', priceCapFen: 150_000, inclusivePlaces: 20 })
      .expect(200);
    await stack.http
      .put('/api/v1/population')
      .set(auth(health))
      .send({
        rows: [
          { divisionCode: '330106', year: 2025, residentPopulation: 100_000, childrenUnder3: 2_500, source: '测试' },
          { divisionCode: '330106109', year: 2025, residentPopulation: 40_000, childrenUnder3: 1_000, source: '测试' },
          { divisionCode: '330106109', year: 2024, residentPopulation: 1, childrenUnder3: 1, source: '旧年份，不应使用' },
        ],
      })
      .expect(200);
  });
  afterAll(async () => stack?.stop());

  const value = (division: { indicators: { key: string; value: number | null }[] }, key: string) => division.indicators.find((i) => i.key === key)?.value;

  it('computes each indicator with its definition for the district and each street', async () => {
    const res = await stack.http.get('/api/v1/indicators?divisionCode=330106&month=2026-12').set(auth(health)).expect(200);
    const [district, ...streets] = res.body.divisions;
    expect(district).toMatchObject({ divisionCode: '330106', level: 'county' });
    expect(streets.length).toBe(12);
    // 150 places of the 4 operating institutions / 100,000 residents × 1000 = 1.5, and beside it the
    // 120 filed places: 1.2; 3 of 4 filed; 20 / 150 普惠; 2 of 3 filed with a health centre; 2 of 12 streets covered.
    expect(value(district, 'placesPer1000')).toBe(1.5);
    expect(value(district, 'placesPer1000Filed')).toBe(1.2);
    expect(value(district, 'filingRate')).toBe(75);
    expect(value(district, 'inclusiveShare')).toBeCloseTo(13.3333, 3);
    expect(value(district, 'healthCentreCoverage')).toBeCloseTo(66.6667, 3);
    expect(value(district, 'streetCoverage')).toBeCloseTo(16.6667, 3);
    expect(value(district, 'streetCoverageFiled')).toBeCloseTo(16.6667, 3);
    for (const i of district.indicators) expect(i.definition.length).toBeGreaterThan(5);

    const sandun = streets.find((s: { divisionCode: string }) => s.divisionCode === '330106109');
    expect(value(sandun, 'placesPer1000')).toBe(2.75); // 110 / 40,000 × 1000
    expect(value(sandun, 'placesPer1000Filed')).toBe(2); // 80 / 40,000 × 1000
    expect(sandun.supply).toMatchObject({
      residentPopulation: 40_000,
      populationYear: 2025,
      places: 110,
      filedPlaces: 80,
      inclusivePlaces: 20,
      targetPlaces: 180,
      gap: 70,
    });
    const cuiyuan = streets.find((s: { divisionCode: string }) => s.divisionCode === '330106004');
    expect(cuiyuan.supply).toMatchObject({ places: 40, residentPopulation: null, gap: null });
    expect(value(cuiyuan, 'placesPer1000')).toBeNull();
  });

  it('counts only what was registered and filed by the end of the month asked for', async () => {
    const res = await stack.http.get('/api/v1/indicators?divisionCode=330106&month=2020-01').set(auth(health)).expect(200);
    expect(res.body.divisions[0].supply.places).toBe(0);
    expect(value(res.body.divisions[0], 'filingRate')).toBeNull();
  });

  it('refuses another district, an operator, and a malformed month', async () => {
    expect(
      (
        await stack.http
          .get('/api/v1/indicators?divisionCode=330106')
          .set(auth(await stack.tokenFor('health.371002')))
          .expect(403)
      ).body.code,
    ).toBe('DIVISION_OUT_OF_SCOPE');
    expect(
      (
        await stack.http
          .get('/api/v1/indicators?divisionCode=330106')
          .set(auth(await stack.tokenFor('operator.demo')))
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await stack.http.get('/api/v1/indicators?divisionCode=330106&month=2026-13').set(auth(health)).expect(400)).body.details[0].field).toBe('month');
  });
});
