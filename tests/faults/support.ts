// What the fault suites (issue 9 §1) share: services as restartable child processes running their
// built code, polling, an HTTP client that tallies every outcome, counting the JetStream EVENTS
// stream by Nats-Msg-Id, and the rig around it all (own PostgreSQL, logs, the kill-and-restart phases).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import {
  buildServices,
  eventually,
  natsControl,
  type OwnPostgres,
  personalDataWatch,
  startOwnPostgres,
  testNatsCredentials,
  testNatsUrl,
  testStackSecrets,
} from '@shanyu/testing';
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

/** What a kill -9 takes down: a child service, nats-server or PostgreSQL. */
interface Killable {
  kill9(): Promise<void>;
}

/**
 * What each fault suite sets up around its services: a PostgreSQL cluster of its own (the suite
 * kills it: no other file running meanwhile sees it go), the built services, the gateway's port,
 * the children's logs, the tallying HTTP client and the timeline of the phases.
 */
export class FaultRig {
  readonly http = new TalliedHttp();
  /** The children's logs, under the repository's .test-data/ (ignored by git), shown when a check fails. */
  readonly logDir: string;
  readonly timeline: string[] = [];
  /** Set by the test once every check has passed: the logs are then removed. */
  passed = false;
  gatewayPort = 0;
  databaseUrl = '';
  private postgres?: OwnPostgres;
  private t0 = Date.now();

  /** `name` labels the logs, the PostgreSQL cluster and the console lines. */
  constructor(readonly name: string) {
    this.logDir = makeLogDir(`${name}-logs-`);
  }

  /** Starts the PostgreSQL cluster, builds the services (the children run the compiled code) and picks the gateway's port. */
  async start(): Promise<void> {
    this.postgres = await startOwnPostgres(this.name);
    await buildServices();
    this.databaseUrl = faultDatabaseUrl(this.postgres.url);
    this.gatewayPort = await freePort();
    this.http.baseUrl = `http://127.0.0.1:${this.gatewayPort}`;
  }

  private postgresControl() {
    return this.postgres!.control;
  }

  /** The environment every child shares. */
  commonEnv(): Record<string, string> {
    return { DATABASE_URL: this.databaseUrl, NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '3000' };
  }

  /** The gateway's own settings: its port, the demo accounts' password, the services its health check asks. */
  gatewayEnv(demoPassword: string, healthServices: readonly string[]): Record<string, string> {
    return {
      PORT: String(this.gatewayPort),
      HOST: '127.0.0.1',
      SHANYU_DEMO_PASSWORD: demoPassword,
      HEALTH_SERVICES: healthServices.join(','),
      JWT_TTL_SECONDS: '3600',
    };
  }

  /** A child service on the file's broker with its own NATS user, logging to `<service>.log`. */
  service(name: string, env: Record<string, string>): ServiceProcess {
    return new ServiceProcess(name, { ...testNatsCredentials(name), ...env }, path.join(this.logDir, `${name}.log`));
  }

  /** Until `service` answers its NATS health ping. */
  pingUp(nc: NatsConnection, service: string) {
    return eventually(
      `${service} to answer its ping`,
      async () => (await nc.request(`${service}.health.ping`, '{}', { timeout: 1_000 })).json<{ ok: boolean }>().ok,
      60_000,
    );
  }

  gatewayUp() {
    return eventually(
      'the gateway to be ready',
      async () => (await fetch(`${this.http.baseUrl}/health?scope=self`, { signal: AbortSignal.timeout(2_000) })).ok,
      60_000,
    );
  }

  /** Starts the timeline: the load begins. */
  startTimeline(): void {
    this.t0 = Date.now();
  }

  /** A new phase: HTTP outcomes are tallied under it from now on. */
  mark(what: string): void {
    this.http.phase = what;
    this.timeline.push(`${((Date.now() - this.t0) / 1000).toFixed(1)}s ${what}`);
  }

  secondsSinceStart(): number {
    return (Date.now() - this.t0) / 1000;
  }

  /** kill -9 of `what`, down for `downMs`, restarted (`restart` resolves once it is back), then `settleMs` of load. */
  private async outage(what: string, target: Killable, restart: () => Promise<unknown>, downMs: number, settleMs: number): Promise<void> {
    this.mark(`${what} killed`);
    await target.kill9();
    await sleep(downMs);
    this.mark(`${what} restarting`);
    await restart();
    this.mark(`${what} back`);
    await sleep(settleMs);
  }

  /** kill -9 of the file's nats-server, restarted after 2 s; then `settleMs` of load. */
  natsOutage(settleMs: number): Promise<void> {
    const nats = natsControl();
    return this.outage('nats-server', nats, () => nats.restart(), 2_000, settleMs);
  }

  /** kill -9 of the suite's PostgreSQL, restarted after 2 s; then `settleMs` of load. */
  postgresOutage(settleMs: number): Promise<void> {
    const pg = this.postgresControl();
    return this.outage('PostgreSQL', pg, () => pg.restart(), 2_000, settleMs);
  }

  /** kill -9 of a child service, started again after `downMs` and back once `up` resolves; then 2 s of load. */
  serviceOutage(service: ServiceProcess, up: () => Promise<unknown>, downMs: number): Promise<void> {
    const restart = async () => {
      service.start();
      await up();
    };
    return this.outage(service.name, service, restart, downMs, 2_000);
  }

  /** Brings back nats-server and PostgreSQL if a failed test left them down, before the suite stops its children. */
  async restoreKilled(): Promise<void> {
    if (natsControl().pid() === undefined)
      await natsControl()
        .restart()
        .catch(() => undefined);
    if (this.postgres && this.postgresControl().pid() === undefined)
      await this.postgresControl()
        .restart()
        .catch(() => undefined);
  }

  /** Once the children have stopped: their logs scanned, kept when a check failed (or asked for), and PostgreSQL stopped. */
  async finish(): Promise<void> {
    // The children's log lines are part of the run's logs: the personal-data watch scans them too.
    for (const file of fs.existsSync(this.logDir) ? fs.readdirSync(this.logDir) : []) {
      personalDataWatch().scan('log', fs.readFileSync(path.join(this.logDir, file), 'utf8'), `${this.name} child log ${file}`);
    }
    if (process.env.SHANYU_FAULT_KEEP_LOGS || !this.passed) console.log(`[${this.name}] logs kept in ${this.logDir}`);
    else fs.rmSync(this.logDir, { recursive: true, force: true });
    await this.postgres?.stop();
  }
}
