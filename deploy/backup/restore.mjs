// `npm run restore -- <backup folder>`: checks the manifest's checksums, restores each schema
// with pg_restore (refusing a schema that already has tables unless --clean) and republishes each
// stream's messages, with their headers and the same Nats-Msg-Id, into a fresh stream. Counts are
// compared with the manifest afterwards. See deploy/backup/README.md.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import pg from 'pg';
import { MANIFEST_FORMAT } from './backup.mjs';
import { findFreePort, isProcessAlive, startNats, startPostgres } from '../local/processes.mjs';
import {
  BackupError,
  connectionSettings,
  connectNatsForTools,
  libpqTarget,
  list,
  localDataDir,
  pgTools,
  redactUrl,
  run,
  schemaIdent,
  sha256File,
  tableCounts,
} from './lib.mjs';

/** Stream settings carried over from the backup (placement, mirrors and sources belong to the old cluster). */
const STREAM_FIELDS = [
  'name',
  'description',
  'subjects',
  'retention',
  'max_consumers',
  'max_msgs',
  'max_bytes',
  'max_age',
  'max_msgs_per_subject',
  'max_msg_size',
  'discard',
  'storage',
  'num_replicas',
  'duplicate_window',
  'allow_rollup_hdrs',
  'deny_delete',
  'deny_purge',
  'allow_direct',
];

