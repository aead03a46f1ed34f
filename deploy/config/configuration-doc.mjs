// Writes docs/configuration.md from the code: every setting of every service's config class
// (services/*/src/config.ts, the classes loadConfig parses the environment into), its default,
// its allowed values from the class-validator decorators and its meaning from the /** */ comment
// above it (or MEANINGS below), plus the settings read outside those classes (EXTRA_SETTINGS).
// deploy/configuration-doc.spec.ts fails when the document is stale or a setting has no meaning.
//
//   node deploy/config/configuration-doc.mjs          rewrite docs/configuration.md
//   node deploy/config/configuration-doc.mjs --check  exit 1 when it is stale
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DOC_PATH = path.join(ROOT, 'docs/configuration.md');

/** Meanings of shared settings and of those whose declaration has no comment (these win over a comment). */
export const MEANINGS = {
  DATABASE_URL:
    '`postgres://user:password@host:5432/db`; every service keeps its tables in its own schema of this database. A production start refuses the published demo password (`shanyu-demo`) in it',
  NATS_URL: '`nats://host:4222`; several servers of a cluster comma-separated',
  NATS_USER: "this service's NATS user (`deploy/nats`: one user per service, allowed its own subjects only); unset = connect without credentials",
  NATS_PASSWORD: 'the password of `NATS_USER`',
  SHANYU_MODE:
    '`production` refuses demo secrets and missing keys at start (and the gateway deletes demo accounts); `demo` (what `npm start` and docker-compose.yml use) creates the demo accounts; `test` for test stacks',
  LOG_LEVEL: 'lowest level of the JSON log lines written to stdout',
  RPC_TIMEOUT_MS: 'deadline of every NATS request this service makes, in milliseconds',
  PORT: 'HTTP listen port',
  HOST: 'HTTP listen address (`0.0.0.0` in containers)',
  JWT_TTL_SECONDS: 'lifetime of a login token, in seconds',
  SHANYU_DEMO_PASSWORD: 'password of the demo accounts (demo mode only; a production start deletes every demo account)',
  REGISTRY_DB_SCHEMA:
    'PostgreSQL schema of the registry (tests use unique ones); its durable consumers are named `<schema>-<purpose>` and the NATS permissions name them, so another value needs the authorization block generated for it (README "Security: NATS permissions")',
  GATEWAY_DB_SCHEMA: 'PostgreSQL schema of the gateway: accounts, login limits, calendar years, evidence (tests use unique ones)',
  STAFF_DB_SCHEMA:
    'PostgreSQL schema of the staff service; its durable consumers are named `<schema>-<purpose>` and the NATS permissions name them, so another value needs the authorization block generated for it (README "Security: NATS permissions")',
  CREDIT_DB_SCHEMA:
    'PostgreSQL schema of the credit service; its durable consumers are named `<schema>-<purpose>` and the NATS permissions name them, so another value needs the authorization block generated for it (README "Security: NATS permissions")',
  INSPECTION_DB_SCHEMA:
    'PostgreSQL schema of the inspection service; its durable consumers are named `<schema>-<purpose>` and the NATS permissions name them, so another value needs the authorization block generated for it (README "Security: NATS permissions")',
  SUBSIDY_DB_SCHEMA:
    'PostgreSQL schema of the subsidy service; its durable consumers are named `<schema>-<purpose>` and the NATS permissions name them, so another value needs the authorization block generated for it (README "Security: NATS permissions")',
  HEALTH_SERVICES:
    "services whose `<service>.health.ping` `/health` asks (`/health?scope=self`, the Kubernetes probe, checks only the gateway's own PostgreSQL and NATS)",
  PII_KEY:
    '32 random bytes, base64 (`openssl rand -base64 32`): encrypts resident ID numbers and complainants\' contact details (each value tagged with this key\'s id) and, unless `PII_MATCH_KEY` is set, keys their matching hash (HKDF, `libs/common/src/pii.ts`). The same for the three services. Keep it: data encrypted with it cannot be read without it (see "Rotating the personal-data keys" below)',
  IDENTITY_PUBLIC_KEY:
    "the gateway's Ed25519 public key (base64 SPKI DER or PEM; the public half of `IDENTITY_SIGNING_KEY`, printed by `npm run admin -- identity-keys`): every NATS request's identity token (header `shanyu-identity`) must verify against it, and who acts is taken from its claims alone. Required: without it the service starts no further. Not secret, but the same for every service",
  PII_PREVIOUS_KEYS:
    'older `PII_KEY`s, comma-separated: they only decrypt values written under them (never encrypt), during a rotation until `npm run admin -- pii-reencrypt` has moved every value to `PII_KEY`. A production start refuses a published demo key among them',
  PII_MATCH_KEY:
    'master key of the matching hash (staff resident ID hashes for ban and concurrent-employment matching, subsidy child keys); default `PII_KEY`. Set it to the old `PII_KEY` when rotating the encryption key, so every stored hash stays valid. A production start refuses a published demo key',
};

