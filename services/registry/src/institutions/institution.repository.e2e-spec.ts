// InstitutionRepository.byId reads the row with its own statement: the entity it gives must be the
// one TypeORM's findOneBy gives, every column (numeric, date, jsonb, arrays, nulls) alike.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { initializeAndMigrate } from '@shanyu/persistence';
import { randomUscc, testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryDataSource } from '../data-source.js';
import { Institution } from './institution.entity.js';
import { InstitutionRepository } from './institution.repository.js';

describe('InstitutionRepository.byId', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = registryDataSource(testDatabaseUrl(), uniqueSchema('registry_by_id'));
    await initializeAndMigrate(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('gives the entity findOneBy gives', async () => {
    const row = {
      id: randomUUID(),
      name: '测试托育园',
      uscc: randomUscc(),
      nature: 'for_profit',
      operatorType: 'private',
      careForms: ['full_day', 'half_day'],
      divisionCode: '330106001',
      countyCode: '330106',
      address: '杭州市西湖区某路 1 号',
      floor: 2,
      buildingAreaM2: 321.5,
      outdoorAreaM2: 60,
      places: { infant: 10, toddler: 20, older: 30, mixed: 0 },
      status: 'registered',
      registeredOn: '2026-03-01',
      deregisteredOn: null,
      receiptNo: null,
      inclusive: { priceCapFen: 180_000, places: 20 },
      ownerUserId: null,
    };
    await ds.manager.insert(Institution, row as never);
    const repository = new InstitutionRepository(ds.manager);
    const read = await repository.byId(row.id);
    const typeorm = await ds.manager.findOneBy(Institution, { id: row.id });
    expect(read).toBeInstanceOf(Institution);
    expect(read).toEqual(typeorm);
    expect(read!.toView()).toEqual(typeorm!.toView());
    expect(read).toMatchObject({ buildingAreaM2: 321.5, registeredOn: '2026-03-01', careForms: ['full_day', 'half_day'], deregisteredOn: null });
    expect(await repository.byId(randomUUID())).toBeNull();
  });
});
