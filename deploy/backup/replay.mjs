// `npm run replay -- credit`: rebuilds a consumer's projection from stream EVENTS. The work is
// done by the service's own module (services/credit/src/replay/replay-credit.ts, built into
// dist by `npm run build`); this only finds the settings and prints the report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, connectionSettings, natsCredentials, repoRoot } from './lib.mjs';

/** Builds a service (tsc -b) when its dist/ is missing, as `npm run admin` does on first use. */
function ensureBuilt(service) {
  if (fs.existsSync(path.join(repoRoot, 'services', service, 'dist', 'app.js'))) return;
  process.stderr.write(`首次使用，正在编译 / building services/${service} (tsc -b)…\n`);
  const built = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', path.join(repoRoot, 'services', service)], {
    stdio: 'inherit',
    cwd: repoRoot,
  });
  if (built.status !== 0) throw new BackupError(`tsc -b services/${service} failed`);
}

/** Projections that can be rebuilt, by consumer: a function of (env, options) returning a report. */
export const REPLAYS = {
  async credit(env, options) {
    ensureBuilt('credit');
    let mod;
    try {
      mod = await import('@shanyu/credit');
    } catch (error) {
      throw new BackupError(`找不到已编译的信用服务 (services/credit/dist is missing: run npm run build first): ${error.message}`);
    }
    const { databaseUrl, natsUrl } = connectionSettings(env);
    const { user, password } = natsCredentials(env);
    return mod.replayCredit(
      {
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        NATS_USER: user,
        NATS_PASSWORD: password,
        CREDIT_DB_SCHEMA: env.CREDIT_DB_SCHEMA || 'credit',
        LOG_LEVEL: env.LOG_LEVEL || 'warn',
      },
      { announceGradeChanges: options.announceGradeChanges, progress: (seq, last) => console.error(`[replay] ${seq} / ${last}`) },
    );
  },
};

/** For the admin CLI: `replay(name, { env, announceGradeChanges })` → the report. */
export async function replay(name, { env = process.env, announceGradeChanges = true } = {}) {
  const run = REPLAYS[name];
  if (!run) throw new BackupError(`未知的投影 (unknown projection) "${name}"; known: ${Object.keys(REPLAYS).join(', ')}`);
  return run(env, { announceGradeChanges });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'no-announce': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    console.log(`npm run replay -- <${Object.keys(REPLAYS).join('|')}> [--no-announce] [--json]
  Rebuilds the projection from stream EVENTS in one transaction. Stop the service first (recommended).
  --no-announce: do not publish evt.credit.grade.changed.v1 for grades the replay changed.
  DATABASE_URL, NATS_URL, CREDIT_DB_SCHEMA (default: the local stack of npm start, schema credit).`);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const report = await replay(positionals[0], { announceGradeChanges: !values['no-announce'] });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`重建完成 (rebuilt) ${positionals[0]} [schema ${report.schema}] from ${report.stream} up to seq ${report.lastSeq} in ${report.durationMs} ms`);
  console.log(
    `  events read ${report.eventsRead}; applied ${Object.entries(report.applied)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; duplicates ${report.duplicates}; rejected ${report.rejected}`,
  );
  console.log(
    `  ledger entries ${report.ledgerEntries.before} → ${report.ledgerEntries.after} (kept ${report.ledgerEntries.kept} repair entries); institutions ${report.institutions.before} → ${report.institutions.after}; standings ${report.standings.before} → ${report.standings.after}`,
  );
  for (const c of report.gradeChanges) console.log(`  等级变化 grade changed ${c.institutionId}: ${c.from} → ${c.to}`);
  for (const s of report.skipped) console.log(`  跳过 skipped seq ${s.seq} ${s.subject}: ${s.error}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`[replay] ${error instanceof BackupError || !process.env.SHANYU_DEBUG ? (error?.message ?? error) : (error?.stack ?? error)}`);
    process.exit(1);
  });
}