/**
 * Settings read from the environment outside the config classes. `services` says who reads
 * them; `source` where (a test checks that every `process.env.X` / `env.X` in libs and services
 * is listed here or in a config class).
 */
export const EXTRA_SETTINGS = [
  {
    name: 'EVENTS_REPLICAS',
    services: ['all'],
    default: '1',
    allowed: '1–5',
    meaning:
      'JetStream replicas of the `EVENTS` and `DEADLETTER` streams when a service creates them (3 on the cluster of `deploy/k8s`); an existing stream with fewer is scaled up, never down',
    source: 'libs/messaging/src/event-streams.ts',
  },
  {
    name: 'SHANYU_SECRETS_FILE',
    services: ['all'],
    default: 'unset',
    allowed: 'a file path',
    meaning:
      "demo and test modes only: a JSON file of the stack's secrets (`JWT_SECRET`, `IDENTITY_SIGNING_KEY`, `IDENTITY_PUBLIC_KEY`, `PII_KEY`), made on the first start (mode 0600) by whichever process starts first and read by the others; each setting a service marks *required in production* and the environment leaves empty is taken from it. `npm start` keeps it in `.data/secrets/`, the compose demo in the `stack-secrets` volume. A production start never reads it",
    source: 'libs/common/src/config.ts',
  },
  {
    name: 'SHANYU_ADMIN_ACTOR',
    services: ['admin CLI'],
    default: '`admin-cli:<OS user>`',
    allowed: 'text',
    meaning:
      "who the admin CLI (`npm run admin`) records in the audit log as having acted. The CLI otherwise reads the gateway's own settings: `DATABASE_URL`, `GATEWAY_DB_SCHEMA`, `NATS_URL`, `NATS_USER`, `NATS_PASSWORD`, `RPC_TIMEOUT_MS`, `IDENTITY_SIGNING_KEY` (to sign its requests to the services)",
    source: 'services/gateway/src/admin/',
  },
  {
    name: 'SHANYU_BACKUP_DIR',
    services: ['backup tools'],
    default: '`.data/backups`',
    allowed: 'a directory',
    meaning:
      "where `npm run backup` (or `npm run admin -- backup`) writes a backup folder unless `--out` is given. The backup tools (`npm run backup|restore|replay`, also `npm run admin -- backup|restore|replay`) otherwise read the services' own settings: `DATABASE_URL`, `NATS_URL`, `NATS_USER`, `NATS_PASSWORD`, the `*_DB_SCHEMA` of each service, `EVENTS_REPLICAS` (restore), `LOG_LEVEL` (replay); with `DATABASE_URL` / `NATS_URL` unset they use the local stack of `npm start` (deploy/backup/README.md)",
    source: 'deploy/backup/backup.mjs',
  },
  {
    name: 'SHANYU_DATA_DIR',
    services: ['npm start', 'backup tools'],
    default: '`.data`',
    allowed: 'a directory',
    meaning:
      "the local stack's data directory: where `npm start` keeps PostgreSQL, JetStream, the NATS users, evidence files and logs (a second stack beside the first needs its own, and its own ports), and where the backup tools look (its PostgreSQL port, NATS log and admin credentials) when `DATABASE_URL` / `NATS_URL` are unset",
    source: 'deploy/local/start.mjs, deploy/backup/lib.mjs',
  },
  {
    name: 'SHANYU_PG_PORT, SHANYU_NATS_PORT',
    services: ['npm start', 'backup tools'],
    default: '`54320`, `4222`',
    allowed: 'a port',
    meaning:
      "ports of the local stack: `npm start` uses them (another free port, said at start, when one is taken); the backup tools use them when the stack's files do not tell them (`DATABASE_URL` / `NATS_URL` unset)",
    source: 'deploy/local/start.mjs, deploy/backup/lib.mjs',
  },
  {
    name: 'SHANYU_NATS_MONITOR_PORT',
    services: ['npm start'],
    default: '`8222`',
    allowed: 'a port',
    meaning: 'NATS monitoring port of the local stack (another free port when it is taken)',
    source: 'deploy/local/start.mjs',
  },
  {
    name: 'PG_BIN_DIR',
    services: ['backup tools'],
    default: "beside the machine's PostgreSQL",
    allowed: 'a directory',
    meaning: "directory of `pg_dump` and `pg_restore` (their major version at least the server's)",
    source: 'deploy/backup/lib.mjs',
  },
  {
    name: 'NATS_CREDS, NATS_TOKEN',
    services: ['backup tools'],
    default: 'unset',
    allowed: 'a .creds file / a token',
    meaning:
      'other NATS credentials for the backup tools, used before `NATS_USER` / `NATS_PASSWORD`; the backup needs a user that may read and (restore) create the streams',
    source: 'deploy/backup/lib.mjs',
  },
  {
    name: 'SHANYU_DEBUG',
    services: ['backup tools'],
    default: 'unset',
    allowed: 'any value',
    meaning: 'set: `npm run replay` prints the stack of an unexpected error, not only its message',
    source: 'deploy/backup/replay.mjs',
  },
  {
    name: 'METRICS_PORT',
    services: ['all'],
    default: 'unset (no listener)',
    allowed: '0–65535 (0 = none)',
    meaning: 'port of the Prometheus listener (`GET /metrics`, README "监控与追踪"); 9464 in docker-compose.yml and deploy/k8s',
    source: 'libs/observability/src/config.ts',
  },
  {
    name: 'METRICS_HOST',
    services: ['all'],
    default: '`0.0.0.0`',
    allowed: 'an address',
    meaning: 'listen address of the Prometheus listener; keep the port on the internal network',
    source: 'libs/observability/src/config.ts',
  },
  {
    name: 'METRICS_TOKEN',
    services: ['gateway'],
    default: 'unset (no `/metrics` on the public port)',
    allowed: '≥ 16 characters',
    meaning:
      "set: `GET /metrics` is also served on the gateway's own (public) port, and only with `Authorization: Bearer <token>`; unset, the public port answers it 404 and only the `METRICS_PORT` listener serves the metrics (what Prometheus scrapes in docker-compose.yml and deploy/k8s)",
    source: 'libs/observability/src/config.ts',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    services: ['all'],
    default: 'unset (no export)',
    allowed: 'an http(s) URL',
    meaning:
      'OpenTelemetry collector (OTLP/HTTP) base URL: spans are sent in batches to `<url>/v1/traces`; unset, nothing is recorded or sent but trace ids are still made and passed on',
    source: 'libs/observability/src/config.ts',
  },
];

