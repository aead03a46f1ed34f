// `npm run backup`: one folder holding every service's PostgreSQL schema (pg_dump, custom
// format, all schemas from one snapshot) and the JetStream streams (every message with its
// subject, headers, data, sequence and time, as gzipped JSON lines), with a manifest of counts
// and checksums. See deploy/backup/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { DeliverPolicy, jetstreamManager, jetstream } from '@nats-io/jetstream';
import pg from 'pg';
import {
  appliedMigrations,
  BackupError,
  connectionSettings,
  connectNatsForTools,
  DEFAULT_STREAMS,
  defaultSchemas,
  libpqTarget,
  list,
  pgTools,
  redactUrl,
  localDataDir,
  run,
  sha256File,
  tableCounts,
} from './lib.mjs';

export const MANIFEST_FORMAT = 'shanyu-backup/1';

/**
 * @typedef {{ name: string, file: string, bytes: number, sha256: string, tables: Record<string, number>, migrations: string[] }} SchemaEntry
 * @typedef {{ name: string, file: string, bytes: number, sha256: string, messages: number, firstSeq: number | null, lastSeq: number | null,
 *             streamState: { messages: number, firstSeq: number, lastSeq: number }, config: Record<string, unknown> }} StreamEntry
 * @typedef {{ format: string, name: string, createdAt: string, finishedAt: string | null, source: { database: string, nats: string },
 *             postgres: { serverVersion: string, pgDump: string, snapshot: string, schemas: SchemaEntry[] } | null, streams: StreamEntry[] }} Manifest
 */

/**
 * One stream message as a JSON line: data as UTF-8 text when it is, else base64.
 * @param {{ seq: number, time: Date, subject: string, data: Uint8Array, headers?: { keys(): string[], values(k: string): string[] } }} msg
 */
export function messageLine(msg) {
  const headers = {};
  if (msg.headers) for (const key of msg.headers.keys()) headers[key] = msg.headers.values(key);
  const line = { seq: msg.seq, time: msg.time.toISOString(), subject: msg.subject, headers };
  const text = Buffer.from(msg.data).toString('utf8');
  if (Buffer.from(text, 'utf8').equals(Buffer.from(msg.data))) line.data = text;
  else line.dataBase64 = Buffer.from(msg.data).toString('base64');
  return `${JSON.stringify(line)}\n`;
}

/** Reads a stream from its first message up to the last one present now, with an ordered consumer (nothing stays on the server). */
async function dumpStream(nc, name, file) {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(name);
  const lastSeq = info.state.last_seq;
  let messages = 0;
  let firstSeq = null;
  let seenLast = null;
  async function* lines() {
    if (info.state.messages === 0) return;
    const consumer = await jetstream(nc).consumers.get(name, { deliver_policy: DeliverPolicy.All });
    const iter = await consumer.consume({ max_messages: 512 });
    try {
      for await (const msg of iter) {
        if (msg.seq > lastSeq) break;
        firstSeq ??= msg.seq;
        seenLast = msg.seq;
        messages++;
        yield messageLine(msg);
        if (msg.seq >= lastSeq || msg.info.pending === 0) break;
      }
    } finally {
      await iter.close().catch(() => undefined);
    }
  }
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(file));
  return {
    messages,
    firstSeq,
    lastSeq: seenLast,
    streamState: { messages: info.state.messages, firstSeq: info.state.first_seq, lastSeq },
    config: info.config,
  };
}

/**
 * Backs up into a new folder under outDir and returns its path and manifest.
 * @param {{ databaseUrl?: string, natsUrl?: string, schemas?: string[], streams?: string[], outDir?: string,
 *           postgres?: boolean, nats?: boolean, log?: (line: string) => void }} [options]
 *   schemas: exactly these (each must exist); default: the services' schemas that exist.
 *   streams: exactly these (each must exist); default: EVENTS and DEADLETTER when present.
 * @returns {Promise<{ dir: string, manifest: Manifest }>}
 */
