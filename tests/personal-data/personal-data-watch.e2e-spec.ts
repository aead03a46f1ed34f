// Proves the personal-data watch (libs/testing/src/pii-leak-watch.ts) really sees what it claims
// to: numbers planted in a log write, an HTTP reply, an RPC reply and an event are caught (then
// forgiven, so this file does not fail the run), the logger keeps them out of its lines, and the
// roles allowed to see a full number (public security; health through the reveal) are not reported.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Department, JsonLogger, makeResidentId } from '@shanyu/common';
import { identityHeaders, personalDataWatch, testNatsUrl } from '@shanyu/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let serial = 100;
/** A new valid number each call (西湖区, born 1991-02-03). */
const newId = () => makeResidentId(`33010619910203${serial++}`);
const watch = personalDataWatch();

describe('the personal-data watch', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });
  afterAll(async () => {
    await nc.drain();
    expect(watch.leaks(), 'only the planted numbers were found, and forgiven').toEqual([]);
  });

  it('the logger masks every number it is given, in the message, fields, nested values and errors', async () => {
    const ids = Array.from({ length: 6 }, newId);
    const logger = new JsonLogger('pii-test', 'debug');
    logger.info(`vetting ${ids[0]} started`, {
      idNumber: ids[1],
      note: `身份证号${ids[2]}已核验`,
      nested: { people: [{ remark: `id=x${ids[3]}_` }] },
      error: new Error(`person ${ids[4]} not found`),
    });
    logger.error('failed', { cause: new Error(`duplicate ${ids[5]}`) });
    await watch.settle();
    for (const id of ids) expect(watch.forgive(id), id.slice(0, 6)).toEqual([]);
    expect(watch.counts.logWrites).toBeGreaterThan(0);
  });

  it('catches a number written to stdout past the logger', () => {
    const id = newId();
    process.stdout.write(`{"msg":"raw write of ${id}"}\n`);
    const caught = watch.forgive(id);
    expect(caught).toEqual([expect.objectContaining({ channel: 'log', where: 'stdout', masked: `${id.slice(0, 6)}********${id.slice(14)}` })]);
    expect(caught[0]!.excerpt).not.toContain(id);
  });

  it("catches a number in an HTTP reply unless the token is public security's or health's reveal", async () => {
    const id = newId();
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"items":[{"idNumber":"');
      res.end(`${id}"}]}`); // split across two writes
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = (dept: string) => `Bearer h.${Buffer.from(JSON.stringify({ dept, role: 'official' })).toString('base64url')}.s`;
    try {
      const allowedBefore = watch.counts.allowedDisclosures;
      expect(await (await fetch(`${base}/api/v1/staff?institutionId=1`, { headers: { authorization: token('police') } })).text()).toContain(id);
      await fetch(`${base}/api/v1/staff/abc/id-number`, { method: 'POST', headers: { authorization: token('health') } });
      expect(watch.leaks()).toEqual([]);
      expect(watch.counts.allowedDisclosures).toBe(allowedBefore + 2);

      await fetch(`${base}/api/v1/staff?institutionId=1`, { headers: { authorization: token('health') } }); // not the reveal
      await fetch(`${base}/api/v1/staff?institutionId=1`, { headers: { authorization: token('operator') } });
      await fetch(`${base}/api/v1/public/institutions`);
      const caught = watch.forgive(id);
      expect(caught.map((l) => `${l.where} ${l.audience}`).sort()).toEqual([
        'GET /api/v1/public/institutions → 200 unauthenticated',
        'GET /api/v1/staff → 200 health/official',
        'GET /api/v1/staff → 200 operator/official',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('catches a number in an RPC reply to anyone but public security, and in any event', async () => {
    const id = newId();
    const sub = nc.subscribe('pii-watch-test.echo', { callback: (_e, m) => m.respond(JSON.stringify({ ok: true, data: { idNumber: id } })) });
    const ask = async (department: string, subject = 'pii-watch-test.echo') => {
      const h = identityHeaders({ department: department as Department, role: 'official', userId: 'u', divisions: ['330106'] });
      return nc.request(subject, '{}', { headers: h, timeout: 5_000 });
    };
    await ask('police');
    await watch.settle();
    expect(watch.forgive(id)).toEqual([]);

    await ask('market');
    nc.publish('evt.pii-watch-test.leaked.v1', JSON.stringify({ data: { note: `员工 ${id}` } }));
    await watch.settle();
    sub.unsubscribe();
    // A JetStream push consumer on the EVENTS stream (another file's, if one is still alive) may
    // deliver the leaked event too: such a copy is caught as well, as an event.
    const caught = watch.forgive(id);
    const deliveries = caught.filter((l) => l.where.startsWith('delivery of '));
    expect(deliveries.every((l) => l.audience === 'event')).toBe(true);
    expect(
      caught
        .filter((l) => !deliveries.includes(l))
        .map((l) => `${l.channel} ${l.where} ${l.audience}`)
        .sort(),
    ).toEqual(['nats evt.pii-watch-test.leaked.v1 event', 'nats reply to pii-watch-test.echo market/official']);
    expect(watch.counts.natsMessages).toBeGreaterThan(0);
  });
});
