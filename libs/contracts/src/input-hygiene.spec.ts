import { describe, expect, it } from 'vitest';
import { inputHygieneProblems, MAX_INPUT_DEPTH } from './input-hygiene.js';
import { RegisterInstitutionRequest } from './registry/institution.contracts.js';
import { validateContract } from './validation.js';

const institution = () => ({ name: '小星星托育园' });

describe('input hygiene: what no contract class can express', () => {
  it('names a field holding a NUL character or a lone surrogate (PostgreSQL cannot store either)', () => {
    expect(inputHygieneProblems({ name: 'a\u0000b', places: { note: 'x\ud800y' }, ok: '好🙂' })).toEqual([
      { field: 'name', code: 'noNulCharacter', message: '不能包含空字符 (U+0000)' },
      { field: 'places.note', code: 'wellFormedText', message: '包含无效的 Unicode 字符' },
    ]);
    expect(inputHygieneProblems({ rows: [{ source: 'ok' }, { source: '\udc00' }] })).toEqual([
      expect.objectContaining({ field: 'rows.1.source', code: 'wellFormedText' }),
    ]);
    expect(inputHygieneProblems({ 'a\u0000': 1 })).toEqual([expect.objectContaining({ field: 'a?', code: 'invalidFieldName' })]);
  });

  it('refuses fields named like Object.prototype members, which class-transformer would silently drop', async () => {
    const body = JSON.parse('{"username":"a","__proto__":{"isAdmin":true},"places":{"constructor":{"prototype":1},"toString":"x"},"__defineGetter__":false}');
    expect(inputHygieneProblems(body).map((p) => `${p.field} ${p.code}`)).toEqual([
      '__proto__ whitelistValidation',
      'places.constructor whitelistValidation',
      'places.toString whitelistValidation',
      '__defineGetter__ whitelistValidation',
    ]);
    await expect(validateContract(RegisterInstitutionRequest, { ...institution(), hasOwnProperty: 1 })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'hasOwnProperty' })],
    });
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels without recursing further`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputHygieneProblems({ floor: deep })).toEqual([
      { field: `floor${'.0'.repeat(MAX_INPUT_DEPTH - 1)}`, code: 'maxDepth', message: `嵌套层级不能超过 ${MAX_INPUT_DEPTH} 层` },
    ]);
    let shallow: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 2; i++) shallow = { a: shallow };
    expect(inputHygieneProblems({ b: shallow })).toEqual([]);
  });

  it('is applied by validateContract before the class is built: a 400 naming the field, not a stack overflow', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    await expect(validateContract(RegisterInstitutionRequest, { name: deep })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ code: 'maxDepth' })],
    });
    await expect(validateContract(RegisterInstitutionRequest, { name: '托育\u0000园' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'name', code: 'noNulCharacter', message: '不能包含空字符 (U+0000)' }],
    });
  });
});
