// NATS permissions (issue 9 §4): a nats-server of its own, started with the authorization block
// deploy/nats uses (generated from the contract catalog by natsAuthorization(), no anonymous
// user), proves that a service does its job with its own credentials and that what the
// catalog does not grant is refused by the server: a department system publishing to the
// registry or an event subject, subscribing to the registry's requests, a service eavesdropping
// on other clients' replies, anonymous and wrong-password connections.
// (The shared broker of the other integration tests runs the same permissions for every
// service; only its anonymous test clients act as `admin` there.)
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, PermissionViolationError, RequestError } from '@nats-io/transport-node';
import { ActorTokenSigner, SYSTEM_ACTOR } from '@shanyu/common';
import * as contracts from '@shanyu/contracts';
import { EVENT_STREAM, natsInboxPrefix, RegistrySubjects } from '@shanyu/contracts';
import { connectNats, RpcClient } from '@shanyu/messaging';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { type RunningStaff, startStaff } from '@shanyu/staff';
import { institutionRequest, testActor, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startNats, type NatsHandle } from '../../deploy/local/infra.mjs';
import { writeNatsAuth } from '../../deploy/local/nats-auth.mjs';
import { eventually } from './events-support.js';

let dir: string;
let server: NatsHandle;
let url: string;
let passwords: Record<string, string>;
let registry: RunningRegistry;
let staff: RunningStaff;
const clients: NatsConnection[] = [];

async function as(user: string): Promise<NatsConnection> {
  const nc = await connect({ servers: url, user, pass: passwords[user], inboxPrefix: natsInboxPrefix(user), name: `perm-${user}` });
  clients.push(nc);
  return nc;
}

/** The first permissions violation the server reports on this connection (the status iterator), within 3 s. */
async function nextViolation(nc: NatsConnection, act: () => void): Promise<PermissionViolationError> {
  const status = nc.status();
  const seen = (async () => {
    for await (const s of status) {
      if (s.type === 'error' && s.error instanceof PermissionViolationError) return s.error;
    }
    throw new Error('status iterator ended');
  })();
  act();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no permissions violation reported within 3 s')), 3_000));
  try {
    return await Promise.race([seen, timeout]);
  } finally {
    status.stop();
  }
}

/** A request the server refused: nats.js v3 rejects it at once with a RequestError whose cause is the violation (no timeout). */
async function refusal(request: Promise<unknown>): Promise<PermissionViolationError> {
  const error = await request.then(() => { throw new Error('the request was not refused'); }, (e: unknown) => e);
  expect(error).toBeInstanceOf(RequestError);
  const cause = (error as RequestError).cause;
  expect(cause).toBeInstanceOf(PermissionViolationError);
  return cause as PermissionViolationError;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-nats-permissions-'));
  // Exactly what deploy/nats and the local stack run: every service, department system and admin, no anonymous user.
  const auth = writeNatsAuth({ dir, contracts });
  passwords = auth.passwords;
  server = await startNats({ storeDir: path.join(dir, 'jetstream'), port: await findFreePort(), configFile: auth.configFile, logFile: path.join(dir, 'nats.log') });
  url = server.url;
  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: url, ...testStackSecrets(), LOG_LEVEL: 'warn' as const, RPC_TIMEOUT_MS: 5_000, SHANYU_MODE: 'test' as const };
  registry = await startRegistry({ ...base, REGISTRY_DB_SCHEMA: uniqueSchema('registry'), NATS_USER: 'registry', NATS_PASSWORD: passwords.registry });
  staff = await startStaff({ ...base, STAFF_DB_SCHEMA: uniqueSchema('staff'), STAFF_REMINDER_INTERVAL_MS: 0, NATS_USER: 'staff', NATS_PASSWORD: passwords.staff });
});