const SERVICE_ORDER = ['gateway', 'registry', 'staff', 'credit', 'inspection', 'subsidy'];

/** The config classes of every service, read from their source with the TypeScript parser. */
/** The base classes the services' config classes extend (libs/common): their settings count for each service that extends them. */
const BASE_CONFIG_FILE = 'libs/common/src/service-config.ts';

function configClassesIn(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const classes = [];
  for (const node of source.statements) {
    if (!ts.isClassDeclaration(node) || !node.name || !/Config$/.test(node.name.text)) continue;
    const settings = [];
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      const decorators = (ts.getDecorators(member) ?? []).map((d) => decoratorOf(d, source));
      settings.push({
        name: member.name.text,
        optional: !!member.questionToken,
        default: member.initializer ? literal(member.initializer, source) : undefined,
        decorators,
        comment: jsDoc(member),
      });
    }
    const parent = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(source);
    classes.push({ className: node.name.text, parent, settings });
  }
  return classes;
}

export function readConfigClasses(root = ROOT) {
  const baseFile = path.join(root, BASE_CONFIG_FILE);
  const bases = new Map((existsSync(baseFile) ? configClassesIn(baseFile) : []).map((c) => [c.className, c]));
  const inherited = (name) => {
    const base = bases.get(name);
    return base ? [...(base.parent ? inherited(base.parent) : []), ...base.settings] : [];
  };
  const services = readdirSync(path.join(root, 'services'))
    .filter((s) => existsSync(path.join(root, 'services', s, 'src/config.ts')))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const classes = [];
  for (const service of services) {
    const file = path.join(root, 'services', service, 'src/config.ts');
    for (const c of configClassesIn(file)) {
      classes.push({ service, className: c.className, file: path.relative(root, file), settings: [...(c.parent ? inherited(c.parent) : []), ...c.settings] });
    }
  }
  return classes;
}

