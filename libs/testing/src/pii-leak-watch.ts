// Vitest setup file of the integration projects: watches everything a test file's processes say —
// every stdout/stderr write and console call (the services' logs), every HTTP reply of a server
// in the process (the gateway), and every message on the file's NATS (RPC replies, events,
// JetStream deliveries, from in-process services and from child processes alike) — for resident
// ID numbers in the clear (issue 9.5; 个人信息保护法 第五十一条).
//
// Who may see a full number (services/staff/src/access/staff-access.policy.ts): public security
// in every reply; a health official in the reply of the audited reveal (POST
// /api/v1/staff/:id/id-number, NATS staff.member.reveal-id). Nobody in a log line or an event.
// Requests are not scanned: they carry the caller's own input.
//
// A worker process may run several files one after another (the integration projects do not
// isolate files: modules load once per worker). Vitest evaluates this module again for each file,
// and it keeps that file's findings; the patches of stdout, stderr, HTTP replies and nats.js are
// installed once per process and hand what they see to the file running (`hub.current`).
//
// Each file's findings (masked) and counts go to test-results/personal-data/<file>.<pid>.json; the
// global setup (pii-scan-global-setup.ts) and tests/personal-data/no-leak.final-spec.ts fail the
// run when any file found a leak.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { format } from 'node:util';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, expect, inject } from 'vitest';
import { hasTestBroker, testNatsUrl } from './infra-context.js';
import { natsSeen, rememberRequest } from './nats-observers.js';
import { type Leak, type LeakChannel, PERSONAL_DATA_WATCH, type PersonalDataWatch } from './personal-data-watch.js';
import { excerptAround, findResidentIds } from './resident-id-scanner.js';

const MAX_BODY = 8 * 1024 * 1024;
const BINARY = /pdf|spreadsheet|officedocument|octet-stream|^image\/|zip|font|wasm/i;
const REVEAL_ROUTE = /^\/api\/v1\/staff\/[^/?]+\/id-number(?:\?|$)/;
const REVEAL_SUBJECT = 'staff.member.reveal-id';

interface Audience {
  department?: string;
  role?: string;
}

function audienceLabel(a: Audience | undefined, fallback: string): string {
  return a?.department ? `${a.department}/${a.role ?? '?'}` : fallback;
}

/** Public security always; health only for the audited reveal. */
function mayDisclose(a: Audience | undefined, reveal: boolean): boolean {
  return a?.department === 'police' || (a?.department === 'health' && reveal);
}

const leaks: (Leak & { id: string })[] = [];
const seen = new Set<string>();
const counts = { logWrites: 0, httpReplies: 0, natsMessages: 0, allowedDisclosures: 0 };

