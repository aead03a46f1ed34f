// 善育 Shanyu — a department system on NATS, as the fire department (消防救援机构) would run it:
// follows every inspection event (`evt.inspection.>`) on JetStream stream EVENTS by pulling from
// the durable consumer the platform provisions for it (`dept-fire-inspection`), and asks the
// inspection service for each completed inspection over NATS request/reply, in the documented
// wire format. Only the plain NATS client is used
// (@nats-io/transport-node, @nats-io/jetstream): no Shanyu code, so the same works from Go,
// Java or Python clients.
//
//   npm install @nats-io/transport-node @nats-io/jetstream
//   NATS_URL=nats://127.0.0.1:4222 NATS_USER=dept-fire NATS_PASSWORD=… \
//   GATEWAY_URL=http://127.0.0.1:3000 CLIENT_ID=fire-330106-… CLIENT_SECRET=shs_… \
//     node docs/integration/follow-inspections.mjs
//
// Environment: NATS_URL (comma-separated for a cluster), NATS_USER / NATS_PASSWORD (the
// department system's NATS user, e.g. dept-fire; unset on a server without authorization),
// GATEWAY_URL, CLIENT_ID and CLIENT_SECRET (the system's API client: who acts on every request
// is the identity token the gateway issues for it, with its department and divisions),
// DURABLE (the provisioned consumer, default `<NATS_USER>-inspection`: the server remembers what
// it has acked), DEPARTMENT (default fire).
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';

const STREAM = 'EVENTS';
const env = process.env;
const user = env.NATS_USER?.trim() || undefined;
const durable = env.DURABLE ?? `${user ?? 'dept-fire'}-inspection`;
const department = env.DEPARTMENT ?? 'fire';
const gateway = (env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

// With a user, replies arrive on `_INBOX.<user>.…`: the only inbox its permissions let it read.
const nc = await connect({
  servers: (env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','),
  name: durable,
  ...(user ? { user, pass: env.NATS_PASSWORD ?? '', inboxPrefix: `_INBOX.${user}` } : {}),
});

/** POST to the gateway, JSON in and out; throws with the gateway's error code. */
async function post(path, init) {
  const res = await fetch(`${gateway}${path}`, { method: 'POST', ...init });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.code}: ${body.message}`);
  return body;
}

/**
 * Who acts: an identity token the gateway signs for this system's API client (OAuth 2.0 client
 * credentials, then POST /api/v1/auth/nats-token). It lasts a few minutes: take a new one when
 * half its life has passed. A revoked client gets none, so its requests stop being answered.
 */
let identity = { token: '', renewAt: 0 };
async function identityToken() {
  if (Date.now() < identity.renewAt) return identity.token;
  const { accessToken } = await post('/api/v1/auth/token', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: env.CLIENT_ID, client_secret: env.CLIENT_SECRET }),
  });
  const { identityToken: token, expiresIn } = await post('/api/v1/auth/nats-token', { headers: { authorization: `Bearer ${accessToken}` } });
  identity = { token, renewAt: Date.now() + (expiresIn * 1000) / 2 };
  return token;
}

/**
 * A request to a service subject: JSON body; who acts in the `shanyu-identity` header (the
 * gateway's token, never written by you); your trace id in `shanyu-request-id`. The reply is
 * {"ok":true,"data":…} or {"ok":false,"error":{"code","message","details"?}}.
 */
async function request(subject, body) {
  const h = headers();
  h.set('shanyu-identity', await identityToken());
  h.set('shanyu-request-id', `${durable}-${randomUUID()}`);
  const msg = await nc.request(subject, JSON.stringify(body), { timeout: 5_000, headers: h });
  const reply = msg.json();
  if (!reply.ok) throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), { error: reply.error });
  return reply.data;
}

// The department's own inspection list in force (两张清单), once at start.
const lists = await request('inspection.checklist.list', { kind: 'inspection', department });
console.log(JSON.stringify({ checklists: lists.map((l) => ({ department: l.department, version: l.version, title: l.title })) }));

// The durable pull consumer the platform made for us, filtered to inspection events: we may read
// its config, pull (the events come to our own inbox) and ack — not create, change or delete a
// consumer. It resumes after our last ack, whenever we reconnect.
const consumer = await jetstream(nc).consumers.get(STREAM, durable);
const messages = await consumer.consume();
console.log(JSON.stringify({ following: (await consumer.info(true)).config.filter_subject, stream: STREAM, durable }));

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
    // Not acked: the server redelivers it later (until it is acked, or given up with m.term()).
    console.error(JSON.stringify({ failed: event.eventId, error: e.message }));
    m.nak(5_000);
  }
}
