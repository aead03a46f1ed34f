import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_NAMES,
  departmentName,
  departmentNotAllowed,
  divisionOutOfScope,
  inspectorNotAssigned,
  notOwnInstitution,
  roleNotAllowed,
} from './access.js';
import { DEPARTMENTS } from './actor.js';
import { kindOf } from './errors.js';

describe('access refusals', () => {
  it('name every department in Chinese, never by its code', () => {
    for (const d of DEPARTMENTS) expect(DEPARTMENT_NAMES[d], d).toMatch(/^[^a-z]+$/);
    expect(departmentName('fire')).toBe('消防救援机构');
    expect(departmentNotAllowed({ department: 'fire' }, '审核备案', ['health']).message).toBe('消防救援机构无权审核备案（仅限卫生健康部门）');
  });

  it('carry one code per rule, each a 403', () => {
    const refusals = [
      departmentNotAllowed({ department: 'fire' }, 'x'),
      roleNotAllowed('x'),
      divisionOutOfScope('371002'),
      notOwnInstitution('小太阳托育园'),
      inspectorNotAssigned(),
    ];
    expect(refusals.map((e) => e.code)).toEqual([
      'DEPARTMENT_NOT_ALLOWED',
      'ROLE_NOT_ALLOWED',
      'DIVISION_OUT_OF_SCOPE',
      'NOT_OWN_INSTITUTION',
      'INSPECTOR_NOT_ASSIGNED',
    ]);
    for (const e of refusals) expect(kindOf(e.code)).toBe('FORBIDDEN');
  });

  it('are the only refusals the services and libraries throw: no bare FORBIDDEN, no department code in a refusal', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const sources = ['services', 'libs'].flatMap((top) => walk(path.join(root, top)));
    const offenders = sources.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /DomainError\('FORBIDDEN'/.test(text) || /\$\{[^}]*department\}[^`]*无权/.test(text);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '__lint_fixtures__'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts') ? [full] : [];
  });
}
