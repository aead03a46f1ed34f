import { connect } from '@nats-io/transport-node';
import { natsInboxPrefix, StaffSubjects } from '@shanyu/contracts';

/** Container health check: exits 0 when this service answers its ping over NATS. */
// With the service's own credentials (NATS_USER / NATS_PASSWORD), whose permissions allow its ping.
const user = process.env.NATS_USER || undefined;
const nc = await connect({
  servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','), timeout: 2_000,
  ...(user ? { user, pass: process.env.NATS_PASSWORD ?? '', inboxPrefix: natsInboxPrefix(user) } : {}),
});
try {
  const msg = await nc.request(StaffSubjects.ping, '{}', { timeout: 2_000 });
  process.exit((msg.json() as { ok: boolean }).ok ? 0 : 1);
} catch {
  process.exit(1);
}