function rank(service) {
  const i = SERVICE_ORDER.indexOf(service);
  return i === -1 ? SERVICE_ORDER.length : i;
}

function decoratorOf(decorator, source) {
  const call = decorator.expression;
  if (!ts.isCallExpression(call)) return { name: call.getText(source), args: [] };
  return { name: call.expression.getText(source), args: call.arguments.map((a) => a.getText(source)) };
}

function jsDoc(node) {
  const docs = node.jsDoc ?? [];
  const text = docs.map((d) => (typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join(''))).join(' ');
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

/** A default as people read it: `3600 * 1000` → 3600000, `'info'` → info. */
function literal(expression, source) {
  const text = expression.getText(source);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (/^[\d_\s*+()-]+$/.test(text)) return String(Function(`return (${text.replace(/_/g, '')});`)());
  return text;
}

/** Allowed values from the class-validator decorators. */
function allowedOf(setting) {
  const parts = [];
  let min, max;
  for (const d of setting.decorators) {
    if (d.name === 'IsIn')
      parts.push(
        Function(`return ${d.args[0]};`)()
          .map((v) => `\`${v}\``)
          .join(', '),
      );
    else if (d.name === 'IsInt') parts.push('integer');
    else if (d.name === 'Min') min = evalNumber(d.args[0]);
    else if (d.name === 'Max') max = evalNumber(d.args[0]);
    else if (d.name === 'MinLength') parts.push(`≥ ${evalNumber(d.args[0])} characters`);
    else if (d.name === 'Matches') {
      const message = /message:\s*'([^']+)'/.exec(d.args[1] ?? '')?.[1];
      parts.push(message ? message.replace(/^\S+ must be /, '') : `matches \`${d.args[0]}\``);
    }
  }
  if (min !== undefined || max !== undefined) parts.push(`${min ?? ''}–${max ?? ''}`);
  if (parts.length === 0 && setting.decorators.some((d) => d.name === 'IsString')) parts.push('text');
  return parts.join('; ');
}

function evalNumber(text) {
  return Function(`return (${text.replace(/_/g, '')});`)();
}

