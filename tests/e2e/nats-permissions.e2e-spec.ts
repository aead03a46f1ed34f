// NATS permissions (issue 9 §4): a nats-server of its own, started with the authorization block
// deploy/nats uses (generated from the contract catalog by natsAuthorization(), no anonymous
// user; the services' consumer names carry this test's schemas), proves that a service does its
// job with its own credentials and that what the catalog does not grant is refused by the server:
// a department system publishing to the registry or an event subject, subscribing to the
// registry's requests, creating, deleting or reading any consumer but the durable the gateway
// provisions for it, a service using another's consumer, a service eavesdropping on other
// clients' replies, anonymous and wrong-password connections.
// (The broker each other integration file gets runs the same permissions for every service;
// only its anonymous test clients act as `admin` there.)
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, PermissionViolationError, RequestError } from '@nats-io/transport-node';
import { ActorTokenSigner, JsonLogger, SYSTEM_ACTOR } from '@shanyu/common';
import * as contracts from '@shanyu/contracts';
import { departmentConsumers, EVENT_STREAM, natsInboxPrefix, RegistrySubjects, serviceConsumer } from '@shanyu/contracts';
import { createGateway, provisionDepartmentConsumers, type RunningGateway } from '@shanyu/gateway';
import { connectNats, RpcClient } from '@shanyu/messaging';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { institutionConsumerName, type RunningStaff, startStaff } from '@shanyu/staff';
import { eventually, institutionRequest, testActor, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startNats, type NatsHandle } from '../../deploy/local/processes.mjs';
import { writeNatsAuth } from '../../deploy/local/nats-auth.mjs';

