// A department's own system, written only from the published subject list (AsyncAPI): plain
// nats.js, no Nest, no @shanyu packages — subjects, headers and JSON shapes as documented.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { ActorTokenSigner } from '@shanyu/common';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { compliantFilingSubmission, institutionRequest, testStackSecrets, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support.js';

const actor = { department: 'market', divisions: ['330106'] };
const healthBureau = { department: 'health', divisions: ['330106'] };
const marketElsewhere = { department: 'market', divisions: ['371002'] };
const healthElsewhere = { department: 'health', divisions: ['371002'] };

// Identity tokens as a department system gets them (POST /api/v1/auth/nats-token), filled in beforeAll.
const identityOf = new Map<object, string>();

function call(nc: NatsConnection, subject: string, body: unknown, who: object | null = actor, extra: Record<string, string> = {}) {
  const h = headers();
  if (who) h.set('shanyu-identity', identityOf.get(who)!);
  for (const [key, value] of Object.entries(extra)) h.set(key, value);
  h.set('shanyu-request-id', randomUUID());
  return nc.request(subject, typeof body === 'string' ? body : JSON.stringify(body), { timeout: 5_000, headers: h }).then((m) => m.json<any>());
}

describe('registry over NATS from a raw nats.js client', () => {
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack();
    nc = await connect({ servers: testNatsUrl() });
    for (const who of [actor, healthBureau, marketElsewhere, healthElsewhere]) identityOf.set(who, await stack.identityTokenFor(who.department, who.divisions));
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

  it('refuses a call without an identity token, even one that writes its own actor header', async () => {
    expect(await call(nc, 'registry.institution.register', institutionRequest(), null)).toMatchObject({ ok: false, error: { code: 'IDENTITY_MISSING' } });
    const selfWritten = { 'shanyu-actor': JSON.stringify({ department: 'health', role: 'admin', userId: 'x', divisions: ['330106'] }) };
    expect(await call(nc, 'registry.institution.list', {}, null, selfWritten)).toMatchObject({ ok: false, error: { code: 'IDENTITY_MISSING' } });
  });

  it('refuses a forged, altered or expired identity token', async () => {
    const real = identityOf.get(actor)!;
    const [header, payload, signature] = real.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, dept: 'health', role: 'admin', div: ['371002'] })).toString('base64url')}.${signature}`;
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const forge = (c: object) => {
      const input = `${header}.${Buffer.from(JSON.stringify(c)).toString('base64url')}`;
      return `${input}.${sign(null, Buffer.from(input), otherKey).toString('base64url')}`;
    };
    const send = (token: string) => call(nc, 'registry.institution.list', {}, null, { 'shanyu-identity': token });
    expect((await send(altered)).error.code).toBe('IDENTITY_INVALID');
    expect((await send(forge({ ...claims, dept: 'health', role: 'admin' }))).error.code).toBe('IDENTITY_INVALID');
    expect((await send('not-a-token')).error.code).toBe('IDENTITY_INVALID');
    const keys = testStackSecrets();
    const expired = new ActorTokenSigner(keys.IDENTITY_SIGNING_KEY, 60, () => Date.now() - 3_600_000).tokenFor({
      department: 'market',
      role: 'system',
      userId: 'client:x',
      divisions: ['330106'],
    }).token;
    expect((await send(expired)).error.code).toBe('IDENTITY_EXPIRED');
    // The same request with the real token goes through: the refusals above are the token's.
    expect((await send(real)).ok).toBe(true);
  });

  it('takes department and divisions from the token: what a client may not do, it cannot do by saying otherwise', async () => {
    const asHealthAdmin = { 'shanyu-actor': JSON.stringify({ department: 'health', role: 'admin', userId: 'x', divisions: ['330106'] }) };
    const ours = await call(nc, 'registry.institution.register', institutionRequest());
    expect(ours.ok).toBe(true);
    const seen = await call(nc, 'registry.institution.get', { id: ours.data.id }, marketElsewhere, asHealthAdmin);
    expect(seen).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(DIVISION_OUT_OF_SCOPE|INSTITUTION_NOT_FOUND)$/) } });
    expect((await call(nc, 'registry.institution.get', { id: ours.data.id })).ok).toBe(true);
  });

  it('carries domain errors with their codes (duplicate USCC, out of scope)', async () => {
    const body = institutionRequest();
    expect((await call(nc, 'registry.institution.register', body)).ok).toBe(true);
    expect((await call(nc, 'registry.institution.register', body)).error.code).toBe('INSTITUTION_USCC_TAKEN');
    const elsewhere = await call(nc, 'registry.institution.register', institutionRequest(), marketElsewhere);
    expect(elsewhere.error.code).toBe('DIVISION_OUT_OF_SCOPE');
  });

  it('follows evt.registry.institution.registered.v1 on stream EVENTS, eventId = Nats-Msg-Id', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const durable = `dept-system-${randomUUID().slice(0, 8)}`;
    await jsm.consumers.add('EVENTS', {
      durable_name: durable,
      filter_subject: 'evt.registry.institution.registered.v1',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
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
        if (e.entityId === created.data.id) {
          event = e;
          msgId = m.headers?.get('Nats-Msg-Id');
        }
        m.ack();
      }
    }
    expect(event).toMatchObject({
      subject: 'evt.registry.institution.registered.v1',
      entityId: created.data.id,
      actor: { department: 'market', role: 'system', userId: expect.stringMatching(/^client:market-330106-/) },
      data: { institution: { uscc: body.uscc } },
    });
    expect(event.eventId).toBe(msgId);
    await jsm.consumers.delete('EVENTS', durable);
  });

  it('files an institution over registry.filing.*: submit, refusals with their codes, decide, receipt, public verify and list', async () => {
    const body = institutionRequest();
    const institution = (await call(nc, 'registry.institution.register', body)).data;
    const submitted = await call(nc, 'registry.filing.submit', { institutionId: institution.id, ...compliantFilingSubmission() });
    expect(submitted.ok).toBe(true);
    expect(submitted.data).toMatchObject({
      institutionId: institution.id,
      status: 'submitted',
      receiptNo: null,
      check: { summary: { fail: 0, needs_review: 0 } },
    });
    const filingId: string = submitted.data.id;
    expect((await call(nc, 'registry.filing.submit', { institutionId: institution.id, ...compliantFilingSubmission() })).error.code).toBe(
      'FILING_ALREADY_SUBMITTED',
    );
    const malformed = await call(nc, 'registry.filing.submit', {
      institutionId: institution.id,
      surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 'ninety' },
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [expect.objectContaining({ field: 'surveillance.retentionDays' })] } });

    // Refusals change nothing: only the district health bureau decides, and only a submitted filing.
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' })).error.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' }, healthElsewhere)).error.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'perhaps' }, healthBureau)).error).toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ field: 'decision' })],
    });
    expect((await call(nc, 'registry.filing.decide', { id: randomUUID(), decision: 'approve' }, healthBureau)).error.code).toBe('FILING_NOT_FOUND');
    expect((await call(nc, 'registry.filing.receipt', { id: filingId })).error.code).toBe('FILING_NOT_APPROVED');
    expect((await call(nc, 'registry.filing.get', { id: filingId })).data.status).toBe('submitted');

    const approved = await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve', comment: '材料齐全' }, healthBureau);
    expect(approved.data).toMatchObject({ status: 'approved', receiptNo: expect.stringMatching(/^330106-\d{4}-\d{4}$/) });
    const receiptNo: string = approved.data.receiptNo;
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'approve' }, healthBureau)).data.receiptNo).toBe(receiptNo);
    expect((await call(nc, 'registry.filing.decide', { id: filingId, decision: 'reject', reasons: [{ text: '改主意了' }] }, healthBureau)).error.code).toBe(
      'FILING_NOT_SUBMITTED',
    );

    const receipt = await call(nc, 'registry.filing.receipt', { id: filingId });
    expect(receipt.data).toMatchObject({
      receiptNo,
      filingId,
      institutionId: institution.id,
      institutionName: body.name,
      issuingBureau: '西湖区卫生健康局',
      status: 'valid',
    });

    // The public subjects need no caller identity.
    const verified = await call(nc, 'registry.public.receipt.verify', { receiptNo }, null);
    expect(verified.data).toMatchObject({ receiptNo, genuine: true, current: true, receipt: { institutionName: body.name } });
    expect(verified.data.receipt.uscc).toBeUndefined();
    expect((await call(nc, 'registry.public.receipt.verify', { receiptNo: '330106-2026-9999' }, null)).data).toMatchObject({
      genuine: false,
      current: false,
      receipt: null,
    });
    const listed = await call(nc, 'registry.public.institution.list', { q: body.name }, null);
    expect(listed.data.items).toEqual([expect.objectContaining({ id: institution.id, receiptNo })]);
    expect(listed.data.items[0]).not.toHaveProperty('uscc');
  });

  it('replies within the deadline on an unknown subject: no responders', async () => {
    await expect(call(nc, 'registry.institution.explode', {})).rejects.toThrow();
  });
});
