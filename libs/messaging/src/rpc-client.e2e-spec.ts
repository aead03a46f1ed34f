// RpcClient on the run's real nats-server: one shared reply subscription routes every reply to
// its own call (by token), and each transport outcome keeps its stable code.
import { ActorTokenSigner, ActorTokenVerifier, DomainError } from '@shanyu/common';
import { testActor, testStackSecrets, testNatsUrl } from '@shanyu/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient } from './rpc-client.js';

const actor = testActor();
const issuer = () => new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY);
const prefix = `rpcclient${process.pid}${Date.now()}`;
let server: NatsConnection;
let client: NatsConnection;

beforeAll(async () => {
  server = await connect({ servers: testNatsUrl() });
  client = await connect({ servers: testNatsUrl() });
  // Answers out of order (a later request may be answered first), echoing the request and its actor header.
  server.subscribe(`${prefix}.echo`, {
    callback: (_err, msg) => {
      const body = msg.json<{ n: number; delayMs: number }>();
      setTimeout(
        () =>
          msg.respond(
            JSON.stringify({
              ok: true,
              data: { n: body.n, actor: new ActorTokenVerifier(testStackSecrets().IDENTITY_PUBLIC_KEY).verify(msg.headers?.get('shanyu-identity')) },
            }),
          ),
        body.delayMs,
      );
    },
  });
  server.subscribe(`${prefix}.refuse`, {
    callback: (_err, msg) => msg.respond(JSON.stringify({ ok: false, error: { code: 'INSTITUTION_NOT_FOUND', message: '机构不存在' } })),
  });
  server.subscribe(`${prefix}.silent`, { callback: () => undefined });
  await server.flush();
});

afterAll(async () => {
  await server?.close();
  await client?.close().catch(() => undefined);
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('RpcClient over one shared reply subscription', () => {
  it('gives each of 500 concurrent calls its own reply, answered out of order', async () => {
    const rpc = new RpcClient(client, 5_000, 'client', issuer());
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, n) => rpc.request<{ n: number; actor: { userId: string } }>(`${prefix}.echo`, { n, delayMs: (n * 7) % 23 }, { actor })),
    );
    expect(replies.map((r) => r.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
    expect(new Set(replies.map((r) => r.actor.userId))).toEqual(new Set([actor.userId]));
  });

  it('forwards a token it was given, and signs only with a key', async () => {
    const forwarded = new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY).tokenFor({ ...actor, userId: 'forwarded' }).token;
    const keyless = new RpcClient(client, 5_000);
    expect((await keyless.request<{ actor: { userId: string } }>(`${prefix}.echo`, { n: 1, delayMs: 0 }, { identityToken: forwarded })).actor.userId).toBe(
      'forwarded',
    );
    await expect(keyless.request(`${prefix}.echo`, { n: 2, delayMs: 0 }, { actor })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it("raises the service's DomainError as it was sent", async () => {
    const rpc = new RpcClient(client, 5_000, 'client', issuer());
    await expect(rpc.request(`${prefix}.refuse`, {}, { actor })).rejects.toMatchObject({ code: 'INSTITUTION_NOT_FOUND', message: '机构不存在' });
  });

  it('says SERVICE_UNAVAILABLE at once when nobody listens, RPC_TIMEOUT at the deadline when nobody answers', async () => {
    const rpc = new RpcClient(client, 5_000, 'client', issuer());
    const started = performance.now();
    expect(await codeOf(rpc.request(`${prefix}.nobody-listens`, {}, { actor }))).toBe('SERVICE_UNAVAILABLE');
    expect(performance.now() - started).toBeLessThan(2_000);
    const waited = performance.now();
    expect(await codeOf(rpc.request(`${prefix}.silent`, {}, { actor, timeoutMs: 300 }))).toBe('RPC_TIMEOUT');
    expect(performance.now() - waited).toBeGreaterThanOrEqual(290);
    // A late call does not disturb the next one.
    expect((await rpc.request<{ n: number }>(`${prefix}.echo`, { n: 7, delayMs: 0 }, { actor })).n).toBe(7);
  });

  it('fails the open calls with SERVICE_UNAVAILABLE when the connection closes, and later calls too', async () => {
    const own = await connect({ servers: testNatsUrl() });
    const rpc = new RpcClient(own, 10_000, 'client', issuer());
    const open = codeOf(rpc.request(`${prefix}.silent`, {}, { actor }));
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    expect(await open).toBe('SERVICE_UNAVAILABLE');
    expect(await codeOf(rpc.request(`${prefix}.echo`, { n: 1, delayMs: 0 }, { actor }))).toBe('SERVICE_UNAVAILABLE');
  });
});
