// Shared by backup.mjs, restore.mjs and replay.mjs: where PostgreSQL and NATS are (the same
// environment variables the services read, else the local stack of `npm start` found through its
// .data/ files), the NATS connection, and running PostgreSQL's client tools.
// Plain Node ESM, no build step.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import { ensurePostgresBinaries } from '../local/install.mjs';
import { isProcessAlive } from '../local/processes.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `npm start` keeps its data (SHANYU_DATA_DIR, which deploy/local/start.mjs reads too; default .data). */
export function localDataDir(env = process.env) {
  return path.resolve(env.SHANYU_DATA_DIR || path.join(repoRoot, '.data'));
}

/** An error meant for a person: printed without a stack. */
export class BackupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The services' schemas, in the order they are backed up: each from its *_DB_SCHEMA variable. */
export function defaultSchemas(env = process.env) {
  return [
    env.GATEWAY_DB_SCHEMA || 'gateway',
    env.REGISTRY_DB_SCHEMA || 'registry',
    env.STAFF_DB_SCHEMA || 'staff',
    env.CREDIT_DB_SCHEMA || 'credit',
    env.INSPECTION_DB_SCHEMA || 'inspection',
    env.SUBSIDY_DB_SCHEMA || 'subsidy',
  ];
}

/** The JetStream streams: the events (the record other services rebuild from) and the dead letters (to re-drive). */
export const DEFAULT_STREAMS = ['EVENTS', 'DEADLETTER'];

function localPostgresPort(env) {
  // `npm start` picks another port when 54320 is taken; its server's postmaster.pid says which.
  try {
    const lines = fs.readFileSync(path.join(localDataDir(env), 'pg', 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number.parseInt(lines[0], 10);
    const port = Number.parseInt(lines[3], 10);
    if (isProcessAlive(pid) && Number.isInteger(port)) return port;
  } catch {
    // not running here
  }
  return Number(env.SHANYU_PG_PORT ?? 54320);
}

function localNatsPort(env) {
  try {
    const log = fs.readFileSync(path.join(localDataDir(env), 'logs', 'nats.log'), 'utf8');
    const ports = [...log.matchAll(/Listening for client connections on [^\s:]+:(\d+)/g)];
    if (ports.length > 0) return Number(ports.at(-1)[1]);
  } catch {
    // no local log
  }
  return Number(env.SHANYU_NATS_PORT ?? 4222);
}

/**
 * Connection settings: DATABASE_URL and NATS_URL when set (any PostgreSQL and NATS), else the
 * local stack's (`npm start`: role and database `shanyu`, the ports it is running on).
 */
export function connectionSettings(env = process.env) {
  return {
    databaseUrl: env.DATABASE_URL || `postgres://shanyu:shanyu@127.0.0.1:${localPostgresPort(env)}/shanyu`,
    natsUrl: env.NATS_URL || `nats://127.0.0.1:${localNatsPort(env)}`,
  };
}

/** The URL without its password, for manifests and messages. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * NATS_USER / NATS_PASSWORD as the services read them; for the local stack (NATS_URL unset) the
 * full-permission `admin` user `npm start` writes to .data/nats-auth/nats-credentials.json.
 * @returns {{ user?: string, password?: string }}
 */
export function natsCredentials(env = process.env) {
  if (env.NATS_USER) return { user: env.NATS_USER, password: env.NATS_PASSWORD ?? '' };
  if (!env.NATS_URL) {
    try {
      const passwords = JSON.parse(fs.readFileSync(path.join(localDataDir(env), 'nats-auth', 'nats-credentials.json'), 'utf8'));
      if (passwords.admin) return { user: 'admin', password: passwords.admin };
    } catch {
      // a local stack without NATS users
    }
  }
  return {};
}

/**
 * The one place the tools connect to NATS. Credentials, when the broker needs them, come from
 * the environment: NATS_CREDS (a .creds file), NATS_TOKEN, or NATS_USER and NATS_PASSWORD (see
 * natsCredentials()). Fails fast instead of reconnecting forever as the services do.
 */
export async function connectNatsForTools(url, name, env = process.env) {
  const options = { servers: url.split(','), name, timeout: 10_000, maxReconnectAttempts: 10, reconnectTimeWait: 500 };
  const { user, password } = natsCredentials(env);
  if (env.NATS_CREDS) options.authenticator = credsAuthenticator(fs.readFileSync(env.NATS_CREDS));
  else if (env.NATS_TOKEN) options.token = env.NATS_TOKEN;
  else if (user) Object.assign(options, { user, pass: password ?? '' });
  try {
    return await connect(options);
  } catch (error) {
    throw new BackupError(`无法连接 NATS (cannot connect to NATS at ${url}): ${error?.message ?? error}`);
  }
}

/** pg_dump, pg_restore: from PG_BIN_DIR, else beside the machine's PostgreSQL (installed from Debian's package when missing). */
export function pgTools(env = process.env) {
  const dir = env.PG_BIN_DIR || ensurePostgresBinaries().binDir;
  const tool = (name) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new BackupError(`${name} is not in ${dir} (set PG_BIN_DIR to the directory of PostgreSQL's client tools)`);
    return file;
  };
  return { pg_dump: tool('pg_dump'), pg_restore: tool('pg_restore'), dir };
}

/** The libpq connection string without the password, and the password for PGPASSWORD (never on a command line). */
export function libpqTarget(url) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a tool; resolves with stdout, rejects with its stderr. */
export function run(command, args, { env = {}, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.once('error', (e) => reject(new BackupError(`${path.basename(command)} could not start: ${e.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else
        reject(
          new BackupError(`${path.basename(command)} ${args.filter((a) => !a.startsWith('--dbname')).join(' ')} failed (exit code ${code}):\n${err.trim()}`),
        );
    });
    child.stdin.end(input ?? '');
  });
}

export async function sha256File(file) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** A schema name as SQL (the services' names are [a-z][a-z0-9_]*; anything else is refused). */
export function schemaIdent(name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new BackupError(`invalid schema name "${name}"`);
  return `"${name}"`;
}

/** Rows per table of a schema, through a pg client (inside the caller's snapshot). */
export async function tableCounts(client, schema) {
  const { rows } = await client.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [schema],
  );
  const counts = {};
  for (const { name } of rows) {
    const res = await client.query(`SELECT count(*)::bigint AS n FROM ${schemaIdent(schema)}."${name.replace(/"/g, '""')}"`);
    counts[name] = Number(res.rows[0].n);
  }
  return counts;
}

/** The migrations a schema has applied (TypeORM's `migrations` table), oldest first. */
export async function appliedMigrations(client, schema) {
  const exists = await client.query(`SELECT to_regclass($1) AS t`, [`${schemaIdent(schema)}.migrations`]);
  if (!exists.rows[0].t) return [];
  const { rows } = await client.query(`SELECT name FROM ${schemaIdent(schema)}.migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

/** Parses a comma-separated option. */
export function list(value) {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}