export async function backup(options = {}) {
  const settings = connectionSettings();
  const databaseUrl = options.databaseUrl ?? settings.databaseUrl;
  const natsUrl = options.natsUrl ?? settings.natsUrl;
  const log = options.log ?? (() => {});
  const outDir = path.resolve(options.outDir ?? process.env.SHANYU_BACKUP_DIR ?? path.join(localDataDir(), 'backups'));
  const createdAt = new Date();
  const name = `shanyu-backup-${createdAt.toISOString().replace(/[:.]/g, '-')}`;
  const finalDir = path.join(outDir, name);
  const workDir = `${finalDir}.partial`;
  fs.mkdirSync(path.join(workDir, 'pg'), { recursive: true });
  fs.mkdirSync(path.join(workDir, 'nats'), { recursive: true });

  /** @type {Manifest} */
  const manifest = {
    format: MANIFEST_FORMAT,
    name,
    createdAt: createdAt.toISOString(),
    finishedAt: null,
    source: { database: redactUrl(databaseUrl), nats: natsUrl },
    postgres: null,
    streams: [],
  };

  try {
    if (options.postgres !== false) {
      const tools = pgTools();
      const client = new pg.Client({ connectionString: databaseUrl, application_name: 'shanyu-backup' });
      try {
        await client.connect();
      } catch (error) {
        throw new BackupError(`无法连接 PostgreSQL (cannot connect to ${redactUrl(databaseUrl)}): ${error.message}`);
      }
      try {
        // One snapshot for every schema: the dumps and the counts all see the same moment.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s;
        const serverVersion = (await client.query('SHOW server_version')).rows[0].server_version;
        const present = new Set((await client.query('SELECT nspname FROM pg_namespace')).rows.map((r) => r.nspname));
        let schemas = options.schemas;
        if (schemas) {
          const missing = schemas.filter((s) => !present.has(s));
          if (missing.length) throw new BackupError(`数据库中没有这些 schema (schemas not found): ${missing.join(', ')}`);
        } else {
          schemas = defaultSchemas().filter((s) => present.has(s));
          const absent = defaultSchemas().filter((s) => !present.has(s));
          if (absent.length) log(`跳过不存在的 schema (skipping schemas that do not exist): ${absent.join(', ')}`);
        }
        if (schemas.length === 0) throw new BackupError('没有可备份的 schema (no service schema found in the database)');
        const pgDumpVersion = (await run(tools.pg_dump, ['--version'])).trim();
        const target = libpqTarget(databaseUrl);
        const entries = [];
        for (const schema of schemas) {
          const file = path.join('pg', `${schema}.dump`);
          log(`pg_dump ${schema}…`);
          await run(
            tools.pg_dump,
            [
              '--format=custom',
              `--schema=${schema}`,
              '--no-owner',
              '--no-privileges',
              `--snapshot=${snapshot}`,
              `--file=${path.join(workDir, file)}`,
              `--dbname=${target.dbname}`,
            ],
            { env: target.env },
          );
          entries.push({
            name: schema,
            file,
            bytes: fs.statSync(path.join(workDir, file)).size,
            sha256: await sha256File(path.join(workDir, file)),
            tables: await tableCounts(client, schema),
            migrations: await appliedMigrations(client, schema),
          });
        }
        manifest.postgres = { serverVersion, pgDump: pgDumpVersion, snapshot, schemas: entries };
        await client.query('COMMIT');
      } finally {
        await client.end().catch(() => undefined);
      }
    }

    // After the database: an event whose outbox row the snapshot holds as unpublished may already
    // be in the stream copy; after a restore the relay publishes it again with the same
    // Nats-Msg-Id, dropped by the duplicate window, and consumers deduplicate on the event id.
    if (options.nats !== false) {
      const nc = await connectNatsForTools(natsUrl, 'shanyu-backup');
      try {
        const jsm = await jetstreamManager(nc);
        const wanted = options.streams ?? DEFAULT_STREAMS;
        for (const stream of wanted) {
          const exists = await jsm.streams.info(stream).then(
            () => true,
            () => false,
          );
          if (!exists) {
            if (options.streams) throw new BackupError(`JetStream 中没有流 ${stream} (stream not found)`);
            log(`跳过不存在的流 (skipping missing stream) ${stream}`);
            continue;
          }
          const file = path.join('nats', `${stream}.jsonl.gz`);
          log(`stream ${stream}…`);
          const dumped = await dumpStream(nc, stream, path.join(workDir, file));
          manifest.streams.push({
            name: stream,
            file,
            bytes: fs.statSync(path.join(workDir, file)).size,
            sha256: await sha256File(path.join(workDir, file)),
            ...dumped,
          });
        }
      } finally {
        await nc.close().catch(() => undefined);
      }
    }

    manifest.finishedAt = new Date().toISOString();
    fs.writeFileSync(path.join(workDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // A folder without ".partial" is complete: the manifest is the last file written.
    fs.renameSync(workDir, finalDir);
    return { dir: finalDir, manifest };
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      schemas: { type: 'string' },
      streams: { type: 'string' },
      'no-postgres': { type: 'boolean' },
      'no-streams': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`npm run backup -- [--out DIR] [--schemas a,b] [--streams EVENTS,DEADLETTER] [--no-postgres] [--no-streams]
  DATABASE_URL, NATS_URL (default: the local stack of npm start); NATS_USER/NATS_PASSWORD, NATS_TOKEN or NATS_CREDS;
  PG_BIN_DIR (pg_dump's directory); SHANYU_BACKUP_DIR (default .data/backups). See deploy/backup/README.md.`);
    return;
  }
  const { dir, manifest } = await backup({
    outDir: values.out,
    schemas: list(values.schemas),
    streams: list(values.streams),
    postgres: !values['no-postgres'],
    nats: !values['no-streams'],
    log: (line) => console.error(`[backup] ${line}`),
  });
  console.log(`备份完成 (backup written): ${dir}`);
  for (const s of manifest.postgres?.schemas ?? []) {
    const rows = Object.values(s.tables).reduce((a, b) => a + b, 0);
    console.log(
      `  schema ${s.name.padEnd(12)} ${String(Object.keys(s.tables).length).padStart(3)} tables ${String(rows).padStart(8)} rows  ${s.migrations.length} migrations`,
    );
  }
  for (const s of manifest.streams)
    console.log(`  stream ${s.name.padEnd(12)} ${String(s.messages).padStart(8)} messages (seq ${s.firstSeq ?? '-'}…${s.lastSeq ?? '-'})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`[backup] ${error instanceof BackupError ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  });
}