/** One row per setting name; a setting several services read is one row naming them all. */
export function collectSettings(classes = readConfigClasses()) {
  const byName = new Map();
  for (const c of classes) {
    for (const s of c.settings) {
      const row = byName.get(s.name) ?? {
        name: s.name,
        services: [],
        defaults: new Set(),
        allowed: new Set(),
        meaning: undefined,
        productionSecret: undefined,
      };
      row.services.push(c.service);
      if (s.default !== undefined) row.defaults.add(s.default);
      const allowed = allowedOf(s);
      if (allowed) row.allowed.add(allowed);
      row.meaning ??= s.comment;
      const secret = s.decorators.find((d) => d.name === 'ProductionSecret');
      if (secret) row.productionSecret = /required:\s*false/.test(secret.args[0] ?? '') ? 'refused if a demo value' : 'required, demo values refused';
      byName.set(s.name, row);
    }
  }
  for (const row of byName.values()) {
    // refuseDemoSecrets (libs/common/src/config.ts) checks NATS_PASSWORD whether or not a class marks it.
    if (row.name === 'NATS_PASSWORD') row.productionSecret ??= 'refused if a demo value';
    // A setting shared by several services has one meaning, from MEANINGS.
    row.meaning = MEANINGS[row.name] ?? row.meaning;
    if (!row.meaning) {
      throw new Error(
        `${row.name} (${row.services.join(', ')}) has no meaning: add a /** … */ comment above it in its config class, or a line in MEANINGS of deploy/config/configuration-doc.mjs`,
      );
    }
  }
  return [...byName.values()];
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function generateConfigurationDoc(classes = readConfigClasses()) {
  const rows = collectSettings(classes);
  const allServices = [...new Set(classes.map((c) => c.service))];
  const lines = [
    '# Configuration 配置',
    '',
    "<!-- Generated by `npm run docs:config` (deploy/config/configuration-doc.mjs) from each service's",
    '     config class; deploy/configuration-doc.spec.ts fails when this file is stale. Do not edit by hand. -->',
    '',
    'Every service reads its settings from environment variables once, at start, into a typed class',
    '(`services/<service>/src/config.ts`, parsed by `loadConfig` in `libs/common/src/config.ts`). A bad',
    'value stops the service with a message naming the variable (配置有误 … `NAME: …`).',
    '',
    '**Production mode.** `SHANYU_MODE` defaults to `production` everywhere except `npm start` and',
    'docker-compose.yml (which set `demo`). A production start refuses, naming each variable in Chinese',
    'and English (生产模式拒绝启动 / production start refused):',
    '',
    '- a missing secret marked *required in production* below (`JWT_SECRET`, `IDENTITY_SIGNING_KEY`, `IDENTITY_PUBLIC_KEY`, `PII_KEY`);',
    '- any secret equal to a value published in this repository (`KNOWN_DEMO_SECRETS` in',
    '  `libs/common/src/config.ts`: the demo JWT secret, the demo `PII_KEY`, the demo password',
    '  `shanyu-demo`), or starting with `shanyu-demo`;',
    '- `NATS_PASSWORD`, or a password inside `DATABASE_URL` or `NATS_URL`, that is one of those demo',
    "  values or starts with `shanyu-demo` (docker-compose.yml's `shanyu-demo-nats-<user>`).",
    '',
    'The gateway also deletes any demo account it finds.',
    '',
    `## Settings of the services (${allServices.join(', ')})`,
    '',
    '| variable | services | default | allowed | production | meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const services = r.services.length === allServices.length ? 'all' : r.services.join(', ');
    const defaults = r.defaults.size ? [...r.defaults].map((d) => `\`${d}\``).join(' / ') : '—';
    const allowed = [...r.allowed].join(' / ') || '—';
    lines.push(`| \`${r.name}\` | ${services} | ${cell(defaults)} | ${cell(allowed)} | ${r.productionSecret ?? ''} | ${cell(r.meaning)} |`);
  }
  lines.push('', '## Read outside the config classes', '', '| variable | used by | default | allowed | meaning |', '|---|---|---|---|---|');
  for (const e of EXTRA_SETTINGS) {
    lines.push(
      `| \`${e.name.split(', ').join('`, `')}\` | ${e.services.join(', ')} | ${cell(e.default)} | ${cell(e.allowed)} | ${cell(e.meaning)} (\`${e.source}\`) |`,
    );
  }
  lines.push(
    '',
    '## Rotating the personal-data keys',
    '',
    'Three settings of staff, inspection and subsidy (`libs/common/src/pii.ts`; give all three services the',
    'same values): `PII_KEY` encrypts, `PII_PREVIOUS_KEYS` only decrypt, `PII_MATCH_KEY` (default `PII_KEY`)',
    'keys the matching hash. Every ciphertext names the key that made it (`v2.<key id>.<iv>.<tag>.<ciphertext>`,',
    'the key id being 8 hex characters derived from the key; values from before key ids, `v1.…`, are opened',
    'by trying each configured key). A value under a key that is neither `PII_KEY` nor in `PII_PREVIOUS_KEYS`',
    'cannot be read: the error names its key id.',
    '',
    '**Rotate the encryption key** (a suspected leak, or routinely):',
    '',
    '1. Make a new key (`openssl rand -base64 32`). Set `PII_KEY` = the new key, `PII_PREVIOUS_KEYS` = the old',
    '   one (and any still listed), and `PII_MATCH_KEY` = the key the hashes are keyed with now (the old',
    '   `PII_KEY` if `PII_MATCH_KEY` was unset), so stored hashes keep matching. Restart staff, inspection and',
    '   subsidy. Old values are read, new ones are written under the new key.',
    '2. `npm run admin -- pii-reencrypt --dry-run`, then `npm run admin -- pii-reencrypt`: staff and inspection',
    '   (`<service>.admin.pii.reencrypt`, each in its own schema) re-encrypt every stored value under `PII_KEY`',
    '   in batches and report per column the rows, those already current, re-encrypted, re-hashed and failed.',
    '   It is idempotent: run it again after an interruption; a second run reports nothing to do.',
    '3. When it reports 0 failed everywhere, take the old key out of `PII_PREVIOUS_KEYS` and restart. Keep the',
    '   old key with the backups made before the rotation: they can only be read with it.',
    '',
    '**Rotate the matching key** (only if it may have leaked): staff hashes are recomputed from the decrypted',
    'ID numbers; subsidy child keys cannot be (the numbers are never stored).',
    '',
    "1. Do it at a month boundary: a child key is a pseudonym within the month's rosters, duplicate checks",
    "   compare one month only, so after the rotation only the new month's rosters use the new key.",
    '2. Set `PII_MATCH_KEY` = a new key and keep the old match key in `PII_PREVIOUS_KEYS` (staff still finds',
    '   a person by the old hash and moves them to the new one on their next change). Restart the services.',
    '3. `npm run admin -- pii-reencrypt`: every staff `person.id_hash` is recomputed under the new key (a row',
    '   whose new hash another row already has is reported as failed: the same person recorded twice).',
    '',
    '## Where they are set',
    '',
    '- `npm start` (`deploy/local/start.mjs`): demo mode, its own PostgreSQL and NATS under `.data/`',
    '  (`SHANYU_DATA_DIR`); `PORT`, `LOG_LEVEL`, `SHANYU_DEMO_PASSWORD`, `EVIDENCE_DIR` are passed through.',
    '- `docker-compose.yml`: the shared block `x-app-env`; the comment at its top shows a production',
    '  env file.',
    '- `deploy/k8s/`: the ConfigMap in `10-config.yaml` for plain settings, the Secrets of `11-secrets.yaml`',
    '  for `DATABASE_URL`, `JWT_SECRET`, `PII_KEY` (and, during a key rotation, `PII_PREVIOUS_KEYS` and',
    '  `PII_MATCH_KEY`, which belong in the same Secret; add them to the staff, inspection and subsidy',
    '  Deployments as `PII_KEY` is).',
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generateConfigurationDoc();
  if (process.argv.includes('--check')) {
    const current = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
    if (current !== text) {
      console.error('docs/configuration.md 已过期，请运行 npm run docs:config / docs/configuration.md is stale: run npm run docs:config');
      process.exit(1);
    }
  } else {
    writeFileSync(DOC_PATH, text);
    console.log(`wrote ${path.relative(process.cwd(), DOC_PATH)}`);
  }
}
