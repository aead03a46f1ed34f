import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  checkDivisionTable,
  ConfigError,
  DIVISION_TABLE,
  type DivisionRow,
  DomainError,
  generateIdentityKeyPair,
  JsonLogger,
  loadConfig,
} from '@shanyu/common';
import {
  AUDITED_SERVICES,
  type AuditVerificationView,
  auditSubjects,
  LoadCalendarYearBody,
  type LoadPopulationBody,
  PII_SERVICES,
  piiAdminSubjects,
  type PiiReencryptView,
  RegistryRpc,
  validateContract,
} from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import { CreateAccount, MIN_PASSWORD_LENGTH } from '../accounts/create-account.use-case.js';
import { CreateApiClient, ListApiClients, RevokeApiClient, RotateApiClientSecret } from '../api-clients/index.js';
import { UserAccountRepository } from '../accounts/user-account.repository.js';
import { LoadCalendarYear } from '../calendar/load-calendar-year.use-case.js';
import { GatewayConfig } from '../config.js';
import { parsePopulationCsv } from '../population/population-csv.js';
import { parseCsv } from '../uploads/sheet-reader.js';
import { AdminContext } from './admin-context.js';
import { DeadLetters } from './dead-letters.js';

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** Standard input, read when a command asks for it (`--password-stdin`). */
  stdin(): Promise<string>;
}

