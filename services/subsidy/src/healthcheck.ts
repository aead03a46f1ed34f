import { connect } from '@nats-io/transport-node';
import { SubsidySubjects } from '@shanyu/contracts';

/** Container health check: exits 0 when this service answers its ping over NATS. */
const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', timeout: 2_000 });
try {
  const msg = await nc.request(SubsidySubjects.ping, '{}', { timeout: 2_000 });
  process.exit((msg.json() as { ok: boolean }).ok ? 0 : 1);
} catch {
  process.exit(1);
}
