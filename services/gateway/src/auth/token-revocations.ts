import { DomainError, type JsonLogger } from '@shanyu/common';
import { type EventEnvelope, PlatformEvt, type TokenRevokedData } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { RevokedTokenRepository } from './revoked-token.repository.js';
import type { VerifiedToken } from './token.service.js';

export interface TokenRevocationOptions {
  /** How often the revoked set is read again from the database, for a logout this replica did not hear. */
  refreshMs?: number;
  /** How long a logout waits for its own event to come back from NATS. */
  heardWithinMs?: number;
}

/**
 * Revoked token ids (jti), so that a logout on one replica holds on every replica at once without a
 * database look-up per request. The `revoked_token` table (gateway schema) is the record; each
 * replica keeps its unexpired rows in memory: read at start, then told of each logout by the
 * `evt.gateway.token.revoked` event, which every replica receives as it is published (a core
 * subscription). The event leaves through the outbox, so a logout committed while NATS is down
 * still goes out. A replica can miss an event only while it is disconnected or too slow, so it
 * reads the table again after each reconnection and slow-consumer warning, and every `refreshMs`
 * in any case. A logout returns once its own event is back from NATS: by then NATS has sent it to
 * every replica. (A JetStream consumer per replica would also replay what a replica missed, but
 * would need consumers that no catalog name fixes, and the table is needed at start anyway.)
 */
export class TokenRevocations {
  /** jti → when the token expires (ms); a token past it is refused as expired anyway. */
  private readonly revoked = new Map<string, number>();
  /** Logouts of this replica waiting for their event. */
  private readonly waiting = new Map<string, () => void>();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly nats: NatsConnection,
    private readonly logger: JsonLogger,
    private readonly options: TokenRevocationOptions = {},
  ) {}

  /** Listens first, then reads the table: a logout committed in between is heard or read. */
  async start(): Promise<void> {
    this.subscription = this.nats.subscribe(PlatformEvt.tokenRevoked.subject, {
      callback: (err, msg) => {
        if (!err) this.hear(msg);
      },
    });
    await this.nats.flush(); // the server has the subscription before the table is read
    await this.refresh();
    this.timer = setInterval(() => void this.refreshQuietly(), this.options.refreshMs ?? 10_000).unref();
    void this.refreshAfterGaps();
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  async revoke(token: VerifiedToken): Promise<void> {
    const heard = new Promise<void>((resolve) => this.waiting.set(token.jti, resolve));
    const published = await this.unitOfWork.run(async (tx) => {
      const revoked = new RevokedTokenRepository(tx.manager);
      const inserted = await revoked.insert(token.jti, token.actor.userId, token.expiresAt);
      if (inserted) {
        await tx.publish(PlatformEvt.tokenRevoked, {
          actor: token.actor,
          entityId: token.jti,
          data: { jti: token.jti, expiresAt: token.expiresAt.toISOString() },
        });
      }
      await revoked.sweepExpired();
      return inserted;
    });
    this.revoked.set(token.jti, token.expiresAt.getTime());
    let timer: NodeJS.Timeout | undefined;
    if (published) await Promise.race([heard, new Promise((resolve) => (timer = setTimeout(resolve, this.options.heardWithinMs ?? 2_000)))]);
    clearTimeout(timer);
    this.waiting.delete(token.jti);
  }

  /** Throws TOKEN_REVOKED (401) for a token that was logged out. */
  assertNotRevoked(jti: string): void {
    if (this.revoked.has(jti)) throw new DomainError('TOKEN_REVOKED', '该令牌已注销（已退出登录），请重新登录');
  }

  /** Adds the table's unexpired rows and forgets tokens that have expired. */
  async refresh(): Promise<void> {
    for (const { jti, expiresAt } of await new RevokedTokenRepository(this.dataSource.manager).unexpired()) this.revoked.set(jti, expiresAt.getTime());
    // A minute's grace, as the table's sweep: an expired token is refused by its signature check anyway.
    const before = Date.now() - 60_000;
    for (const [jti, expires] of this.revoked) if (expires < before) this.revoked.delete(jti);
  }

  private hear(msg: Msg): void {
    try {
      const { data } = msg.json<EventEnvelope<TokenRevokedData>>();
      const expires = Date.parse(data.expiresAt);
      if (typeof data.jti !== 'string' || Number.isNaN(expires)) throw new Error('jti or expiresAt missing');
      this.revoked.set(data.jti, expires);
      this.waiting.get(data.jti)?.();
    } catch (e) {
      this.logger.warn('token revocation event not understood; the next refresh reads the table', { err: (e as Error).message });
    }
  }

  private async refreshAfterGaps(): Promise<void> {
    for await (const status of this.nats.status()) {
      if (status.type === 'reconnect' || status.type === 'slowConsumer') await this.refreshQuietly();
    }
  }

  private async refreshQuietly(): Promise<void> {
    await this.refresh().catch((e: Error) => this.logger.warn('revoked tokens not refreshed; next try later', { err: e.message }));
  }
}