export const HELP = `善育 Shanyu 运维命令 / admin commands

用法 Usage:  npm run admin -- <command> [options]

命令 Commands:
  account create --username <name> --department <dept> --role <role> --name <显示名称>
                 [--divisions <code,code>] [--password-stdin]
        创建登录账号；不给 --password-stdin 时生成随机密码并只显示这一次。
        Create a person's login; without --password-stdin a random password is printed once.
        department: health market civil fire police education hrss street finance operator admin
        role: official inspector operator admin
  account list
        列出账号（不含密码）/ list accounts (no passwords)
  calendar load <file.json> [--year <YYYY>]
        载入某年节假日安排 {"source", "entries": [{"date","kind":"holiday|workday","name"}]}，
        审计并发布 evt.gateway.calendar.loaded.v1 / load a year's holiday arrangement
  population load <file.csv|file.json>
        载入人口数据（CSV 表头 divisionCode,year,residentPopulation,childrenUnder3,source，或 JSON {"rows":[…]}）
        / load population data into the registry
  divisions check <file.csv> [--emit-ts]
        校验区划表（CSV 表头 code,name,level,parent）并与内置表比较；--emit-ts 输出可并入
        libs/common/src/division-table.ts 的行。区划表是代码，不在运行时载入：令牌的区划范围、
        事件数据和各服务的区划校验必须用同一张表，所以更新方法是 check --emit-ts → 把输出的行
        并入该文件 → npm run build（及测试）→ 重新部署全部服务与网页。
        / check a division table against the bundled one; --emit-ts prints rows for division-table.ts.
        The division table is code, not loaded at run time: every service and the web app must agree
        on it (division scopes in tokens, event data, each service's checks). To update it: check
        --emit-ts, paste the rows into libs/common/src/division-table.ts, npm run build (and the
        tests), redeploy every service and the web app.
  dlq list [--consumer <name>]
        死信：按消费者计数，或列出某消费者的每一条 / dead letters per consumer, or one consumer's
  dlq redrive --consumer <name> (--seq <n,n…> | --all)
        重投死信：以原 eventId 重新发布到原主题（收件箱去重，效果只发生一次），然后删除死信
        / re-publish with the original eventId (inbox dedupe: one effect), then remove the dead letter
  api-client create --name <系统名称> --department <dept> --divisions <code,code> --scope "<METHOD /path>" [--scope …]
        为部门业务系统创建接口客户端；密钥只显示这一次 / give a department system credentials;
        the secret is shown once (scopes as in /api/docs-json, e.g. "GET /api/v1/inspections/{id}")
  api-client list
  api-client rotate <clientId> [--overlap-seconds <n>]
        轮换密钥，旧密钥在重叠期内仍有效 / new secret; the old one works for the overlap (default 1 day)
  api-client revoke <clientId> [--reason <原因>]
        立即吊销 / revoke at once (secrets, API key and issued tokens)
  audit verify [--service <name,name…>]
        校验审计哈希链 / verify the audit hash chains (${AUDITED_SERVICES.join(', ')})
  pii-reencrypt [--dry-run] [--service <${PII_SERVICES.join(',')}>] [--batch-size <n>]
        轮换 PII_KEY 后，把已存的个人信息密文全部改用当前密钥加密（并按 PII_MATCH_KEY 重算员工身份证号哈希）；
        可重复执行，逐表报告计数 / after rotating PII_KEY: re-encrypt every stored ciphertext under it
        (and recompute staff ID hashes under PII_MATCH_KEY), in batches, idempotent; counts per table.
        See docs/configuration.md "Rotating the personal-data keys".
  identity-keys
        生成一对身份令牌密钥（Ed25519，base64 DER 各一行）：私钥给网关 IDENTITY_SIGNING_KEY，公钥给各服务
        IDENTITY_PUBLIC_KEY；无需数据库或 NATS / print a new identity key pair: the private key for the
        gateway's IDENTITY_SIGNING_KEY, the public key for every service's IDENTITY_PUBLIC_KEY
  backup [--out DIR] […]      运行 npm run backup（备份数据库各 schema 与 JetStream 流）/ runs deploy/backup/backup.mjs
  restore <backup folder> […] 运行 npm run restore（恢复备份）/ runs deploy/backup/restore.mjs
  replay <projection> […]     运行 npm run replay（从事件流重建投影）/ runs deploy/backup/replay.mjs
        参数原样传给脚本，--help 看各自的选项 / arguments go to the script as given; see its --help
        and deploy/backup/README.md

选项 Options:  --json  机器可读输出 / machine-readable output     -h, --help

环境变量 Environment (the gateway's own): DATABASE_URL, GATEWAY_DB_SCHEMA, NATS_URL, NATS_USER,
  NATS_PASSWORD, RPC_TIMEOUT_MS; SHANYU_ADMIN_ACTOR (who is recorded in the audit log).
退出码 Exit status: 0 成功 ok, 1 失败 failed, 2 用法错误 usage error.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  username: { type: 'string' },
  department: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  divisions: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  year: { type: 'string' },
  consumer: { type: 'string' },
  seq: { type: 'string' },
  all: { type: 'boolean' },
  service: { type: 'string' },
  scope: { type: 'string', multiple: true },
  'overlap-seconds': { type: 'string' },
  reason: { type: 'string' },
  'emit-ts': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'batch-size': { type: 'string' },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

class UsageError extends Error {}

/** Runs one admin command; returns the exit status. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [first, ...scriptArgs] = argv;
  if (first && Object.hasOwn(BACKUP_SCRIPTS, first)) return runBackupScript(first as keyof typeof BACKUP_SCRIPTS, scriptArgs, io);
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    io.err(`用法错误 Usage error: ${(e as Error).message}\n`);
    io.err(HELP);
    return 2;
  }
  const [group, action, ...rest] = positionals;
  if (values.help || !group) {
    (group || values.help ? io.out : io.err)(HELP);
    return values.help ? 0 : 2;
  }
  if (group === 'identity-keys' && !action) {
    const pair = generateIdentityKeyPair();
    if (values.json) io.out(JSON.stringify({ IDENTITY_SIGNING_KEY: pair.signingKey, IDENTITY_PUBLIC_KEY: pair.publicKey }));
    else io.out(`IDENTITY_SIGNING_KEY=${pair.signingKey}\nIDENTITY_PUBLIC_KEY=${pair.publicKey}`);
    return 0;
  }
  let context: AdminContext | undefined;
  try {
    const command = `${group} ${action ?? ''}`.trim();
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(`未知命令 unknown command: ${command}`);
    const config = loadConfig(GatewayConfig, io.env);
    const logger = new JsonLogger('admin-cli', 'error', (line) => io.err(line));
    context = new AdminContext(config, AdminContext.actorFrom(io.env), logger);
    return await handler({ context, values, args: rest, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`用法错误 Usage error: ${e.message}\n`);
      io.err(HELP);
      return 2;
    }
    printError(io, e);
    return 1;
  } finally {
    await context?.close();
  }
}

/** The backup tools (deploy/backup, README there): the same scripts as `npm run backup|restore|replay`. */
const BACKUP_SCRIPTS = { backup: 'backup.mjs', restore: 'restore.mjs', replay: 'replay.mjs' } as const;

/** The repository root: above this file, in src/ (tests) or dist/ (the built CLI). */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'deploy/backup/backup.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('找不到 deploy/backup（管理命令须在代码仓库中运行）/ deploy/backup not found: run the admin CLI from the repository');
    dir = parent;
  }
  return dir;
}

/** Runs a backup script with the arguments as given and this environment; its output goes through io, line by line. */
async function runBackupScript(name: keyof typeof BACKUP_SCRIPTS, args: string[], io: AdminIo): Promise<number> {
  let root: string;
  try {
    root = repositoryRoot();
  } catch (e) {
    printError(io, e);
    return 1;
  }
  const child = spawn(process.execPath, [path.join(root, 'deploy/backup', BACKUP_SCRIPTS[name]), ...args], {
    cwd: root,
    env: io.env,
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const forward = (stream: NodeJS.ReadableStream, write: (line: string) => void) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) write(line);
    });
    stream.on('end', () => pending && write(pending));
  };
  forward(child.stdout, io.out);
  forward(child.stderr, io.err);
  return new Promise((resolve) => {
    child.on('error', (e) => {
      printError(io, e);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function printError(io: AdminIo, e: unknown): void {
  if (e instanceof DomainError) {
    io.err(`失败 Failed [${e.code}]: ${e.message}`);
    for (const d of e.details ?? []) io.err(`  - ${d.field}: ${d.message}`);
  } else if (e instanceof ConfigError) {
    io.err(`配置错误 Configuration error: ${e.message}`);
  } else {
    io.err(`失败 Failed: ${(e as Error)?.message ?? String(e)}`);
  }
}

interface CommandInput {
  context: AdminContext;
  values: Values;
  args: string[];
  io: AdminIo;
}

const required = (values: Values, name: keyof Values): string => {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`缺少 --${String(name)} / --${String(name)} is required`);
  return v.trim();
};

/** `code,name,level,parent` (parent empty for a province); the header line is required. */
function parseDivisionCsv(text: string): DivisionRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    throw new DomainError('VALIDATION', `CSV 格式有误 / malformed CSV: ${(e as Error).message}`);
  }
  if (records[0]?.cells.join(',') !== 'code,name,level,parent')
    throw new DomainError('VALIDATION', 'CSV 第 1 行须为 code,name,level,parent / the header must be code,name,level,parent');
  return records.slice(1).map(({ line, cells }) => {
    const [code = '', name = '', level = '', parent = ''] = cells;
    if (!['province', 'city', 'county', 'street'].includes(level)) {
      throw new DomainError('VALIDATION', `第 ${line} 行：level 须为 province、city、county 或 street / line ${line}: bad level ${level}`);
    }
    return { code, name, level: level as DivisionRow['level'], parent: parent || null };
  });
}

/** A TypeScript string literal for division-table.ts: a name may hold a quote or a backslash. */
const tsString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The row id of a client given by its client_id (what ops see) or its id. */
async function apiClientId(context: AdminContext, given: string | undefined): Promise<string> {
  if (!given) throw new UsageError('缺少接口客户端 / give the client_id');
  const clients = await new ListApiClients(await context.dataSource()).execute();
  const found = clients.find((c) => c.clientId === given || c.id === given);
  if (!found) throw new DomainError('API_CLIENT_NOT_FOUND', `没有接口客户端 ${given} / no API client ${given}`);
  return found.id;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} 不是有效的 JSON / is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

const COMMANDS: Record<string, (input: CommandInput) => Promise<number>> = {
  async 'account create'({ context, values, io }) {
    const generated = !values['password-stdin'];
    const password = generated ? randomBytes(18).toString('base64url') : (await io.stdin()).replace(/\r?\n$/, '');
    const input = {
      username: required(values, 'username'),
      department: required(values, 'department'),
      role: required(values, 'role'),
      displayName: required(values, 'name'),
      divisions: list(values.divisions),
      password,
    };
    const created = await new CreateAccount(await context.unitOfWork()).execute(input, context.actor);
    if (values.json) io.out(JSON.stringify({ ...created, ...(generated ? { password } : {}) }));
    else {
      io.out(`已创建账号 Account created: ${created.username} (${created.id})`);
      if (generated) io.out(`初始密码（只显示这一次）Initial password (shown once): ${password}`);
      else io.out(`密码已设置（至少 ${MIN_PASSWORD_LENGTH} 个字符）/ password set from stdin`);
    }
    return 0;
  },

  async 'account list'({ context, values, io }) {
    const rows = await new UserAccountRepository((await context.dataSource()).manager).all();
    const view = rows.map((r) => ({
      username: r.username,
      department: r.department,
      role: r.role,
      divisions: r.divisions,
      displayName: r.displayName,
      active: r.active,
      demo: r.demo,
    }));
    if (values.json) io.out(JSON.stringify(view));
    else
      for (const a of view)
        io.out(
          `${a.username}\t${a.department}\t${a.role}\t${a.divisions.join(',') || '-'}\t${a.displayName}${a.active ? '' : '\t(停用 inactive)'}${a.demo ? '\t(演示 demo)' : ''}`,
        );
    return 0;
  },

  async 'calendar load'({ context, values, args, io }) {
    const [file] = args;
    if (!file) throw new UsageError('缺少文件 / a JSON file is required: calendar load <file.json>');
    const raw = (await readJson(file)) as Record<string, unknown>;
    const { year: fileYear, ...body } = raw && typeof raw === 'object' ? raw : {};
    const entries = Array.isArray(body.entries) ? (body.entries as { date?: unknown }[]) : [];
    const year = Number(values.year ?? fileYear ?? String(entries[0]?.date ?? '').slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new UsageError('无法确定年份，请用 --year 指定 / give the year with --year');
    const valid = await validateContract(LoadCalendarYearBody, body);
    const view = await new LoadCalendarYear(await context.unitOfWork()).execute(year, valid, context.actor);
    await context.flushOutbox();
    if (values.json) io.out(JSON.stringify(view));
    else
      io.out(
        `已载入 ${year} 年节假日安排 Loaded the ${year} calendar: ${valid.entries.length} 条 entries, ${view.workingDays} 个工作日 working days (${valid.source})`,
      );
    return 0;
  },

  async 'population load'({ context, values, args, io }) {
    const [file] = args;
    if (!file) throw new UsageError('缺少文件 / a file is required: population load <file.csv|file.json>');
    const csv = !/\.json$/i.test(file);
    const body = csv ? { rows: parsePopulationCsv(await readFile(file, 'utf8')) } : await readJson(file);
    const rpc = await context.rpc();
    // The file as read: the registry validates it.
    const result = await rpc
      .call(RegistryRpc.loadPopulation, (Array.isArray(body) ? { rows: body } : body) as LoadPopulationBody, { actor: context.actor })
      .catch((e: unknown) => {
        // CSV rows named by their line (the header is line 1), as the HTTP import does.
        if (csv && e instanceof DomainError && e.details) {
          throw new DomainError(
            e.code,
            e.message,
            e.details.map((d) => ({ ...d, field: d.field.replace(/^rows\.(\d+)\.?/, (_m, i: string) => `第 ${Number(i) + 2} 行 line ${Number(i) + 2}: `) })),
          );
        }
        throw e;
      });
    if (values.json) io.out(JSON.stringify(result));
    else io.out(`已载入人口数据 Population loaded: ${result.loaded} 行 rows`);
    return 0;
  },

  async 'divisions check'({ values, args, io }) {
    const [file] = args;
    if (!file) throw new UsageError('缺少文件 / a CSV file is required: divisions check <file.csv>');
    const rows = parseDivisionCsv(await readFile(file, 'utf8'));
    const bundled = new Map(DIVISION_TABLE.map((r) => [r.code, r]));
    const merged = new Map(bundled);
    for (const r of rows) merged.set(r.code, r);
    const problems = checkDivisionTable([...merged.values()]);
    const added = rows.filter((r) => !bundled.has(r.code));
    const changed = rows.filter((r) => bundled.has(r.code) && JSON.stringify(bundled.get(r.code)) !== JSON.stringify(r));
    if (values.json) io.out(JSON.stringify({ rows: rows.length, added: added.map((r) => r.code), changed: changed.map((r) => r.code), problems }));
    else {
      io.out(
        `${rows.length} 行 rows: ${added.length} 个新增 new, ${changed.length} 个变更 changed, ${rows.length - added.length - changed.length} 个与内置表相同 as bundled`,
      );
      for (const r of changed) io.out(`  变更 changed ${r.code}: ${JSON.stringify(bundled.get(r.code))} → ${JSON.stringify(r)}`);
      for (const p of problems) io.err(`  问题 problem ${p}`);
      if (values['emit-ts'] && !problems.length)
        for (const r of [...added, ...changed])
          io.out(
            `  { code: ${tsString(r.code)}, name: ${tsString(r.name)}, level: '${r.level}', parent: ${r.parent === null ? 'null' : tsString(r.parent)} },`,
          );
    }
    return problems.length ? 1 : 0;
  },

  async 'dlq list'({ context, values, io }) {
    const dlq = new DeadLetters(await context.js(), await context.jsm());
    if (!values.consumer) {
      const counts = await dlq.counts();
      if (values.json) io.out(JSON.stringify(counts));
      else if (Object.keys(counts).length === 0) io.out('没有死信 No dead letters.');
      else for (const [consumer, n] of Object.entries(counts)) io.out(`${consumer}\t${n}`);
      return 0;
    }
    const letters = await dlq.list(values.consumer);
    if (values.json) io.out(JSON.stringify(letters));
    else if (letters.length === 0) io.out(`${values.consumer} 没有死信 / no dead letters.`);
    else
      for (const l of letters)
        io.out(`seq ${l.seq}\t${l.subject}\teventId ${l.eventId ?? '(无法解析 unparseable)'}\t${l.failedAt}\t${l.deliveries} 次投递 deliveries\t${l.error}`);
    return 0;
  },

  async 'dlq redrive'({ context, values, io }) {
    const consumer = required(values, 'consumer');
    if (!values.all && !values.seq) throw new UsageError('请指定 --seq 或 --all / give --seq <n,n…> or --all');
    if (values.all && values.seq) throw new UsageError('--seq 与 --all 只能选一个 / --seq and --all exclude each other');
    const seqs = values.seq ? list(values.seq).map(Number) : undefined;
    if (seqs?.some((s) => !Number.isInteger(s) || s < 1)) throw new UsageError('--seq 须为正整数 / --seq takes positive integers');
    const results = await new DeadLetters(await context.js(), await context.jsm()).redrive(consumer, seqs);
    if (values.json) io.out(JSON.stringify(results));
    else {
      for (const r of results) {
        io.out(
          r.outcome === 'redriven'
            ? `已重投 Re-driven: seq ${r.seq} eventId ${r.eventId}`
            : `跳过 Skipped: seq ${r.seq} 不是事件信封 (not an event envelope; kept)`,
        );
      }
      io.out(`${results.filter((r) => r.outcome === 'redriven').length} 条已重投 re-driven`);
    }
    return results.some((r) => r.outcome !== 'redriven') ? 1 : 0;
  },

  async 'api-client create'({ context, values, io }) {
    const scopes = (values.scope ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    if (scopes.length === 0) throw new UsageError('至少需要一个 --scope / give at least one --scope "METHOD /path"');
    const body = { name: required(values, 'name'), department: required(values, 'department'), divisions: list(required(values, 'divisions')), scopes };
    const created = await new CreateApiClient(await context.dataSource()).execute(body as never, context.actor);
    if (values.json) io.out(JSON.stringify(created));
    else {
      io.out(`已创建接口客户端 API client created: ${created.clientId} (${created.name})`);
      io.out(`client_id:     ${created.clientId}`);
      io.out(`client_secret（只显示这一次 shown once）: ${created.clientSecret}`);
      io.out(`X-Api-Key:     ${created.apiKey}`);
    }
    return 0;
  },

  async 'api-client list'({ context, values, io }) {
    const clients = await new ListApiClients(await context.dataSource()).execute();
    if (values.json) io.out(JSON.stringify(clients));
    else
      for (const c of clients)
        io.out(
          `${c.clientId}\t${c.department}\t${c.divisions.join(',')}\t${c.scopes.length} 个接口 routes\t${c.name}${c.revokedAt ? `\t(已吊销 revoked ${c.revokedAt})` : ''}`,
        );
    return 0;
  },

  async 'api-client rotate'({ context, values, args, io }) {
    const id = await apiClientId(context, args[0]);
    const overlap = values['overlap-seconds'];
    const rotated = await new RotateApiClientSecret(await context.dataSource()).execute(
      id,
      overlap === undefined ? {} : { overlapSeconds: Number(overlap) },
      context.actor,
    );
    if (values.json) io.out(JSON.stringify(rotated));
    else {
      io.out(`已轮换密钥 Secret rotated: ${rotated.clientId} version ${rotated.version}`);
      io.out(`client_secret（只显示这一次 shown once）: ${rotated.clientSecret}`);
      io.out(`X-Api-Key:     ${rotated.apiKey}`);
    }
    return 0;
  },

  async 'api-client revoke'({ context, values, args, io }) {
    const id = await apiClientId(context, args[0]);
    const revoked = await new RevokeApiClient(await context.dataSource()).execute(id, values.reason ? { reason: values.reason } : {}, context.actor);
    if (values.json) io.out(JSON.stringify(revoked));
    else io.out(`已吊销 Revoked: ${revoked.clientId} at ${revoked.revokedAt}`);
    return 0;
  },

  async 'audit verify'({ context, values, io }) {
    const services = values.service ? list(values.service) : [...AUDITED_SERVICES];
    const unknown = services.filter((s) => !(AUDITED_SERVICES as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`未知服务 unknown service: ${unknown.join(', ')} (${AUDITED_SERVICES.join(', ')})`);
    const results: AuditVerificationView[] = [];
    for (const service of services) {
      if (service === 'gateway') {
        results.push({ service, ...(await new AuditLog().verify(await context.dataSource())) });
        continue;
      }
      const rpc = await context.rpc();
      results.push(
        await rpc
          .request<AuditVerificationView>(auditSubjects(service).verify, {}, { actor: context.actor, timeoutMs: 60_000 })
          .catch((e: unknown): AuditVerificationView => ({ service, ok: false, entries: 0, problem: 'unavailable', error: (e as Error).message })),
      );
    }
    if (values.json) io.out(JSON.stringify(results));
    else {
      for (const r of results) {
        io.out(
          r.ok
            ? `✓ ${r.service}\t完好 intact\t${r.entries} 条 entries`
            : `✗ ${r.service}\t${r.problem === 'unavailable' ? '无响应 unavailable' : '已损坏 broken'}\t${r.brokenAt ? `first broken entry ${r.brokenAt}` : ''}${r.error ? ` ${r.error}` : ''}`,
        );
      }
    }
    return results.every((r) => r.ok) ? 0 : 1;
  },

  async 'pii-reencrypt'({ context, values, io }) {
    const services = values.service ? list(values.service) : [...PII_SERVICES];
    const unknown = services.filter((s) => !(PII_SERVICES as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`未知服务 unknown service: ${unknown.join(', ')} (${PII_SERVICES.join(', ')})`);
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000))
      throw new UsageError('--batch-size 须为 1–10000 的整数 / --batch-size takes an integer 1–10000');
    const dryRun = values['dry-run'] === true;
    const rpc = await context.rpc();
    const results: (PiiReencryptView | { service: string; error: string })[] = [];
    for (const service of services) {
      results.push(
        await rpc
          .request<PiiReencryptView>(
            piiAdminSubjects(service).reencrypt,
            { dryRun, ...(batchSize ? { batchSize } : {}) },
            { actor: context.actor, timeoutMs: 30 * 60_000 },
          )
          .catch((e: unknown) => ({ service, error: (e as Error).message })),
      );
    }
    if (values.json) io.out(JSON.stringify(results));
    else {
      if (dryRun) io.out('演练，未做任何修改 / dry run: nothing changed');
      for (const r of results) {
        if ('error' in r) {
          io.out(`✗ ${r.service}	无响应或失败 unavailable or failed: ${r.error}`);
          continue;
        }
        for (const t of r.tables) {
          io.out(
            `${t.failed ? '✗' : '✓'} ${r.service}	${t.column}	${t.rows} 行 rows	${t.current} 已是当前密钥 current	${t.reencrypted} 重新加密 re-encrypted	${t.rehashed} 重算哈希 re-hashed	${t.failed} 失败 failed${t.failedIds.length ? ` (${t.failedIds.join(', ')})` : ''}	密钥 key ${r.keyId}`,
          );
        }
      }
    }
    return results.every((r) => !('error' in r) && r.tables.every((t) => t.failed === 0)) ? 0 : 1;
  },
};
