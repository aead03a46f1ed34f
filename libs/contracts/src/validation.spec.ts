import 'reflect-metadata';
import { DomainError } from '@shanyu/common';
import { IsInt, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { RegisterInstitutionRequest } from './registry/institution.contracts.js';
import { AddStaffBody, ImportStaffRequest } from './staff/staff.contracts.js';
import { validateContract } from './validation.js';

const valid = {
  name: '小星星托育园',
  uscc: '91350100M000100Y43',
  nature: 'for_profit',
  operatorType: 'private',
  careForms: ['full_day'],
  divisionCode: '330106109',
  address: '三墩镇 1 号',
  floor: 1,
  buildingAreaM2: 300,
  outdoorAreaM2: 60,
  places: { infant: 0, toddler: 15, older: 20, mixed: 0 },
};

async function problems(body: unknown) {
  try {
    await validateContract(RegisterInstitutionRequest, body);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION');
    return (e as DomainError).details ?? [];
  }
}

describe('contract validation', () => {
  it('validates a nested row the request made an instance of without copying it, as strictly as a plain body', async () => {
    const request = await validateContract(ImportStaffRequest, {
      institutionId: '00000000-0000-4000-8000-000000000001',
      rows: [
        { rowNumber: 2, staff: { name: '王丽', idNumber: '11010519491231002X', role: 'carer', startDate: '2026-03-01' } },
        { rowNumber: 3, staff: { name: '王丽', idNumber: '11010519491231002X', role: '园丁', startDate: '2026-03-01', extra: 1 } },
      ],
    });
    const [good, bad] = request.rows.map((r) => r.staff);
    expect(good).toBeInstanceOf(AddStaffBody);
    expect(await validateContract(AddStaffBody, good)).toBe(good);
    expect(good).toMatchObject({ employmentType: 'full_time' }); // the default, as for a plain body
    const refused = await validateContract(AddStaffBody, bad).catch((e: DomainError) => e.details?.map((d) => `${d.field}:${d.code}`));
    expect(refused).toEqual(['extra:whitelistValidation', 'role:isIn']);
  });

  it('sees constraints declared after a class was first validated (a subclass defined later)', async () => {
    class Base {
      @IsString()
      name!: string;
    }
    await expect(validateContract(Base, { name: 'a' })).resolves.toBeInstanceOf(Base);
    class Later extends Base {
      @IsInt()
      count!: number;
    }
    await expect(validateContract(Later, { name: 'a', count: 1 })).resolves.toBeInstanceOf(Later);
    const refused = await validateContract(Later, { name: 1, count: 'x' }).catch((e: DomainError) => e.details?.map((d) => d.field));
    expect(refused?.sort()).toEqual(['count', 'name']);
    await expect(validateContract(Base, { name: 'a', count: 1 })).rejects.toThrow(DomainError); // not Base's field
    IsInt()(Base.prototype, 'count'); // a constraint registered on a class already validated
    await expect(validateContract(Base, { name: 'a', count: 1 })).resolves.toBeInstanceOf(Base);
  });

  it('accepts a valid body and returns an instance of the class', async () => {
    const instance = await validateContract(RegisterInstitutionRequest, valid);
    expect(instance).toBeInstanceOf(RegisterInstitutionRequest);
  });

  it('names the allowed values of a closed list', async () => {
    expect(await problems({ ...valid, nature: 'charity' })).toEqual([
      { field: 'nature', code: 'isIn', message: expect.stringMatching(/^应为以下之一：.*for_profit/) },
    ]);
  });

  it('reports a missing field once, as required', async () => {
    const { floor: _f, ...body } = valid;
    expect(await problems(body)).toEqual([{ field: 'floor', code: 'isDefined', message: '必填' }]);
  });

  it('reports a wrong type once, not its range checks too', async () => {
    expect(await problems({ ...valid, floor: 'one' })).toEqual([{ field: 'floor', code: 'isInt', message: '必须是整数' }]);
  });

  it('states the limit in range messages', async () => {
    expect(await problems({ ...valid, floor: 61 })).toEqual([{ field: 'floor', code: 'max', message: '不能大于 60' }]);
    expect(await problems({ ...valid, buildingAreaM2: 200_000 })).toEqual([{ field: 'buildingAreaM2', code: 'max', message: '不能大于 100000' }]);
  });

  it('names nested fields with a dotted path and refuses unknown fields', async () => {
    const found = await problems({ ...valid, places: { ...valid.places, older: 2.5, extra: 1 }, colour: 'red' });
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'colour', code: 'whitelistValidation', message: '不允许的字段' },
        { field: 'places.older', code: 'isInt', message: '必须是整数' },
        { field: 'places.extra', code: 'whitelistValidation', message: '不允许的字段' },
      ]),
    );
  });

  it('refuses a body that is not an object', async () => {
    for (const body of [null, 'text', [valid], 42]) {
      expect((await problems(body))[0]).toMatchObject({ field: '(body)', code: 'isObject' });
    }
  });

  it('requires the places object itself, not only valid fields inside it (a hole the bad-input fuzzing found)', async () => {
    const { places: _omit, ...withoutPlaces } = valid;
    expect(await problems(withoutPlaces)).toEqual([{ field: 'places', code: 'isDefined', message: '必填' }]);
  });
});
