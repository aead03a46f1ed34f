// What the fault suites (issue 9 §1) share: services as restartable child processes running their
// built code, polling, an HTTP client that tallies every outcome, and counting the JetStream
// EVENTS stream by Nats-Msg-Id.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { DeliverPolicy, jetstream, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A database URL with synchronous_commit=on: the test PostgreSQL runs with fsync off for speed,
 * which loses nothing when a *process* is killed as long as each commit has reached the kernel —
 * the production default, asked for here.
 */
export function faultDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', '-c synchronous_commit=on');
  return url.toString();
}

/** A directory under the repository's .test-data/ (ignored by git) for the children's logs. */
export function makeLogDir(prefix: string): string {
  fs.mkdirSync(path.join(ROOT, '.test-data'), { recursive: true });
  return fs.mkdtempSync(path.join(ROOT, '.test-data', prefix));
}

/** One service as a child process, restartable with the same environment. */
export class ServiceProcess {
  child?: ChildProcess;
  unexpectedExits = 0;
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  start(): void {
    const log = fs.openSync(this.logFile, 'a');
    this.expectingExit = false;
    const child = spawn(process.execPath, [`services/${this.name}/dist/main.js`], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    child.once('exit', () => {
      if (!this.expectingExit) this.unexpectedExits++;
    });
    this.child = child;
  }

  async kill9(): Promise<void> {
    this.expectingExit = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    this.expectingExit = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
  }

  /** The last error lines of its log (JSON lines at level error). */
  logTail(lines = 20): string {
    try {
      return fs
        .readFileSync(this.logFile, 'utf8')
        .split('\n')
        .filter((l) => /"level":"error"|Error/.test(l))
        .slice(-lines)
        .map((l) => l.slice(0, 600))
        .join('\n');
    } catch {
      return '';
    }
  }
}

export type Outcome = 'ok' | 'refused' | 'failed';

/** HTTP calls to the gateway, each outcome tallied under the current phase (e.g. `registry killed: failed 503 …`). */
export class TalliedHttp {
  baseUrl = '';
  phase = 'warm-up';
  readonly outcomes = new Map<string, number>();

  private count(key: string) {
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  async call(method: string, url: string, token: string, body?: unknown): Promise<{ outcome: Outcome; status: number; body?: Record<string, unknown> }> {
    try {
      const res = await fetch(`${this.baseUrl}${url}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      const outcome: Outcome = res.ok ? 'ok' : res.status < 500 ? 'refused' : 'failed';
      this.count(`${this.phase}: ${outcome}${outcome === 'ok' ? '' : ` ${res.status} ${json.code ?? ''}`}`.trim());
      return { outcome, status: res.status, body: json };
    } catch (e) {
      this.count(`${this.phase}: failed (no answer: ${(e as Error).name})`);
      return { outcome: 'failed', status: 0 };
    }
  }

  async login(username: string, password: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /** Every tally, sorted; and the ones that were a 500 (never acceptable: 503 / 504 while something is down are). */
  summary(): { byOutcome: string[]; internalErrors: string[] } {
    const byOutcome = [...this.outcomes].sort().map(([k, v]) => `${k} ${v}`);
    return { byOutcome, internalErrors: byOutcome.filter((o) => / 500 /.test(o)) };
  }
}

/**
 * How many times each of `ids` is in the EVENTS stream (by Nats-Msg-Id) among the messages on
 * `filterSubject`; throws if a message's envelope carries another event id than its Nats-Msg-Id.
 */
export async function countInStream(nc: NatsConnection, filterSubject: string, ids: Iterable<string>, stream = EVENT_STREAM): Promise<Map<string, number>> {
  const ours = new Set(ids);
  const inStream = new Map<string, number>();
  const reader = await jetstream(nc).consumers.get(stream, { filter_subjects: filterSubject, deliver_policy: DeliverPolicy.All });
  for (;;) {
    const m: JsMsg | null = await reader.next({ expires: 2_000 });
    if (!m) break;
    const id = m.headers?.get('Nats-Msg-Id') ?? '';
    if (ours.has(id)) {
      inStream.set(id, (inStream.get(id) ?? 0) + 1);
      // An event carries its own id; a dead letter carries the id of the event it failed on.
      const envelope = m.json<EventEnvelope>();
      if (stream === EVENT_STREAM && envelope.eventId !== id) throw new Error(`message ${id} carries eventId ${envelope.eventId}`);
    }
    if (m.info.pending === 0) break;
  }
  return inStream;
}

/** Whether a NATS subject matches a filter with `*` and `>` wildcards. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}
