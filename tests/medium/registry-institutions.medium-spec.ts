// Medium tier: the registry's 登记 use case on its real schema, the outbox read where the use case
// writes it, no NATS. A unified social credit code (统一社会信用代码) is registered once, however many
// registrations of it race: the repository turns the unique index's refusal into the domain's
// INSTITUTION_USCC_TAKEN, and a refused registration leaves no row, event or audit entry behind.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@shanyu/common';
import { type InstitutionView, RegistryEvents, type RegisterInstitutionRequest } from '@shanyu/contracts';
import { InstitutionAccessPolicy, RegisterInstitution, registryDataSource } from '@shanyu/registry';
import { institutionRequest, type MediumSchema, startMediumSchema } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const market: Actor = { department: 'market', role: 'official', userId: `market-${randomUUID()}`, divisions: ['330106'] };
const otherDistrict: Actor = { department: 'market', role: 'official', userId: `market-${randomUUID()}`, divisions: ['330108'] };

describe('登记 on the registry schema (medium: no NATS)', () => {
  let db: MediumSchema;
  let register: RegisterInstitution;

  const rowsWith = async (uscc: string) => ({
    institutions: (await db.sql<{ id: string }>('SELECT id FROM $schema.institution WHERE uscc = $1', [uscc])).map((r) => r.id),
    events: (await db.events<{ institution: InstitutionView }>(RegistryEvents.institutionRegistered)).filter((e) => e.data.institution.uscc === uscc),
    audits: await db.sql("SELECT 1 FROM $schema.audit_log WHERE action = $1 AND after->>'uscc' = $2", ['institution.register', uscc]),
  });

  beforeAll(async () => {
    db = await startMediumSchema(registryDataSource, 'registry');
    register = new RegisterInstitution(db.unitOfWork, new InstitutionAccessPolicy());
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('registers a code once when eight registrations of it race; the others are told it is taken, naming the field', async () => {
    const request = institutionRequest() as unknown as RegisterInstitutionRequest;
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => register.execute({ ...request }, market)));

    const registered = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes
      .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
      .map((o) => o.reason as { code?: string; details?: { field: string }[] });
    expect(registered).toHaveLength(1);
    expect(refused).toHaveLength(7);
    for (const error of refused) {
      expect(error.code).toBe('INSTITUTION_USCC_TAKEN');
      expect(error.details?.[0]?.field).toBe('uscc');
    }
    const rows = await rowsWith(request.uscc);
    expect(rows.institutions).toEqual([(registered[0] as PromiseFulfilledResult<InstitutionView>).value.id]);
    expect(rows.events).toHaveLength(1);
    expect(rows.events[0]!.entityId).toBe(rows.institutions[0]);
    expect(rows.audits).toHaveLength(1);
  });

  it('refuses an official outside the institution’s district before anything is written', async () => {
    const request = institutionRequest() as unknown as RegisterInstitutionRequest;
    await expect(register.execute(request, otherDistrict)).rejects.toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE' });
    expect(await rowsWith(request.uscc)).toEqual({ institutions: [], events: [], audits: [] });
  });
});
