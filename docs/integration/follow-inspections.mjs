// 善育 Shanyu — a department system on NATS, as the fire department (消防救援机构) would run it:
// follows every inspection event (`evt.inspection.>`) on JetStream stream EVENTS with its own
// durable consumer, and asks the inspection service for each completed inspection over NATS
// request/reply, in the documented wire format. Only the plain NATS client is used
// (@nats-io/transport-node, @nats-io/jetstream): no Shanyu code, so the same works from Go,
// Java or Python clients.
//
//   npm install @nats-io/transport-node @nats-io/jetstream
//   NATS_URL=nats://127.0.0.1:4222 NATS_USER=dept-fire NATS_PASSWORD=… DIVISIONS=330106 \
//     node docs/integration/follow-inspections.mjs
//
// Environment: NATS_URL (comma-separated for a cluster), NATS_USER / NATS_PASSWORD (the
// department system's NATS user, e.g. dept-fire; unset on a server without authorization),
// DURABLE (consumer name, default dept-fire-inspections: the server remembers what it has acked),
// DELIVER (`new`, default, for events from the consumer's creation on; `all` for the whole
// stream), DIVISIONS (division codes the system acts for), DEPARTMENT (default fire).
import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';

const STREAM = 'EVENTS';
const FILTER = 'evt.inspection.>';
const env = process.env;
const user = env.NATS_USER?.trim() || undefined;
const durable = env.DURABLE ?? 'dept-fire-inspections';
const department = env.DEPARTMENT ?? 'fire';
const divisions = (env.DIVISIONS ?? '330106').split(',').map((d) => d.trim()).filter(Boolean);

// With a user, replies arrive on `_INBOX.<user>.…`: the only inbox its permissions let it read.
const nc = await connect({
  servers: (env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','),
  name: durable,
  ...(user ? { user, pass: env.NATS_PASSWORD ?? '', inboxPrefix: `_INBOX.${user}` } : {}),
});

/**
 * A request to a service subject: JSON body; who acts in the `shanyu-actor` header (never in the
 * body); your trace id in `shanyu-request-id`. The reply is {"ok":true,"data":…} or
 * {"ok":false,"error":{"code","message","details"?}}.
 */
async function request(subject, body) {
  const h = headers();
  h.set('shanyu-actor', JSON.stringify({ department, role: 'system', userId: user ?? durable, divisions }));
  h.set('shanyu-request-id', `${durable}-${randomUUID()}`);
  const msg = await nc.request(subject, JSON.stringify(body), { timeout: 5_000, headers: h });
  const reply = msg.json();
  if (!reply.ok) throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), { error: reply.error });
  return reply.data;
}

// The department's own inspection list in force (两张清单), once at start.
const lists = await request('inspection.checklist.list', { kind: 'inspection', department });
console.log(JSON.stringify({ checklists: lists.map((l) => ({ department: l.department, version: l.version, title: l.title })) }));

// A durable consumer of our own, filtered to inspection events: created once, then resumed.
const jsm = await jetstreamManager(nc);
try {
  await jsm.consumers.info(STREAM, durable);
} catch {
  await jsm.consumers.add(STREAM, {
    durable_name: durable,
    filter_subject: FILTER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: env.DELIVER === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
    max_deliver: 10,
  });
}
const consumer = await jetstream(nc).consumers.get(STREAM, durable);
const messages = await consumer.consume();
console.log(JSON.stringify({ following: FILTER, stream: STREAM, durable }));

const stop = async () => {
  await messages.close();
  await nc.drain();
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

// A redelivery (or an event an operator re-drove from a dead letter) carries the same eventId:
// deduplicate on it. A real system keeps the ids it handled in its own database.
const seen = new Set();
for await (const m of messages) {
  // {eventId, subject, occurredAt, actor, entityId, data}; eventId equals the Nats-Msg-Id header.
  const event = m.json();
  if (seen.has(event.eventId)) {
    m.ack();
    continue;
  }
  try {
    console.log(JSON.stringify({ event: m.subject, eventId: event.eventId, entityId: event.entityId, occurredAt: event.occurredAt }));
    if (m.subject.startsWith('evt.inspection.inspection.completed.')) {
      const inspection = await request('inspection.inspection.get', { id: event.entityId });
      console.log(JSON.stringify({
        inspection: inspection.id, institution: inspection.institutionName, status: inspection.status, summary: inspection.summary,
        findings: inspection.findings.map((f) => ({ item: f.itemCode, severity: f.severity, deadline: f.deadline })),
      }));
    }
    seen.add(event.eventId);
    m.ack();
  } catch (e) {
    // Not acked: the server redelivers it later (up to max_deliver).
    console.error(JSON.stringify({ failed: event.eventId, error: e.message }));
    m.nak(5_000);
  }
}
