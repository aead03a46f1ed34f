import { JsonLogger } from '@shanyu/common';
import { PlatformEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { Msg, NatsConnection, Status } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { TokenRevocations } from './token-revocations.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const later = () => new Date(Date.now() + 600_000);

/** revoked_token as the test sets it, a NATS connection whose subscription and status the test drives. */
function fakes() {
  const table: { jti: string; expiresAt: Date }[] = [];
  let deliver: ((msg: Msg) => void) | undefined;
  const statuses: Status[] = [];
  let wake: (() => void) | undefined;
  const dataSource = {
    options: { schema: 'gateway' },
    manager: { connection: { options: { schema: 'gateway' } }, query: async () => table.filter((r) => r.expiresAt > new Date()) },
  } as unknown as DataSource;
  const nats = {
    flush: async () => undefined,
    subscribe: (subject: string, opts: { callback: (err: Error | null, msg: Msg) => void }) => {
      expect(subject).toBe(PlatformEvt.tokenRevoked.subject);
      deliver = (msg) => opts.callback(null, msg);
      return { unsubscribe: () => undefined };
    },
    status: () => ({
      async *[Symbol.asyncIterator]() {
        for (;;) {
          while (statuses.length) yield statuses.shift()!;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    }),
  } as unknown as NatsConnection;
  const event = (jti: string) => ({ json: () => ({ data: { jti, expiresAt: later().toISOString() } }) }) as unknown as Msg;
  return {
    table,
    dataSource,
    nats,
    hear: (jti: string) => deliver!(event(jti)),
    status: (s: Status) => {
      statuses.push(s);
      wake?.();
    },
  };
}

const revoked = (revocations: TokenRevocations, jti: string) => {
  try {
    revocations.assertNotRevoked(jti);
    return false;
  } catch (e) {
    expect((e as { code: string }).code).toBe('TOKEN_REVOKED');
    return true;
  }
};

describe('TokenRevocations (per replica, in memory)', () => {
  it('knows the unexpired revocations at start, then each logout it hears', async () => {
    const f = fakes();
    f.table.push({ jti: A, expiresAt: later() }, { jti: B, expiresAt: new Date(Date.now() - 1000) });
    const revocations = new TokenRevocations(f.dataSource, {} as UnitOfWork, f.nats, new JsonLogger('test', 'error'));
    await revocations.start();
    expect(revoked(revocations, A)).toBe(true);
    expect(revoked(revocations, B)).toBe(false);
    f.hear(B);
    expect(revoked(revocations, B)).toBe(true);
    revocations.stop();
  });

  it('reads the table again after a reconnect: a logout missed while disconnected holds', async () => {
    const f = fakes();
    const revocations = new TokenRevocations(f.dataSource, {} as UnitOfWork, f.nats, new JsonLogger('test', 'error'));
    await revocations.start();
    f.table.push({ jti: A, expiresAt: later() });
    expect(revoked(revocations, A)).toBe(false);
    f.status({ type: 'reconnect', server: 'nats://x' } as Status);
    await expect.poll(() => revoked(revocations, A)).toBe(true);
    revocations.stop();
  });
});
