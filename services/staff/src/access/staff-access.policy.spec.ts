import type { Actor } from '@shanyu/common';
import { DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { StaffAccessPolicy } from './staff-access.policy.js';

const policy = new StaffAccessPolicy();
const actor = (department: Actor['department'], divisions = ['330106'], userId = 'u1'): Actor => ({
  department,
  role: department === 'operator' ? 'operator' : 'official',
  userId,
  divisions,
});
const institution = { divisionCode: '330106109', ownerUserId: 'owner-1' };
const outcome = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('who may do what with staff records', () => {
  it('the owning operator and health (in scope) write; others may not', () => {
    expect(outcome(() => policy.assertCanWrite(actor('operator', [], 'owner-1'), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanWrite(actor('operator', ['330106'], 'owner-2'), institution))).toBe('NOT_OWN_INSTITUTION');
    expect(outcome(() => policy.assertCanWrite(actor('operator', [], 'x'), { ...institution, ownerUserId: null }))).toBe('NOT_OWN_INSTITUTION');
    expect(outcome(() => policy.assertCanWrite(actor('health'), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanWrite(actor('health', ['371002']), institution))).toBe('DIVISION_OUT_OF_SCOPE');
    for (const d of ['market', 'police', 'fire', 'street'] as const)
      expect(outcome(() => policy.assertCanWrite(actor(d), institution))).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(outcome(() => policy.assertCanWrite(actor('admin', []), institution))).toBe('allowed');
  });

  it('public security records re-checks in its divisions', () => {
    expect(outcome(() => policy.assertCanRecordRecheck(actor('police'), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanRecordRecheck(actor('police', ['371002']), institution))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(outcome(() => policy.assertCanRecordRecheck(actor('market'), institution))).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('supervising departments read in scope; fire and finance do not read staff data', () => {
    for (const d of ['health', 'police', 'education', 'hrss', 'civil', 'market'] as const)
      expect(outcome(() => policy.assertCanRead(actor(d), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanRead(actor('street', ['330106109']), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanRead(actor('street', ['330106004']), institution))).toBe('DIVISION_OUT_OF_SCOPE');
    for (const d of ['fire', 'finance'] as const) expect(outcome(() => policy.assertCanRead(actor(d), institution))).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('only public security and health manage bans; only public security enters record checks', () => {
    for (const d of ['police', 'health', 'admin'] as const) expect(outcome(() => policy.assertCanManageBans(actor(d)))).toBe('allowed');
    for (const d of ['market', 'civil', 'operator', 'education', 'street'] as const)
      expect(outcome(() => policy.assertCanManageBans(actor(d)))).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(outcome(() => policy.assertCanEnterRecordCheck(actor('police')))).toBe('allowed');
    expect(outcome(() => policy.assertCanEnterRecordCheck(actor('health')))).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('full ID numbers: public security in replies, health by the audited reveal, nobody else', () => {
    expect(policy.seesFullIdNumbers(actor('police'))).toBe(true);
    for (const d of ['health', 'admin', 'operator', 'market'] as const) expect(policy.seesFullIdNumbers(actor(d))).toBe(false);
    expect(outcome(() => policy.assertCanReveal(actor('health'), institution))).toBe('allowed');
    expect(outcome(() => policy.assertCanReveal(actor('admin', []), institution))).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(outcome(() => policy.assertCanReveal(actor('operator', [], 'owner-1'), institution))).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('division statistics: departments in scope, not operators', () => {
    expect(outcome(() => policy.assertCanReadDivision(actor('health'), '330106'))).toBe('allowed');
    expect(outcome(() => policy.assertCanReadDivision(actor('operator'), '330106'))).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(outcome(() => policy.assertCanReadDivision(actor('health', ['330106']), '33'))).toBe('DIVISION_OUT_OF_SCOPE');
  });
});
