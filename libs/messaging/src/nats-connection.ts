import { connect, type NatsConnection } from '@nats-io/transport-node';

/** One connection per process; reconnects forever so a broker restart is survived, not fatal. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    pingInterval: 10_000,
  });
}
export type { NatsConnection };
