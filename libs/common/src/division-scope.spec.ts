import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { actorCoversDivision, divisionPrefix, scopePrefixes, withinDivision } from './division-scope.js';

const actor = (divisions: string[], department: Actor['department'] = 'health'): Actor => ({ department, role: 'official', userId: 'u', divisions });

describe('division scope (GB/T 2260 codes are hierarchical by position)', () => {
  it('derives the prefix shared by everything inside a division', () => {
    expect(divisionPrefix('330000')).toBe('33');
    expect(divisionPrefix('330100')).toBe('3301');
    expect(divisionPrefix('330106')).toBe('330106');
    expect(divisionPrefix('330106109')).toBe('330106109');
  });

  it('places streets inside their county, city and province only', () => {
    expect(withinDivision('330106', '330106109')).toBe(true);
    expect(withinDivision('330100', '330106109')).toBe(true);
    expect(withinDivision('330000', '330106')).toBe(true);
    expect(withinDivision('330106', '330105001')).toBe(false);
    expect(withinDivision('330106109', '330106004')).toBe(false);
  });

  it('lets admins act everywhere and others only inside their divisions', () => {
    expect(actorCoversDivision(actor([], 'admin'), '371002001')).toBe(true);
    expect(actorCoversDivision(actor(['330106', '371002']), '371002001')).toBe(true);
    expect(actorCoversDivision(actor(['330106']), '371002001')).toBe(false);
    expect(actorCoversDivision(actor([]), '330106109')).toBe(false);
    expect(scopePrefixes(actor([], 'admin'))).toBeNull();
    expect(scopePrefixes(actor(['330100', '371002']))).toEqual(['3301', '371002']);
  });
});