export function readManifest(dir) {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`${dir} 不是备份目录 (no manifest.json; a folder ending in .partial is an unfinished backup)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (manifest.format !== MANIFEST_FORMAT) throw new BackupError(`unknown backup format ${manifest.format} (expected ${MANIFEST_FORMAT})`);
  return manifest;
}

async function verifyChecksums(dir, entries) {
  for (const entry of entries) {
    const file = path.join(dir, entry.file);
    if (!fs.existsSync(file)) throw new BackupError(`备份文件缺失 (missing file) ${entry.file}`);
    const sha = await sha256File(file);
    if (sha !== entry.sha256) throw new BackupError(`备份文件已损坏 (checksum mismatch) ${entry.file}: ${sha} ≠ ${entry.sha256}`);
  }
}

async function withDatabase(databaseUrl, createDatabase, fn) {
  const u = new URL(databaseUrl);
  const database = decodeURIComponent(u.pathname.slice(1));
  if (createDatabase) {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } finally {
      await c.end();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'shanyu-restore' });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`无法连接 PostgreSQL (cannot connect to ${redactUrl(databaseUrl)}): ${error.message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function restoreSchemas(dir, manifest, { databaseUrl, schemas, clean, createDatabase, log }) {
  const tools = pgTools();
  const target = libpqTarget(databaseUrl);
  return withDatabase(databaseUrl, createDatabase, async (client) => {
    const restored = [];
    for (const entry of schemas) {
      const tables = await client.query(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
        [entry.name],
      );
      if (tables.rows[0].n > 0 && !clean) {
        throw new BackupError(
          `目标库的 schema ${entry.name} 已有数据表，未覆盖 (schema ${entry.name} already has tables in ${redactUrl(databaseUrl)}; restore into a fresh database, or pass --clean to drop it first)`,
        );
      }
      await client.query(`DROP SCHEMA IF EXISTS ${schemaIdent(entry.name)} CASCADE`);
      log(`pg_restore ${entry.name}…`);
      await run(
        tools.pg_restore,
        ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.dbname}`, path.join(dir, entry.file)],
        { env: target.env },
      );
      const counts = await tableCounts(client, entry.name);
      const differing = Object.keys({ ...entry.tables, ...counts }).filter((t) => entry.tables[t] !== counts[t]);
      if (differing.length) {
        throw new BackupError(
          `恢复后行数与备份不符 (row counts differ after restoring ${entry.name}): ${differing.map((t) => `${t} ${counts[t]} ≠ ${entry.tables[t]}`).join(', ')}`,
        );
      }
      restored.push({ name: entry.name, tables: counts });
    }
    return restored;
  });
}

/**
 * A backed-up message to publish again: its subject, data and headers (Nats-Msg-Id included).
 * @param {{ subject: string, headers?: Record<string, string[]>, data?: string, dataBase64?: string }} line
 */
export function messageFromLine(line) {
  const h = natsHeaders();
  for (const [key, values] of Object.entries(line.headers ?? {})) for (const v of values) h.append(key, v);
  const data = line.dataBase64 !== undefined ? Buffer.from(line.dataBase64, 'base64') : Buffer.from(line.data ?? '', 'utf8');
  return { subject: line.subject, data, headers: h };
}

async function* readLines(file) {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line);
}

async function restoreStream(dir, entry, { nc, clean, replicas, log, concurrency = 256 }) {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const existing = await jsm.streams.info(entry.name).catch(() => null);
  if (existing && existing.state.messages > 0) {
    if (!clean) {
      throw new BackupError(
        `流 ${entry.name} 已有 ${existing.state.messages} 条消息，未覆盖 (stream ${entry.name} is not empty; restore into a fresh broker, or pass --clean to delete it first — its consumers go with it)`,
      );
    }
    await jsm.streams.delete(entry.name);
  }
  if (!existing || (existing && existing.state.messages > 0)) {
    const config = Object.fromEntries(STREAM_FIELDS.filter((f) => entry.config[f] !== undefined).map((f) => [f, entry.config[f]]));
    if (replicas) config.num_replicas = replicas;
    await jsm.streams.add(config);
  }
  log(`stream ${entry.name}: ${entry.messages} messages…`);
  let published = 0;
  let duplicates = 0;
  const inFlight = new Set();
  let failure = null;
  for await (const line of readLines(path.join(dir, entry.file))) {
    const { subject, data, headers } = messageFromLine(line);
    // Published in order (one connection), acknowledged concurrently: the stream keeps the order.
    const p = js
      .publish(subject, data, { headers, timeout: 30_000 })
      .then(
        (ack) => {
          if (ack.duplicate) duplicates++;
          else published++;
        },
        (error) => {
          failure ??= new BackupError(
            `流 ${entry.name} 恢复中断 (publishing seq ${line.seq} failed: ${error?.message ?? error}); the stream is incomplete: run the restore again with --clean`,
          );
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  const info = await jsm.streams.info(entry.name);
  // A message the original stream stored twice under one Nats-Msg-Id (a republish after the
  // duplicate window) is stored once now: consumers deduplicated it on the event id anyway.
  if (published + duplicates !== entry.messages) {
    throw new BackupError(
      `流 ${entry.name} 恢复了 ${published + duplicates} 条，备份有 ${entry.messages} 条 (republished ${published + duplicates} of ${entry.messages})`,
    );
  }
  return { name: entry.name, published, duplicates, messages: info.state.messages, firstSeq: info.state.first_seq, lastSeq: info.state.last_seq };
}

/**
 * Restores a backup folder.
 * @param {{ dir: string, databaseUrl?: string, natsUrl?: string, schemas?: string[], streams?: string[], clean?: boolean,
 *           createDatabase?: boolean, postgres?: boolean, nats?: boolean, replicas?: number, log?: (line: string) => void }} options
 * @returns {Promise<{ manifest: import('./backup.mjs').Manifest, schemas: { name: string, tables: Record<string, number> }[],
 *                     streams: { name: string, published: number, duplicates: number, messages: number, firstSeq: number, lastSeq: number }[] }>}
 */
export async function restore(options) {
  const dir = path.resolve(options.dir);
  const manifest = readManifest(dir);
  const settings = connectionSettings();
  const databaseUrl = options.databaseUrl ?? settings.databaseUrl;
  const natsUrl = options.natsUrl ?? settings.natsUrl;
  const log = options.log ?? (() => {});
  const pick = (entries, names, what) => {
    if (!names) return entries;
    const missing = names.filter((n) => !entries.some((e) => e.name === n));
    if (missing.length) throw new BackupError(`备份中没有 (not in the backup) ${what}: ${missing.join(', ')}`);
    return entries.filter((e) => names.includes(e.name));
  };
  const schemas = options.postgres === false ? [] : pick(manifest.postgres?.schemas ?? [], options.schemas, 'schemas');
  const streams = options.nats === false ? [] : pick(manifest.streams ?? [], options.streams, 'streams');
  await verifyChecksums(dir, [...schemas, ...streams]);

  const result = { manifest, schemas: [], streams: [] };
  if (schemas.length) {
    result.schemas = await restoreSchemas(dir, manifest, { databaseUrl, schemas, clean: options.clean, createDatabase: options.createDatabase, log });
  }
  if (streams.length) {
    const nc = await connectNatsForTools(natsUrl, 'shanyu-restore');
    try {
      const replicas = options.replicas ?? (process.env.EVENTS_REPLICAS ? Number(process.env.EVENTS_REPLICAS) : undefined);
      for (const entry of streams) result.streams.push(await restoreStream(dir, entry, { nc, clean: options.clean, replicas, log }));
    } finally {
      await nc.close().catch(() => undefined);
    }
  }
  return result;
}

/**
 * Runs fn against the local stack's own data (.data/pg, .data/nats) with PostgreSQL and NATS
 * started just for it, on free ports: for restoring while `npm start` is stopped.
 */
async function withLocalStack(fn) {
  const dataDir = localDataDir();
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    if (isProcessAlive(pid))
      throw new BackupError('npm start 仍在运行，请先按 Ctrl-C 停止 (npm start is running: stop it first, the restore must not race the services)');
  } catch (error) {
    if (error instanceof BackupError) throw error;
  }
  const pgh = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: await findFreePort() });
  let nats;
  try {
    const configFile = path.join(dataDir, 'nats-auth', 'nats-auth.conf');
    nats = await startNats({ storeDir: path.join(dataDir, 'nats'), port: await findFreePort(), ...(fs.existsSync(configFile) ? { configFile } : {}) });
    return await fn({ databaseUrl: pgh.url, natsUrl: nats.url });
  } finally {
    await nats?.stop();
    await pgh.stop();
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schemas: { type: 'string' },
      streams: { type: 'string' },
      clean: { type: 'boolean' },
      'create-database': { type: 'boolean' },
      local: { type: 'boolean' },
      'no-postgres': { type: 'boolean' },
      'no-streams': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(`npm run restore -- <backup folder> [--local] [--schemas a,b] [--streams EVENTS] [--clean] [--create-database] [--no-postgres] [--no-streams]
  Stop the services first. DATABASE_URL, NATS_URL (default: the local stack of npm start); EVENTS_REPLICAS; see deploy/backup/README.md.
  --local: into the local stack's .data/ while npm start is stopped (PostgreSQL and NATS are started for the restore).`);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const restoreInto = (target) =>
    restore({
      ...target,
      dir: positionals[0],
      schemas: list(values.schemas),
      streams: list(values.streams),
      clean: values.clean,
      createDatabase: values['create-database'],
      postgres: !values['no-postgres'],
      nats: !values['no-streams'],
      log: (line) => console.error(`[restore] ${line}`),
    });
  const result = values.local ? await withLocalStack(restoreInto) : await restoreInto({});
  console.log(`恢复完成 (restored) ${result.manifest.name}`);
  for (const s of result.schemas)
    console.log(`  schema ${s.name.padEnd(12)} ${Object.values(s.tables).reduce((a, b) => a + b, 0)} rows, counts match the manifest`);
  for (const s of result.streams) console.log(`  stream ${s.name.padEnd(12)} ${s.published} messages (new sequence numbers ${s.firstSeq}…${s.lastSeq})`);
  console.log('  现在可启动各服务 (start the services now; each finds its migrations applied).');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`[restore] ${error instanceof BackupError ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  });
}