let dir: string;
let server: NatsHandle;
let url: string;
let passwords: Record<string, string>;
let registry: RunningRegistry;
let staff: RunningStaff;
let gateway: RunningGateway;
const schemas = { registry: uniqueSchema('registry'), staff: uniqueSchema('staff') };
const FIRE_DURABLE = 'dept-fire-inspection';
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
  const error = await request.then(
    () => {
      throw new Error('the request was not refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  const cause = (error as RequestError).cause;
  expect(cause).toBeInstanceOf(PermissionViolationError);
  return cause as PermissionViolationError;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-nats-permissions-'));
  // Exactly what deploy/nats and the local stack run (every service, department system and admin, no
  // anonymous user), with this test's schema names in the services' consumer names.
  const auth = writeNatsAuth({ dir, contracts, serviceSchemas: schemas });
  passwords = auth.passwords;
  server = await startNats({
    storeDir: path.join(dir, 'jetstream'),
    port: await findFreePort(),
    configFile: auth.configFile,
    logFile: path.join(dir, 'nats.log'),
  });
  url = server.url;
  const base = {
    DATABASE_URL: testDatabaseUrl(),
    NATS_URL: url,
    ...testStackSecrets(),
    LOG_LEVEL: 'warn' as const,
    RPC_TIMEOUT_MS: 5_000,
    SHANYU_MODE: 'test' as const,
  };
  registry = await startRegistry({ ...base, REGISTRY_DB_SCHEMA: schemas.registry, NATS_USER: 'registry', NATS_PASSWORD: passwords.registry });
  staff = await startStaff({ ...base, STAFF_DB_SCHEMA: schemas.staff, STAFF_REMINDER_INTERVAL_MS: 0, NATS_USER: 'staff', NATS_PASSWORD: passwords.staff });
  // The gateway provisions the department systems' durables at start, as its own user.
  gateway = await createGateway({
    ...base,
    NATS_USER: 'gateway',
    NATS_PASSWORD: passwords.gateway,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'),
    PORT: 0,
    HOST: '127.0.0.1',
    JWT_TTL_SECONDS: 600,
    SHANYU_DEMO_PASSWORD: 'perm-demo-password',
    HEALTH_SERVICES: 'registry',
  });
});

afterAll(async () => {
  for (const nc of clients) await nc.close().catch(() => undefined);
  await gateway?.stop();
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
    const before = staff.consumers['registry-institutions']!.processedCount;
    // gateway → registry.institution.register (request + allow_responses reply on _INBOX.gateway.…)
    const institution = await rpc.request<{ id: string }>(RegistrySubjects.registerInstitution, institutionRequest(), { actor: testActor() });
    expect(institution.id).toBeTruthy();
    const ping = await rpc.request<{ service: string }>(RegistrySubjects.ping, {}, { actor: SYSTEM_ACTOR });
    expect(ping.service).toBe('registry');
    // A subject outside the catalog is refused by the broker at once, and named in the error.
    await expect(rpc.request('registry.not-in-the-catalog', {}, { actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('registry.not-in-the-catalog'),
    });
    // registry's relay published evt.registry.institution.registered.v1; staff's durable consumer took it.
    await eventually('staff consumed the registry event', async () => staff.consumers['registry-institutions']!.processedCount > before);
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
  });

  it("provisions every department system's durable at gateway start: a pull consumer on its filter, explicit ack, idempotently", async () => {
    const jsm = await jetstreamManager(await as('admin'));
    for (const { name, filterSubject } of departmentConsumers()) {
      const { config } = await jsm.consumers.info(EVENT_STREAM, name);
      expect(config, name).toMatchObject({
        durable_name: name,
        filter_subject: filterSubject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
      expect(config.deliver_subject, name).toBeUndefined();
    }
    // Idempotent; a consumer of that name that is not the catalog's (an operator's push consumer) is left alone and
    // logged, and made again once an admin deleted it.
    const lines: string[] = [];
    const logger = new JsonLogger('gateway', 'warn', (line) => lines.push(line));
    const all = departmentConsumers().map((c) => c.name);
    expect(await provisionDepartmentConsumers(gateway.runtime.jsm, logger)).toEqual(all);
    await jsm.consumers.delete(EVENT_STREAM, 'dept-hrss-inspection');
    await jsm.consumers.add(EVENT_STREAM, {
      durable_name: 'dept-hrss-inspection',
      filter_subject: 'evt.inspection.>',
      ack_policy: AckPolicy.Explicit,
      deliver_subject: 'elsewhere',
    });
    expect(await provisionDepartmentConsumers(gateway.runtime.jsm, logger)).toEqual(all.filter((n) => n !== 'dept-hrss-inspection'));
    expect(lines.join('\n')).toContain('"consumer":"dept-hrss-inspection"');
    await jsm.consumers.delete(EVENT_STREAM, 'dept-hrss-inspection');
    expect(await provisionDepartmentConsumers(gateway.runtime.jsm, logger)).toEqual(all);
    expect((await jsm.consumers.info(EVENT_STREAM, 'dept-hrss-inspection')).config.deliver_subject).toBeUndefined();
  });

  it('lets the fire department pull and ack inspection events from its own durable (nats.js consumers.get + consume)', async () => {
    const admin = await as('admin');
    const probe = `probe-${Date.now()}`;
    await jetstream(admin).publish('evt.inspection.inspection.completed.v1', JSON.stringify({ eventId: probe }));
    const fire = await as('dept-fire');
    const consumer = await jetstream(fire).consumers.get(EVENT_STREAM, FIRE_DURABLE); // CONSUMER.INFO
    const messages = await consumer.consume({ max_messages: 10 }); // MSG.NEXT, replies on _INBOX.dept-fire.…
    let found: string | undefined;
    for await (const m of messages) {
      m.ack(); // $JS.ACK.EVENTS.dept-fire-inspection.…
      if ((m.json() as { eventId?: string }).eventId === probe) {
        found = m.subject;
        break;
      }
    }
    expect(found).toBe('evt.inspection.inspection.completed.v1');
    await fire.flush();
    const jsm = await jetstreamManager(admin);
    await eventually('the acks to reach the server', async () => (await jsm.consumers.info(EVENT_STREAM, FIRE_DURABLE)).num_ack_pending === 0);
  });

  it("refuses the fire department any other consumer: no INFO or NEXT on a service's, no CREATE of any kind, no DELETE", async () => {
    const fire = await as('dept-fire');
    const jsm = await jetstreamManager(fire);
    const serviceDurable = institutionConsumerName(schemas.staff);
    // Another's consumer: neither its config nor its messages.
    await expect(jetstream(fire).consumers.get(EVENT_STREAM, serviceDurable)).rejects.toThrow(/permission/i);
    await expect(jsm.consumers.info(EVENT_STREAM, 'dept-market-inspection')).rejects.toThrow(/permission/i);
    for (const name of [serviceDurable, 'dept-market-inspection']) {
      expect(
        await refusal(fire.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.${name}`, JSON.stringify({ batch: 1, no_wait: true }), { timeout: 3_000 })),
      ).toMatchObject({ operation: 'publish' });
    }
    // No consumer may be created or changed: its own name with other ack settings, other names, ephemeral, push (into
    // another client's inbox or a service's subject), nor through the older DURABLE.CREATE subject.
    const base = { filter_subject: 'evt.inspection.>', ack_policy: AckPolicy.None };
    for (const config of [
      { ...base, durable_name: FIRE_DURABLE },
      { ...base, durable_name: 'dept-fire-other' },
      { ...base, durable_name: serviceDurable, filter_subject: 'evt.registry.institution.>' },
      { ...base },
      { ...base, durable_name: 'dept-fire-push', deliver_subject: `${natsInboxPrefix('dept-market')}.x` },
      { ...base, deliver_subject: 'registry.institution.register' },
    ]) {
      await expect(jsm.consumers.add(EVENT_STREAM, config), JSON.stringify(config)).rejects.toThrow(/permission/i);
    }
    expect(
      await refusal(
        fire.request(
          `$JS.API.CONSUMER.DURABLE.CREATE.${EVENT_STREAM}.dept-fire-legacy`,
          JSON.stringify({ stream_name: EVENT_STREAM, config: { ...base, durable_name: 'dept-fire-legacy' } }),
          { timeout: 3_000 },
        ),
      ),
    ).toMatchObject({ operation: 'publish' });
    for (const name of [FIRE_DURABLE, serviceDurable]) await expect(jsm.consumers.delete(EVENT_STREAM, name)).rejects.toThrow(/permission/i);
    // Its durable is as the gateway made it.
    const admin = await jetstreamManager(await as('admin'));
    expect((await admin.consumers.info(EVENT_STREAM, FIRE_DURABLE)).config).toMatchObject({
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'evt.inspection.>',
    });
    expect((await admin.consumers.info(EVENT_STREAM, FIRE_DURABLE)).config.deliver_subject).toBeUndefined();
    const names: string[] = [];
    for await (const c of admin.consumers.list(EVENT_STREAM)) names.push(c.name);
    expect(names.filter((n) => n.startsWith('dept-')).sort()).toEqual(
      departmentConsumers()
        .map((c) => c.name)
        .sort(),
    );
  });

  it("keeps a service to its own consumers: another service's cannot be read, pulled from, acked or created", async () => {
    const staffNc = await as('staff');
    const jsm = await jetstreamManager(staffNc);
    const own = institutionConsumerName(schemas.staff);
    const registryCalendar = serviceConsumer('registry', 'calendar', schemas.registry);
    expect((await jsm.consumers.info(EVENT_STREAM, own)).config.filter_subject).toBe('evt.registry.institution.>');
    await expect(jsm.consumers.info(EVENT_STREAM, registryCalendar.name)).rejects.toThrow(/permission/i);
    await expect(jsm.consumers.info(EVENT_STREAM, FIRE_DURABLE)).rejects.toThrow(/permission/i);
    expect(
      await refusal(
        staffNc.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.${registryCalendar.name}`, JSON.stringify({ batch: 1, no_wait: true }), { timeout: 3_000 }),
      ),
    ).toMatchObject({ operation: 'publish' });
    const ack = `$JS.ACK.${EVENT_STREAM}.${registryCalendar.name}.1.1.1.1.0`;
    expect(await nextViolation(staffNc, () => staffNc.publish(ack, '+ACK'))).toMatchObject({ operation: 'publish', subject: ack });
    const config = { durable_name: registryCalendar.name, filter_subject: registryCalendar.filterSubject, ack_policy: AckPolicy.Explicit };
    await expect(jsm.consumers.add(EVENT_STREAM, config)).rejects.toThrow(/permission/i);
    await expect(
      jsm.consumers.add(EVENT_STREAM, { ...config, durable_name: `${schemas.staff}-other`, filter_subject: 'evt.registry.institution.>' }),
    ).rejects.toThrow(/permission/i);
    // Its own, again with the same config: allowed (every start does it).
    const { config: current } = await jsm.consumers.info(EVENT_STREAM, own);
    await expect(jsm.consumers.update(EVENT_STREAM, own, { max_ack_pending: current.max_ack_pending })).resolves.toMatchObject({ name: own });
  });

  it('refuses a department system publishing to registry subjects or events', async () => {
    const fire = await as('dept-fire');
    const admin = await as('admin');
    const watch = admin.subscribe('>', { max: 10 });
    const seen: string[] = [];
    void (async () => {
      for await (const m of watch) if (!m.subject.startsWith('_INBOX.') && !m.subject.startsWith('$JS')) seen.push(m.subject);
    })();
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

  it("holds on the test files' own brokers too, where every other integration test starts its services as their own users", async () => {
    const { NATS_USER, NATS_PASSWORD } = testNatsCredentials('registry');
    const shared = await connect({ servers: testNatsUrl(), user: NATS_USER, pass: NATS_PASSWORD, inboxPrefix: natsInboxPrefix(NATS_USER) });
    clients.push(shared);
    const violation = await nextViolation(shared, () => shared.publish('evt.credit.grade.changed.v1', '{}'));
    expect(violation.subject).toBe('evt.credit.grade.changed.v1');
    await expect(connect({ servers: testNatsUrl(), user: 'registry', pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
    // Services may use any consumer name there (each test stack has its own schema); department systems may not.
    const fire = await connect({
      servers: testNatsUrl(),
      user: 'dept-fire',
      pass: testNatsCredentials('dept-fire').NATS_PASSWORD,
      inboxPrefix: natsInboxPrefix('dept-fire'),
    });
    clients.push(fire);
    const jsm = await jetstreamManager(fire);
    await expect(
      jsm.consumers.add(EVENT_STREAM, { durable_name: 'dept-fire-other', filter_subject: 'evt.inspection.>', ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow(/permission/i);
    await expect(jsm.consumers.info(EVENT_STREAM, 'dept-market-inspection')).rejects.toThrow(/permission/i);
  });
});