function scanText(channel: LeakChannel, text: string, where: string, audience: Audience | undefined, fallbackAudience: string, allowed: boolean): void {
  const findings = findResidentIds(text);
  if (findings.length === 0) return;
  if (allowed) {
    counts.allowedDisclosures += findings.length;
    return;
  }
  const state = expect.getState();
  const file = path.relative(process.cwd(), state.testPath ?? '') || '(setup)';
  const test = state.currentTestName ?? '(outside a test: hooks or background work)';
  const who = audienceLabel(audience, fallbackAudience);
  for (const finding of findings) {
    const key = `${channel}\u0000${where}\u0000${who}\u0000${finding.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    leaks.push({
      id: finding.id,
      channel,
      where,
      audience: who,
      file,
      test,
      masked: finding.id.slice(0, 6) + '********' + finding.id.slice(14),
      excerpt: excerptAround(text, finding),
    });
  }
}

// ---- logs: stdout, stderr and the console ---------------------------------------------------
const carry: Record<string, string> = {};
function scanLog(stream: string, text: string, flush = false): void {
  counts.logWrites++;
  // A line may arrive in pieces: scan whole lines, keep the unfinished rest for the next write.
  const buffered = (carry[stream] ?? '') + text;
  const cut = flush ? buffered.length : buffered.lastIndexOf('\n') + 1;
  carry[stream] = buffered.slice(cut).slice(-MAX_BODY);
  if (cut > 0) scanText('log', buffered.slice(0, cut), stream, undefined, 'log', false);
}

// What the patches installed once per process call: the watch of the file now running.
interface FileHooks {
  log(stream: string, text: string): void;
  collect(res: http.ServerResponse, chunk: unknown, encoding: unknown): void;
  reply(res: http.ServerResponse): void;
  responded(msg: { subject: string; reply?: string; headers?: { get(k: string): string } }): void;
  published(subject: string, data: unknown, reply: unknown): void;
}
interface Hub {
  current?: FileHooks;
  natsPatched?: boolean;
}
const HUB = Symbol.for('shanyu.testing.personalDataWatch.hub');
const WATCHED = Symbol.for('shanyu.testing.personalDataWatch.patched');
const hub: Hub = ((globalThis as Record<symbol, Hub | undefined>)[HUB] ??= installProcessPatches());

function installProcessPatches(): Hub {
  const installed: Hub = {};
  for (const [name, stream] of [
    ['stdout', process.stdout],
    ['stderr', process.stderr],
  ] as const) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      try {
        installed.current?.log(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      } catch {
        // the watch must never break the output
      }
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
  // HTTP replies of servers in this process (the gateway, also behind supertest).
  const originalWrite = http.ServerResponse.prototype.write;
  const originalEnd = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.write = function write(this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    try {
      installed.current?.collect(this, chunk, rest[0]);
    } catch {
      // never break a reply
    }
    return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof originalWrite;
  http.ServerResponse.prototype.end = function end(this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    try {
      installed.current?.collect(this, chunk, rest[0]);
      installed.current?.reply(this);
    } catch {
      // never break a reply
    }
    return (originalEnd as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof originalEnd;
  return installed;
}

// Vitest may give a file a console of its own: each console object is patched once.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  if ((console[method] as unknown as Record<symbol, boolean>)[WATCHED]) continue;
  const original = console[method].bind(console);
  const watched = (...args: unknown[]) => {
    try {
      hub.current?.log(`console.${method}`, format(...args) + '\n');
    } catch {
      // the watch must never break the output
    }
    original(...args);
  };
  (watched as unknown as Record<symbol, boolean>)[WATCHED] = true;
  console[method] = watched;
}

// ---- HTTP replies -----------------------------------------------------------------------------
const bodies = new WeakMap<http.ServerResponse, Buffer[]>();
function collect(res: http.ServerResponse, chunk: unknown, encoding: unknown): void {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
  const parts = bodies.get(res) ?? [];
  const buffer =
    typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
  if (parts.reduce((n, p) => n + p.length, 0) + buffer.length <= MAX_BODY) parts.push(buffer);
  bodies.set(res, parts);
}

function bearerAudience(req: http.IncomingMessage | undefined): Audience | undefined {
  const header = req?.headers.authorization;
  const token = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : '';
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { dept?: string; role?: string };
    return { department: claims.dept, role: claims.role };
  } catch {
    return undefined;
  }
}

function scanReply(res: http.ServerResponse): void {
  counts.httpReplies++;
  const parts = bodies.get(res);
  bodies.delete(res);
  if (!parts || parts.length === 0) return;
  const type = String(res.getHeader('content-type') ?? '');
  const encoding = String(res.getHeader('content-encoding') ?? '');
  if (BINARY.test(type) || (encoding && encoding !== 'identity')) return;
  const req = res.req as http.IncomingMessage | undefined;
  const audience = bearerAudience(req);
  const url = req?.url ?? '';
  const reveal = req?.method === 'POST' && REVEAL_ROUTE.test(url);
  scanText(
    'http',
    Buffer.concat(parts).toString('utf8'),
    `${req?.method ?? '?'} ${url.split('?')[0]} → ${res.statusCode}`,
    audience,
    'unauthenticated',
    mayDisclose(audience, reveal),
  );
}

// ---- NATS ----------------------------------------------------------------------------------------
// Every reply and every JetStream delivery travels to an `_INBOX.…` subject: one subscription there
// sees them all, from this process and from child processes. Each test file has a nats-server of
// its own (file-broker-setup.ts, the setup file before this one): the watch subscribes there. (Not `>`: a subscriber on a request
// subject would take away the "no responders" answer that callers of an absent service rely on.)
// Who asked is learnt where the reply is sent: a service in this process answers through
// Msg.respond, which still holds the request's subject and `shanyu-identity` header. A reply whose
// request is unknown (a service in a child process) counts as going to anyone. Events are scanned
// where this process publishes them and wherever they are delivered.
let nats: NatsConnection | undefined;
let natsProblem: string | undefined;
const pendingRequests = new Map<string, { subject: string; audience?: Audience }>();
const decoder = new TextDecoder();

/** Department and role named by the identity token's claims (the service verified it; this only reads). */
function actorOf(identityToken: string | undefined): Audience | undefined {
  if (!identityToken) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(identityToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { dept?: string; role?: string };
    return { department: claims.dept, role: claims.role };
  } catch {
    return undefined;
  }
}

const isEvent = (subject: string) => subject.startsWith('evt.') || subject.startsWith('dlq.');
function payloadText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return decoder.decode(data.length > MAX_BODY ? data.subarray(0, MAX_BODY) : data);
  return undefined;
}

type Respond = (this: { subject: string; reply?: string; headers?: { get(k: string): string } }, ...args: unknown[]) => boolean;
type Send = (this: unknown, subject: string, data?: unknown, ...rest: unknown[]) => unknown;
/** nats.js's message and connection classes, as every client in this process uses them: patched once. */
function watchClients(msgPrototype: { respond: Respond }, connectionPrototype: { publish: Send; request: Send }): void {
  if (hub.natsPatched) return;
  hub.natsPatched = true;
  const originalRespond = msgPrototype.respond;
  msgPrototype.respond = function respond(...args: unknown[]) {
    try {
      hub.current?.responded(this);
    } catch {
      // never break a reply
    }
    return originalRespond.apply(this, args);
  };
  for (const method of ['publish', 'request'] as const) {
    const original = connectionPrototype[method];
    connectionPrototype[method] = function send(subject: string, data?: unknown, ...rest: unknown[]) {
      try {
        hub.current?.published(subject, data, (rest[0] as { reply?: unknown } | undefined)?.reply);
      } catch {
        // never break a publish
      }
      return original.call(this, subject, data, ...rest);
    };
  }
}

hub.current = {
  log: (stream, text) => scanLog(stream, text),
  collect,
  reply: scanReply,
  responded(msg) {
    if (!msg.reply) return;
    pendingRequests.set(msg.reply, { subject: msg.subject, audience: actorOf(msg.headers?.get('shanyu-identity')) });
    if (pendingRequests.size > 50_000) pendingRequests.delete(pendingRequests.keys().next().value!);
  },
  published(subject, data, reply) {
    const text = isEvent(subject) ? payloadText(data) : undefined;
    if (text) scanText('nats', text, subject, undefined, 'event', false);
    if (text && subject.startsWith('evt.')) natsSeen('event', subject, text);
    // Which subject a reply answers, for the contract drift check (nats-observers.ts).
    if (typeof reply === 'string' && !isEvent(subject)) rememberRequest(reply, subject);
  },
};

async function watchNats(): Promise<void> {
  try {
    nats = await connect({ servers: testNatsUrl(), name: 'personal-data-watch', maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    // nats.js's connection and message classes, as every client in this process uses them.
    const probe = nats.subscribe(`_INBOX.watch-probe.${process.pid}`, { max: 1 });
    nats.publish(probe.getSubject());
    for await (const m of probe) watchClients(Object.getPrototypeOf(m), Object.getPrototypeOf(nats));
    const sub = nats.subscribe('_INBOX.>');
    void (async () => {
      for await (const m of sub) {
        counts.natsMessages++;
        if (m.data.length < 18) continue;
        const request = pendingRequests.get(m.subject);
        if (request) pendingRequests.delete(m.subject);
        // A JetStream delivery carries its ack subject as reply: an event.
        const delivery = !!m.reply?.startsWith('$JS.ACK.');
        const where = request
          ? `reply to ${request.subject}`
          : delivery
            ? `delivery of ${m.headers?.get('Nats-Subject') ?? 'an event'}`
            : m.subject.replace(/^(_INBOX\.[^.]+)\..*$/, '$1.*');
        const text = decoder.decode(m.data.length > MAX_BODY ? m.data.subarray(0, MAX_BODY) : m.data);
        scanText(
          'nats',
          text,
          where,
          request?.audience,
          delivery ? 'event' : 'anyone (the request was not seen)',
          !delivery && mayDisclose(request?.audience, request?.subject === REVEAL_SUBJECT),
        );
        if (delivery) natsSeen('event', m.headers?.get('Nats-Subject') || undefined, text);
        else natsSeen('reply', request?.subject, text, m.subject);
      }
    })();
    await nats.flush();
  } catch (error) {
    natsProblem = `the NATS watch could not subscribe to _INBOX.> on ${testNatsUrl()}: ${(error as Error).message}`;
  }
}

// A medium test file (tests/medium) has no NATS by design: nothing travels there to be seen.
if (hasTestBroker()) await watchNats();

async function settle(): Promise<void> {
  if (!nats || nats.isClosed()) return;
  await nats.flush().catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

(globalThis as Record<symbol, PersonalDataWatch>)[PERSONAL_DATA_WATCH] = {
  leaks: () => leaks.map(({ id: _id, ...leak }) => leak),
  forgive(id: string) {
    const taken: Leak[] = [];
    for (let i = leaks.length - 1; i >= 0; i--) {
      const { id: found, ...leak } = leaks[i]!;
      if (found === id.toUpperCase()) {
        taken.unshift(leak);
        leaks.splice(i, 1);
      }
    }
    return taken;
  },
  scan(channel, text, where, audience = channel === 'log' ? 'log' : 'unknown') {
    if (channel === 'log') counts.logWrites++;
    else if (channel === 'nats')
      counts.natsMessages++; // e.g. a medium test's outbox: what the relay would publish
    else counts.httpReplies++;
    scanText(channel, text, where, undefined, audience, false);
  },
  settle,
  counts,
};

afterAll(async () => {
  await settle();
  for (const stream of Object.keys(carry)) scanLog(stream, '', true);
  await nats?.close().catch(() => undefined);
  const dir = inject('personalDataDir');
  if (!dir) return;
  const file = path.relative(process.cwd(), expect.getState().testPath ?? '');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${file.replace(/[^\w.-]+/g, '_')}.${process.pid}.json`),
    JSON.stringify({ file, counts, natsProblem, leaks: leaks.map(({ id: _id, ...leak }) => leak) }, null, 2),
  );
});
