import { natsInboxPrefix } from '@shanyu/contracts';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** A NATS user and password (NATS_USER / NATS_PASSWORD); both unset = connect without credentials. */
export interface NatsCredentials {
  user?: string;
  password?: string;
}

/**
 * One connection per process; reconnects forever so a broker restart is survived, not fatal.
 * With a user, replies come back on `_INBOX.<user>.…` (the only inbox its permissions allow:
 * see natsPermissions() in @shanyu/contracts). A refused user/password is not retried forever:
 * the server's authorization error is thrown.
 */
export async function connectNats(url: string, name: string, credentials: NatsCredentials = {}): Promise<NatsConnection> {
  const user = credentials.user?.trim() || undefined;
  if (!user && credentials.password) throw new Error('NATS_PASSWORD is set but NATS_USER is not');
  return connect({
    servers: url.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    pingInterval: 10_000,
    ...(user ? { user, pass: credentials.password ?? '', inboxPrefix: natsInboxPrefix(user) } : {}),
  });
}
export type { NatsConnection };