afterAll(async () => {
  for (const nc of clients) await nc.close().catch(() => undefined);
  await staff?.stop();
  await registry?.stop();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('NATS permissions generated from the contract catalog', () => {
  it('lets each service do its job with its own credentials: RPC, event publish, durable consume', async () => {
    const gateway = await connectNats(url, 'perm-gateway', { user: 'gateway', password: passwords.gateway });
    clients.push(gateway);
    const rpc = new RpcClient(gateway, 5_000, 'gateway', new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY));
    const before = staff.institutionEvents.processedCount;
    // gateway → registry.institution.register (request + allow_responses reply on _INBOX.gateway.…)
    const institution = await rpc.request<{ id: string }>(RegistrySubjects.registerInstitution, institutionRequest(), { actor: testActor() });
    expect(institution.id).toBeTruthy();
    const ping = await rpc.request<{ service: string }>(RegistrySubjects.ping, {}, { actor: SYSTEM_ACTOR });
    expect(ping.service).toBe('registry');
    // A subject outside the catalog is refused by the broker at once, and named in the error.
    await expect(rpc.request('registry.not-in-the-catalog', {}, { actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      code: 'INTERNAL', message: expect.stringContaining('registry.not-in-the-catalog'),
    });
    // registry's relay published evt.registry.institution.registered.v1; staff's durable consumer took it.
    await eventually('staff consumed the registry event', async () => staff.institutionEvents.processedCount > before);
    expect(await registry.runtime.relay.backlog()).toBe(0);
  });

  it('refuses anonymous and wrong-password connections', async () => {
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: url, user: 'dept-fire', pass: 'not-the-password', reconnect: false })).rejects.toThrow(/authorization/i);
  });

  it('lets the fire department system read the fire items and follow inspection events', async () => {
    const fire = await as('dept-fire');
    // An allowed read with nothing answering is "no responders", not a permissions violation.
    await expect(fire.request(contracts.InspectionSubjects.listChecklists, '{}', { timeout: 2_000 })).rejects.toThrow(/no responders|503/i);
    const sub = fire.subscribe('evt.inspection.>', { max: 1 });
    await fire.flush();
    const admin = await as('admin');
    admin.publish('evt.inspection.finding.recorded.v1', '{"probe":true}');
    for await (const m of sub) expect(m.json()).toEqual({ probe: true });
    // A JetStream consumer on EVENTS filtered to inspection events is allowed …
    const jsm = await jetstreamManager(fire, { checkAPI: false });
    const created = await jsm.consumers.add(EVENT_STREAM, { name: 'dept-fire-probe', filter_subject: 'evt.inspection.>', ack_policy: AckPolicy.Explicit, inactive_threshold: 60_000_000_000 });
    expect(created.name).toBe('dept-fire-probe');
    const consumer = await jetstream(fire).consumers.get(EVENT_STREAM, 'dept-fire-probe');
    expect((await consumer.info()).config.filter_subject).toBe('evt.inspection.>');
    // … one on registry events is not (the filter is part of the create subject the permission names).
    await expect(jsm.consumers.add(EVENT_STREAM, { name: 'dept-fire-spy', filter_subject: 'evt.registry.>', ack_policy: AckPolicy.Explicit })).rejects.toThrow(/permission/i);
  });

  it('refuses a department system publishing to registry subjects or events', async () => {
    const fire = await as('dept-fire');
    const admin = await as('admin');
    const watch = admin.subscribe('>', { max: 10 });
    const seen: string[] = [];
    void (async () => { for await (const m of watch) if (!m.subject.startsWith('_INBOX.') && !m.subject.startsWith('$JS')) seen.push(m.subject); })();
    await admin.flush();

    const refused = await refusal(fire.request(RegistrySubjects.registerInstitution, JSON.stringify(institutionRequest()), { timeout: 3_000 }));
    expect(refused).toMatchObject({ operation: 'publish', subject: RegistrySubjects.registerInstitution });

    const event = await nextViolation(fire, () => fire.publish('evt.registry.institution.registered.v1', '{}'));
    expect(event).toMatchObject({ operation: 'publish', subject: 'evt.registry.institution.registered.v1' });
    const dlq = await nextViolation(fire, () => fire.publish('dlq.anything', '{}'));
    expect(dlq.subject).toBe('dlq.anything');
    await fire.flush();
    await admin.flush();
    expect(seen).toEqual([]); // nothing reached the bus
    watch.unsubscribe();
  });

  it('refuses a department system subscribing to registry requests', async () => {
    const fire = await as('dept-fire');
    const sub = fire.subscribe('registry.>');
    const closed = await Promise.race([sub.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000))]);
    expect(closed).toBeInstanceOf(PermissionViolationError);
    expect(closed).toMatchObject({ operation: 'subscription', subject: 'registry.>' });
  });

  it('keeps each service to its own events, and every client to its own replies', async () => {
    const reg = await as('registry');
    const foreign = await nextViolation(reg, () => reg.publish('evt.credit.grade.changed.v1', '{}'));
    expect(foreign.subject).toBe('evt.credit.grade.changed.v1');
    // Another client's replies (here the gateway's inbox) cannot be read.
    const spy = reg.subscribe(`${natsInboxPrefix('gateway')}.>`);
    expect(await Promise.race([spy.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000))])).toBeInstanceOf(PermissionViolationError);
    // Nor can a service call what the catalog does not say it calls (registry calls nothing).
    expect(await refusal(reg.request('staff.member.list', '{}', { timeout: 3_000 }))).toMatchObject({ operation: 'publish', subject: 'staff.member.list' });
    // Nor delete the event stream.
    const jsm = await jetstreamManager(reg);
    await expect(jsm.streams.delete(EVENT_STREAM)).rejects.toThrow(/permission/i);
  });

  it('holds on the run\'s shared broker too, where every other integration test starts its services as their own users', async () => {
    const { NATS_USER, NATS_PASSWORD } = testNatsCredentials('registry');
    const shared = await connect({ servers: testNatsUrl(), user: NATS_USER, pass: NATS_PASSWORD, inboxPrefix: natsInboxPrefix(NATS_USER) });
    clients.push(shared);
    const violation = await nextViolation(shared, () => shared.publish('evt.credit.grade.changed.v1', '{}'));
    expect(violation.subject).toBe('evt.credit.grade.changed.v1');
    await expect(connect({ servers: testNatsUrl(), user: 'registry', pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
  });
});
