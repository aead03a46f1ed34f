import { describe, expect, it } from 'vitest';
import { loadStaffRules } from '../rules/staff-rules.js';
import { complianceOf, rate } from './compliance.js';
import { computeRatios } from './ratios.js';

const rules = loadStaffRules().for('000000', '2026-06-15');
const places = (children: number) => ({ children, source: 'registered_places' as const });

describe('carer-to-child ratios (国卫人口发〔2019〕58号)', () => {
  it('needs ceil(children / children per carer) carers per class type', () => {
    const ratios = computeRatios(
      rules,
      { infant: places(10), toddler: places(15), older: places(20), mixed: places(18) },
      { infant: 4, toddler: 3, older: 2, mixed: 4 },
    );
    expect(ratios.map((r) => [r.classType, r.requiredCarers, r.breached])).toEqual([
      ['infant', 4, false],
      ['toddler', 3, false],
      ['older', 3, true],
      ['mixed', 4, false],
    ]);
  });

  it('judges exactly at the ratio: 1:3 with 6 infants needs 2, with 7 needs 3', () => {
    expect(computeRatios(rules, { infant: places(6) }, { infant: 2 })[0]!.breached).toBe(false);
    expect(computeRatios(rules, { infant: places(7) }, { infant: 2 })[0]).toMatchObject({ requiredCarers: 3, breached: true });
  });

  it('leaves out class types with neither children nor carers, keeps carers without children', () => {
    const ratios = computeRatios(rules, { toddler: { children: 5, source: 'roster' } }, { older: 1 });
    expect(ratios.map((r) => [r.classType, r.enrolmentSource, r.breached])).toEqual([
      ['toddler', 'roster', true],
      ['older', 'registered_places', false],
    ]);
  });
});

describe('family childcare points (家庭托育点管理办法（试行）): one carer per 3 children, whatever the class', () => {
  it('judges a family point by 1:3 where the class ratio is looser, and the same children elsewhere by the class ratio', () => {
    const enrolment = { toddler: places(5) };
    const family = computeRatios(rules, enrolment, { toddler: 1 }, 'family')[0]!;
    expect(family).toMatchObject({ childrenPerCarer: 3, requiredCarers: 2, breached: true });
    expect(family.source).toContain('家庭托育点管理办法（试行）');
    expect(computeRatios(rules, enrolment, { toddler: 1 }, 'private')[0]).toMatchObject({ childrenPerCarer: 5, requiredCarers: 1, breached: false });
    expect(computeRatios(rules, enrolment, { toddler: 2 }, 'family')[0]!.breached).toBe(false);
  });

  it('keeps the class ratio where it is the stricter one, and has no family ratio before the measures took effect', () => {
    expect(computeRatios(rules, { infant: places(3) }, { infant: 1 }, 'family')[0]).toMatchObject({ childrenPerCarer: 3, breached: false });
    expect(rules.familyPointRatio).toMatchObject({ childrenPerCarer: 3 });
    expect(loadStaffRules().for('000000', '2023-11-13').familyPointRatio).toBeNull();
  });
});

describe('credentials a role needs (持证上岗)', () => {
  const on = '2026-06-15';
  it('a carer needs 保育师 or 育婴员, and a health certificate valid on the day', () => {
    expect(complianceOf(rules, 'carer', [], on)).toEqual({
      needsQualification: true,
      qualified: false,
      needsHealthCertificate: true,
      healthCertified: false,
      missing: ['childcare_worker|infant_carer', 'health_certificate'],
    });
    const held = [
      { type: 'infant_carer' as const, issuedOn: '2020-01-01', expiresOn: null },
      { type: 'health_certificate' as const, issuedOn: '2025-06-15', expiresOn: '2026-06-15' },
    ];
    expect(complianceOf(rules, 'carer', held, on)).toMatchObject({ qualified: true, healthCertified: true, missing: [] });
    expect(complianceOf(rules, 'carer', held, '2026-06-16')).toMatchObject({ qualified: true, healthCertified: false, missing: ['health_certificate'] });
  });

  it('a cook needs a food-handler health certificate and counts in no qualification rate; an investor needs nothing', () => {
    expect(complianceOf(rules, 'cook', [], on)).toMatchObject({
      needsQualification: false,
      needsHealthCertificate: true,
      missing: ['food_handler_health_certificate'],
    });
    expect(complianceOf(rules, 'investor', [], on)).toMatchObject({ needsQualification: false, needsHealthCertificate: false, missing: [] });
  });

  it('a certificate issued later than the day does not count yet', () => {
    expect(complianceOf(rules, 'teacher', [{ type: 'teacher_qualification', issuedOn: '2026-07-01', expiresOn: null }], on).qualified).toBe(false);
  });

  it('rates have 4 decimals and are null with nobody counted', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
  });
});
