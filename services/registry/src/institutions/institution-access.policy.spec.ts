import { type Actor, DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { InstitutionAccessPolicy } from './institution-access.policy.js';

const policy = new InstitutionAccessPolicy();
const actor = (department: Actor['department'], divisions = ['330106'], userId = 'u1'): Actor => ({
  department,
  role: department === 'operator' ? 'operator' : 'official',
  userId,
  divisions,
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('who may register an institution (西政办函〔2021〕15号 §二(四)1)', () => {
  it.each([
    ['market', 'for_profit', 'allowed'],
    ['market', 'non_profit', 'DEPARTMENT_NOT_ALLOWED'],
    ['civil', 'non_profit', 'allowed'],
    ['civil', 'for_profit', 'DEPARTMENT_NOT_ALLOWED'],
    ['health', 'for_profit', 'DEPARTMENT_NOT_ALLOWED'],
    ['fire', 'non_profit', 'DEPARTMENT_NOT_ALLOWED'],
    ['operator', 'for_profit', 'allowed'],
    ['admin', 'non_profit', 'allowed'],
  ] as const)('%s registering a %s institution: %s', (department, nature, expected) => {
    expect(codeOf(() => policy.assertCanRegister(actor(department), nature, '330106109'))).toBe(expected);
  });

  it("refuses a division outside the account's scope, and accepts a street inside its county", () => {
    expect(codeOf(() => policy.assertCanRegister(actor('market', ['371002']), 'for_profit', '330106109'))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(codeOf(() => policy.assertCanRegister(actor('market', ['330106']), 'for_profit', '330106109'))).toBe('allowed');
    expect(codeOf(() => policy.assertCanRegister(actor('market', ['330106109']), 'for_profit', '330106004'))).toBe('DIVISION_OUT_OF_SCOPE');
  });
});

describe('who may read and change', () => {
  const institution = { nature: 'for_profit' as const, divisionCode: '330106109', ownerUserId: 'owner-1' };

  it('every supervising department reads inside its divisions, not outside', () => {
    for (const d of ['health', 'fire', 'police', 'education', 'hrss', 'finance'] as const) {
      expect(codeOf(() => policy.assertCanRead(actor(d), institution))).toBe('allowed');
      expect(codeOf(() => policy.assertCanRead(actor(d, ['371002']), institution))).toBe('DIVISION_OUT_OF_SCOPE');
    }
    expect(codeOf(() => policy.assertCanRead(actor('street', ['330106109']), institution))).toBe('allowed');
    expect(codeOf(() => policy.assertCanRead(actor('street', ['330106004']), institution))).toBe('DIVISION_OUT_OF_SCOPE');
  });

  it('an operator reads and changes only what it registered', () => {
    expect(codeOf(() => policy.assertCanRead(actor('operator', [], 'owner-1'), institution))).toBe('allowed');
    expect(codeOf(() => policy.assertCanRead(actor('operator', [], 'owner-2'), institution))).toBe('NOT_OWN_INSTITUTION');
    expect(codeOf(() => policy.assertCanChange(actor('operator', [], 'owner-2'), institution))).toBe('NOT_OWN_INSTITUTION');
  });

  it('moving an institution needs scope over the new division too', () => {
    expect(codeOf(() => policy.assertCanChange(actor('market', ['330106']), institution, '371002001'))).toBe('DIVISION_OUT_OF_SCOPE');
    expect(codeOf(() => policy.assertCanChange(actor('market', ['330106']), institution, '330106004'))).toBe('allowed');
  });

  it('errors are DomainErrors with Chinese messages', () => {
    try {
      policy.assertCanRegister(actor('health'), 'for_profit', '330106109');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toBe('卫生健康部门无权登记或变更营利性托育机构（仅限市场监督管理部门）');
    }
  });
});
