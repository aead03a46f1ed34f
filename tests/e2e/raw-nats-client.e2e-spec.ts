// A department's own system, written only from the published subject list (AsyncAPI): plain
// nats.js, no Nest, no @shanyu packages — subjects, headers and JSON shapes as documented.
import { randomUUID } from 'node:crypto';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { compliantFilingSubmission, institutionRequest, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support.js';

const actor = { department: 'market', role: 'official', userId: 'market-system-01', divisions: ['330106'] };
const healthBureau = { department: 'health', role: 'official', userId: 'health-system-01', divisions: ['330106'] };

function call(nc: NatsConnection, subject: string, body: unknown, who: object | null = actor) {
  const h = headers();
  if (who) h.set('shanyu-actor', JSON.stringify(who));
  h.set('shanyu-request-id', randomUUID());
  return nc.request(subject, typeof body === 'string' ? body : JSON.stringify(body), { timeout: 5_000, headers: h }).then((m) => m.json<any>());
}

describe('registry over NATS from a raw nats.js client', () => {
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack();
    nc = await connect({ servers: testNatsUrl() });
  });
  afterAll(async () => {
    await nc?.drain();
    await stack?.stop();
  });

  it('registers and reads an institution with {ok, data} replies', async () => {
    const body = institutionRequest();
    const created = await call(nc, 'registry.institution.register', body);
    expect(created.ok).toBe(true);
    expect(created.data).toMatchObject({ uscc: body.uscc, status: 'registered', registrationAuthority: 'market' });
    const got = await call(nc, 'registry.institution.get', { id: created.data.id });
    expect(got).toEqual({ ok: true, data: created.data });
    const list = await call(nc, 'registry.institution.list', { q: body.name });
    expect(list.data.items.map((i: { id: string }) => i.id)).toEqual([created.data.id]);
  });

  it('answers a bad body with a VALIDATION error naming the fields', async () => {
    const reply = await call(nc, 'registry.institution.register', institutionRequest({ uscc: '123', floor: 'x' }));
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('VALIDATION');
    expect(reply.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['floor', 'uscc']);
  });

  it('answers non-JSON with a VALIDATION error, not silence', async () => {
    const reply = await call(nc, 'registry.institution.register', 'this is not json');
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a call without the caller identity header', async () => {
    const reply = await call(nc, 'registry.institution.register', institutionRequest(), null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('carries domain errors with their codes (duplicate USCC, out of scope)', async () => {
    const body = institutionRequest();
    expect((await call(nc, 'registry.institution.register', body)).ok).toBe(true);
    expect((await call(nc, 'registry.institution.register', body)).error.code).toBe('INSTITUTION_USCC_TAKEN');
    const elsewhere = await call(nc, 'registry.institution.register', institutionRequest(), { ...actor, divisions: ['371002'] });
    expect(elsewhere.error.code).toBe('DIVISION_OUT_OF_SCOPE');
  });

  it('follows evt.registry.institution.registered.v1 on stream EVENTS, eventId = Nats-Msg-Id', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const durable = `dept-system-${randomUUID().slice(0, 8)}`;
    await jsm.consumers.add('EVENTS', {
      durable_name: durable, filter_subject: 'evt.registry.institution.registered.v1', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New,
    });
    const body = institutionRequest();
    const created = await call(nc, 'registry.institution.register', body);
    const consumer = await js.consumers.get('EVENTS', durable);
    let event: any;
    let msgId: string | undefined;
    for (let i = 0; i < 20 && !event; i++) {
      const batch = await consumer.fetch({ max_messages: 10, expires: 1_000 });
      for await (const m of batch) {
        const e = m.json<any>();
        if (e.entityId === created.data.id) { event = e; msgId = m.headers?.get('Nats-Msg-Id'); }
        m.ack();
      }
    }
    expect(event).toMatchObject({
      subject: 'evt.registry.institution.registered.v1', entityId: created.data.id,
      actor: { department: 'market', userId: 'market-system-01' }, data: { institution: { uscc: body.uscc } },
    });
    expect(event.eventId).toBe(msgId);
    await jsm.consumers.delete('EVENTS', durable);
  });

  it('files an institution over registry.filing.*: submit, refusals with their codes, decide, receipt, public verify and list', async () => {
    const body = institutionRequest();
    const institution = (await call(nc, 'registry.institution.register', body)).data;
    const submitted = await call(nc, 'registry.filing.submit', { institutionId: institution.id, ...compliantFilingSubmission() });
    expect(submitted.ok).toBe(true);
    expect(submitted.data).toMatchObject({ institutionId: institution.id, status: 'submitted', receiptNo: null, check: { summary: { fail: 0, needs_review: 0 } } });
    const filingId: string = submitted.data.id;
    expect((await call(nc, 'registry.filing.submit', { institutionId: institution.id, ...compliantFilingSubmission() })).error.code).toBe('FILING_ALREADY_SUBMITTED');
    const malformed = await call(nc, 'registry.filing.submit', { institutionId: institution.id, surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 'ninety' } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [expect.objectContaining({ field: 'surveillance.retentionDays' })] } });

    // Refusals change nothing: only the district health bureau decides, and only a submitted filing.
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' })).error.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' }, { ...healthBureau, divisions: ['371002'] })).error.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'perhaps' }, healthBureau)).error).toMatchObject({ code: 'VALIDATION', details: [expect.objectContaining({ field: 'decision' })] });
    expect((await call(nc, 'registry.filing.decide', { id: randomUUID(), decision: 'approve' }, healthBureau)).error.code).toBe('FILING_NOT_FOUND');
    expect((await call(nc, 'registry.filing.receipt', { id: filingId })).error.code).toBe('FILING_NOT_APPROVED');
    expect((await call(nc, 'registry.filing.get', { id: filingId })).data.status).toBe('submitted');

    const approved = await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve', comment: '材料齐全' }, healthBureau);
    expect(approved.data).toMatchObject({ status: 'approved', receiptNo: expect.stringMatching(/^330106-\d{4}-\d{4}$/) });
    const receiptNo: string = approved.data.receiptNo;
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' }, healthBureau)).data.receiptNo).toBe(receiptNo);
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'reject', reasons: [{ text: '改主意了' }] }, healthBureau)).error.code).toBe('FILING_NOT_SUBMITTED');

    const receipt = await call(nc, 'registry.filing.receipt', { id: filingId });
    expect(receipt.data).toMatchObject({ receiptNo, filingId, institutionId: institution.id, institutionName: body.name, issuingBureau: '西湖区卫生健康局', status: 'valid' });

    // The public subjects need no caller identity.
    const verified = await call(nc, 'registry.public.receipt.verify', { receiptNo }, null);
    expect(verified.data).toMatchObject({ receiptNo, genuine: true, current: true, receipt: { institutionName: body.name } });
    expect(verified.data.receipt.uscc).toBeUndefined();
    expect((await call(nc, 'registry.public.receipt.verify', { receiptNo: '330106-2026-9999' }, null)).data).toMatchObject({ genuine: false, current: false, receipt: null });
    const listed = await call(nc, 'registry.public.institution.list', { q: body.name }, null);
    expect(listed.data.items).toEqual([expect.objectContaining({ id: institution.id, receiptNo })]);
    expect(listed.data.items[0]).not.toHaveProperty('uscc');
  });

  it('replies within the deadline on an unknown subject: no responders', async () => {
    await expect(call(nc, 'registry.institution.explode', {})).rejects.toThrow();
  });
});
