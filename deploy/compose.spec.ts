/**
 * Checks docker-compose.yml, deploy/Dockerfile, .dockerignore and deploy/nats/nats.conf
 * without a Docker engine:
 *  - the compose file parses (YAML merge keys, no duplicate keys), its ${VAR:-default}
 *    references resolve with an empty environment, and the result is valid against the
 *    official Compose Specification JSON schema (vendored in deploy/compose-schema/);
 *  - the project's own rules: every folder in services/ runs as a compose service built from
 *    deploy/Dockerfile, waits for healthy postgres and nats, has a health check, and the file
 *    holds no secret other than the marked demo defaults;
 *  - the Dockerfile's stages fit together and its final stage is Node 22, non-root, tini.
 * The checks are functions that return a list of problems; the last block feeds them broken
 * copies to show that each rule does catch its mistake.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft07 from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const DOCKERFILE = 'deploy/Dockerfile';
const NATS_CONF = 'deploy/nats/nats.conf';
const SCHEMA_FILE = join(ROOT, 'deploy/compose-schema/compose-spec.json');

/** Infrastructure services; every other service is an application service from services/. */
const INFRA = { postgres: 'postgres:17-alpine', nats: 'nats:2.11-alpine' } as const;
/** Optional tools (monitoring) started only with their profile: not application services. */
const isOptionalTool = (service: unknown): boolean =>
  Array.isArray(asObject(service).profiles) && (asObject(service).profiles as Json[]).includes('observability');
const GATEWAY = 'gateway';
/** Variables every application service is given. */
const APP_ENV = ['SHANYU_MODE', 'DATABASE_URL', 'NATS_URL', 'SHANYU_SECRETS_FILE', 'PII_KEY', 'IDENTITY_PUBLIC_KEY', 'LOG_LEVEL', 'RPC_TIMEOUT_MS'];
/** The gateway's own; those that may be declared without a value (passed through from the
 * operator's environment; in demo mode the stack's secrets file otherwise) are in PASS_THROUGH. */
const GATEWAY_ENV = ['HOST', 'PORT', 'HEALTH_SERVICES', 'JWT_SECRET', 'IDENTITY_SIGNING_KEY', 'SHANYU_DEMO_PASSWORD'];
const PASS_THROUGH = ['JWT_SECRET', 'IDENTITY_SIGNING_KEY', 'SHANYU_DEMO_PASSWORD', 'PII_KEY', 'IDENTITY_PUBLIC_KEY'];
/** Where demo stacks keep the secrets they make on first start: a named volume every application service mounts. */
const SECRETS_DIR = '/var/lib/shanyu/secrets';
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL/i;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Env = Record<string, string | undefined>;

const read = (relative: string): string => readFileSync(join(ROOT, relative), 'utf8');
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asObject = (value: unknown): JsonObject => (isObject(value) ? value : {});
const clone = <T>(value: T): T => structuredClone(value);

// ---------------------------------------------------------------------------------------
// Compose file: parse, interpolate, validate against the schema
// ---------------------------------------------------------------------------------------

/** YAML as docker compose reads it: merge keys (`<<: *anchor`) on, duplicate keys refused. */
function parseCompose(text: string): JsonObject {
  const doc = parse(text, { merge: true, uniqueKeys: true, prettyErrors: true }) as unknown;
  if (!isObject(doc)) throw new Error('docker-compose.yml is not a mapping');
  return doc;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/**
 * Compose's variable substitution (compose-go `template`): $$, $VAR, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative}.
 * Names used without a default are collected in `unset` when the environment lacks them.
 */
function interpolateString(text: string, env: Env, unset: Set<string>): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    if (text[i] !== '$') {
      out += text[i++];
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth > 0) throw new Error(`unclosed \${ in ${JSON.stringify(text)}`);
      out += substitute(text.slice(i + 2, j - 1), env, unset, text);
      i = j;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) throw new Error(`invalid "$" in ${JSON.stringify(text)} (write $$ for a literal $)`);
      if (env[name] === undefined) unset.add(name);
      out += env[name] ?? '';
      i += 1 + name.length;
    }
  }
  return out;
}

function substitute(body: string, env: Env, unset: Set<string>, whole: string): string {
  const match = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`invalid substitution \${${body}} in ${JSON.stringify(whole)}`);
  const [, name, op, arg = ''] = match;
  const value = env[name];
  const isSet = value !== undefined;
  const nonEmpty = isSet && value !== '';
  const rest = () => interpolateString(arg, env, unset);
  switch (op) {
    case undefined:
      if (!isSet) unset.add(name);
      return value ?? '';
    case ':-':
      return nonEmpty ? value : rest();
    case '-':
      return isSet ? value : rest();
    case ':?':
    case '?':
      if (op === ':?' ? !nonEmpty : !isSet) throw new Error(`required variable ${name} is missing: ${rest()}`);
      return value ?? '';
    case ':+':
      return nonEmpty ? rest() : '';
    default: // '+'
      return isSet ? rest() : '';
  }
}

/** Substitutes variables in every string value (not in keys), as compose does before validating. */
function interpolate(doc: Json, env: Env, unset = new Set<string>()): Json {
  if (typeof doc === 'string') return interpolateString(doc, env, unset);
  if (Array.isArray(doc)) return doc.map((item) => interpolate(item, env, unset));
  if (isObject(doc)) return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, interpolate(value, env, unset)]));
  return doc;
}

/** Go's time.ParseDuration syntax, which compose uses for the schema's `duration` format. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
/** [ip:][host[-range]:]container[-range][/protocol] */
const PORT_SPEC = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;
const EXPOSE_SPEC = /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;
const isSubnet = (value: string): boolean => {
  const [ip, bits, extra] = value.split('/');
  const family = isIP(ip ?? '');
  return extra === undefined && family !== 0 && /^\d+$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
};

/** Drops what Ajv cannot take from the vendored schema without changing what it accepts. */
function prepareSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(prepareSchema);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      // `$schema` picks the Ajv class instead (Ajv knows the metaschemas by their https ids);
      // `id` is the draft-04 spelling of `$id`: no keyword in draft-07 / 2019-09, refused by Ajv.
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, prepareSchema(value)]),
  );
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: unknown }[] | null };

let composeValidator: Validate | undefined;
function composeSchemaValidator(): Validate {
  if (composeValidator) return composeValidator;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonObject;
  const dialect = String(schema.$schema ?? '');
  const options = { allErrors: true, strict: true, allowUnionTypes: true };
  // ajv is CommonJS: its classes are the modules' `default` export (under Node and in types).
  const ajv = /2020-12/.test(dialect)
    ? new Ajv2020.default(options)
    : /2019-09/.test(dialect)
      ? new Ajv2019.default(options)
      : /draft-07/.test(dialect)
        ? new AjvDraft07.default(options)
        : undefined;
  if (!ajv) throw new Error(`compose-spec.json declares an unexpected dialect: ${dialect}`);
  // The schema's custom formats, as the Go implementation (compose-go) defines them.
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', PORT_SPEC);
  ajv.addFormat('expose', EXPOSE_SPEC);
  ajv.addFormat('subnet_ip_address', isSubnet);
  composeValidator = ajv.compile(prepareSchema(schema) as object) as Validate;
  return composeValidator;
}

function schemaProblems(config: Json): string[] {
  const validate = composeSchemaValidator();
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

// ---------------------------------------------------------------------------------------
// Project rules for the compose file
// ---------------------------------------------------------------------------------------

/** Folders of services/ that are workspaces (have a package.json). */
function serviceFolders(): string[] {
  const dir = join(ROOT, 'services');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'package.json')))
    .sort();
}

function environmentOf(service: JsonObject): Record<string, Json> {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env
        .map((entry) => String(entry))
        .map((entry) => {
          const at = entry.indexOf('=');
          return at < 0 ? [entry, null] : [entry.slice(0, at), entry.slice(at + 1)];
        }),
    );
  }
  return asObject(env);
}

const buildOf = (service: JsonObject): { context?: string; dockerfile?: string; target?: string } | undefined => {
  const build = service.build;
  if (typeof build === 'string') return { context: build };
  if (!isObject(build)) return undefined;
  return { context: build.context as string | undefined, dockerfile: build.dockerfile as string | undefined, target: build.target as string | undefined };
};

/** True when the service is built from deploy/Dockerfile with the repository root as context. */
function builtFromProjectDockerfile(service: JsonObject): boolean {
  const build = buildOf(service);
  if (!build) return false;
  const context = resolve(ROOT, build.context ?? '.');
  return context === ROOT && resolve(context, build.dockerfile ?? 'Dockerfile') === join(ROOT, DOCKERFILE);
}

const healthTest = (service: JsonObject): string[] => {
  const test = asObject(service.healthcheck).test;
  return Array.isArray(test) ? test.map(String) : typeof test === 'string' ? ['CMD-SHELL', test] : [];
};

/** Rules on the interpolated compose document. */
function composeProblems(config: JsonObject, stageNames: string[]): string[] {
  const problems: string[] = [];
  const services = asObject(config.services);
  const volumes = asObject(config.volumes);
  const folders = serviceFolders();

  for (const [name, image] of Object.entries(INFRA)) {
    if (!services[name]) problems.push(`${name}: missing`);
    else if (asObject(services[name]).image !== image) problems.push(`${name}: image should be ${image}, is ${String(asObject(services[name]).image)}`);
  }
  for (const folder of folders) {
    if (!isObject(services[folder])) problems.push(`services/${folder} has no compose service "${folder}"`);
  }

  for (const [name, value] of Object.entries(services)) {
    const service = asObject(value);
    const app = !(name in INFRA) && !isOptionalTool(service);

    // Every service: an image with an explicit tag, a health check, a restart policy.
    const image = typeof service.image === 'string' ? service.image : '';
    if (!/^[^:@]+[:@][^/]+$/.test(image) || image.endsWith(':latest')) problems.push(`${name}: image "${image}" needs an explicit tag (not latest)`);
    const health = asObject(service.healthcheck);
    const test = healthTest(service);
    if (!isObject(service.healthcheck) || health.disable === true || test.length < 2 || test[0] === 'NONE') {
      problems.push(`${name}: no healthcheck`);
    }
    if (!['always', 'unless-stopped', 'on-failure'].includes(String(service.restart ?? '').replace(/:\d+$/, ''))) {
      problems.push(`${name}: restart policy should be unless-stopped (is ${String(service.restart)})`);
    }

    // Volumes: named ones declared at the top, bind-mounted files present in the repository.
    for (const mount of Array.isArray(service.volumes) ? service.volumes : []) {
      const source = typeof mount === 'string' ? mount.split(':')[0] : String(asObject(mount).source ?? '');
      if (source.startsWith('.') || source.startsWith('/')) {
        if (!existsSync(resolve(ROOT, source))) problems.push(`${name}: bind-mount source ${source} does not exist`);
      } else if (source && !(source in volumes)) {
        problems.push(`${name}: volume ${source} is not declared under volumes:`);
      }
    }

    // Dependencies on a service with a health check mean: wait until healthy.
    const dependsOn = service.depends_on;
    const deps = Array.isArray(dependsOn) ? Object.fromEntries(dependsOn.map((d) => [String(d), {}])) : asObject(dependsOn);
    for (const [dep, spec] of Object.entries(deps)) {
      if (!services[dep]) problems.push(`${name}: depends_on unknown service ${dep}`);
      if (asObject(spec).condition !== 'service_healthy') problems.push(`${name}: depends_on ${dep} should have condition service_healthy`);
    }
    if (!app) continue;

    // Application services.
    if (!folders.includes(name)) problems.push(`${name}: no folder services/${name} for this application service`);
    if (!builtFromProjectDockerfile(service)) problems.push(`${name}: not built from ${DOCKERFILE} with the repository root as context`);
    const target = buildOf(service)?.target;
    if (target !== undefined && !stageNames.includes(target)) problems.push(`${name}: build target ${target} is no stage of ${DOCKERFILE}`);
    for (const dep of Object.keys(INFRA)) {
      if (!(dep in deps)) problems.push(`${name}: does not depend_on ${dep}`);
    }
    const command = Array.isArray(service.command) ? service.command.map(String) : [];
    const main = `services/${name}/dist/main.js`;
    if (command.join(' ') !== `node ${main}`) problems.push(`${name}: command should be ["node", "${main}"]`);

    if (name === GATEWAY) {
      const script = test.join(' ');
      if (!/fetch\(/.test(script) || !/\/health\b/.test(script) || /\b(curl|wget)\b/.test(script)) {
        problems.push(`${name}: healthcheck should GET /health with node's fetch (no curl or wget in the image)`);
      }
    } else if (test.join(' ') !== `CMD node services/${name}/dist/healthcheck.js`) {
      problems.push(`${name}: healthcheck should be ["CMD", "node", "services/${name}/dist/healthcheck.js"]`);
    }

    const env = environmentOf(service);
    const required = name === GATEWAY ? [...APP_ENV, ...GATEWAY_ENV] : APP_ENV;
    for (const key of required) {
      const declared = PASS_THROUGH.includes(key) ? key in env : env[key] !== undefined && env[key] !== null && env[key] !== '';
      if (!declared) problems.push(`${name}: environment ${key} is not set`);
    }
    for (const key of ['JWT_SECRET', 'IDENTITY_SIGNING_KEY']) if (name !== GATEWAY && key in env) problems.push(`${name}: only the gateway needs ${key}`);
    const mounts = (Array.isArray(service.volumes) ? service.volumes : []).map(String);
    if (
      !String(env.SHANYU_SECRETS_FILE ?? '').startsWith(`${SECRETS_DIR}/`) ||
      !mounts.some((m) => m.split(':')[1] === SECRETS_DIR && !m.startsWith('.') && !m.startsWith('/'))
    ) {
      problems.push(`${name}: SHANYU_SECRETS_FILE should be in the named volume mounted at ${SECRETS_DIR}`);
    }
    for (const [key, host] of [
      ['DATABASE_URL', 'postgres'],
      ['NATS_URL', 'nats'],
    ] as const) {
      try {
        const url = new URL(String(env[key]));
        if (url.hostname !== host) problems.push(`${name}: ${key} should point at the ${host} service, not ${url.hostname}`);
      } catch {
        problems.push(`${name}: ${key} is not a URL`);
      }
    }
    if (name === GATEWAY) {
      if (!['0.0.0.0', '::'].includes(String(env.HOST)))
        problems.push(`${name}: HOST should be 0.0.0.0 so that the published port reaches it, is ${String(env.HOST)}`);
      const published = (Array.isArray(service.ports) ? service.ports : []).map(String);
      if (published.some((p) => p.split(':').length < 3 || !['127.0.0.1', '::1', '[::1]'].includes(p.split(':')[0] ?? ''))) {
        problems.push(`${name}: a demo publishes the gateway on 127.0.0.1 only unless told otherwise (ports: ${published.join(', ')})`);
      }
      const others = Object.keys(services)
        .filter((s) => !(s in INFRA) && !isOptionalTool(services[s]) && s !== GATEWAY)
        .sort();
      const listed = String(env.HEALTH_SERVICES ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .sort();
      if (listed.join(',') !== others.join(',')) problems.push(`${name}: HEALTH_SERVICES should list ${others.join(',')}, lists ${listed.join(',')}`);
      const port = String(env.PORT);
      const ports = (Array.isArray(service.ports) ? service.ports : []).map(String);
      if (!ports.some((p) => p.split('/')[0]?.split(':').pop() === port && p.split(':').length >= 2)) {
        problems.push(`${name}: container port ${port} (PORT) is not published (ports: ${ports.join(', ')})`);
      }
    }
  }
  return problems;
}

/** Health checks of the infrastructure, which the application services wait for. */
function infraProblems(config: JsonObject, natsConf: string): string[] {
  const problems: string[] = [];
  const services = asObject(config.services);
  const pgTest = healthTest(asObject(services.postgres)).join(' ');
  if (!/\bpg_isready\b/.test(pgTest)) problems.push('postgres: healthcheck should run pg_isready');

  const nats = asObject(services.nats);
  const conf = parseNatsConf(natsConf);
  const natsTest = healthTest(nats).join(' ');
  if (!natsTest.includes(`:${conf.httpPort}/healthz?js-enabled-only=true`)) {
    problems.push(`nats: healthcheck should ask the monitoring port ${conf.httpPort} for /healthz?js-enabled-only=true`);
  }
  const mounts = (Array.isArray(nats.volumes) ? nats.volumes : []).map(String);
  const confMount = mounts.find((m) => resolve(ROOT, m.split(':')[0] ?? '') === join(ROOT, NATS_CONF));
  const confPath = confMount?.split(':')[1];
  if (!confPath) problems.push(`nats: ${NATS_CONF} is not mounted`);
  else if (!(Array.isArray(nats.command) ? nats.command : []).map(String).includes(confPath)) problems.push(`nats: command does not load ${confPath}`);
  const storeDir = conf.jetstream.store_dir;
  const dataMount = mounts.find((m) => !m.startsWith('.') && !m.startsWith('/') && storeDir?.startsWith(m.split(':')[1] ?? '\0'));
  if (!dataMount) problems.push(`nats: the JetStream store_dir ${storeDir} is not on a named volume`);
  const pgMounts = (Array.isArray(asObject(services.postgres).volumes) ? (asObject(services.postgres).volumes as Json[]) : []).map(String);
  if (!pgMounts.some((m) => /^[a-zA-Z0-9][\w.-]*:\/var\/lib\/postgresql\/data$/.test(m))) problems.push('postgres: data directory is not on a named volume');
  return problems;
}

/** A value that may stand in the file: demo-marked, readable or base64 of readable text. */
const isDemoValue = (value: string): boolean =>
  /demo/i.test(value) || (/^[A-Za-z0-9+/]+=*$/.test(value) && /demo/i.test(Buffer.from(value, 'base64').toString('latin1')));

/**
 * Rules on the raw (not interpolated) document: every secret is either declared without a
 * value (passed through from the operator's environment) or `${NAME:-demo default}` (so an
 * operator's env file replaces it, and the default says it is a demo value), and no other
 * long opaque literal (a key, a token) hides anywhere in the file.
 */
function secretProblems(raw: JsonObject): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(asObject(raw.services))) {
    for (const [key, v] of Object.entries(environmentOf(asObject(value)))) {
      const text = v === null ? '' : String(v);
      // A *_FILE setting names where a secret is kept, not the secret.
      if (SECRET_NAME.test(key) && !key.endsWith('_FILE') && v !== null) {
        const match = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*):-([^}]*)\}$/.exec(text);
        if (!match) problems.push(`${name}: ${key} should be \${${key}:-<demo value>} so that production sets it, is ${text}`);
        // The same name, or the same name for one user of several (NATS_PASSWORD ← NATS_PASSWORD_REGISTRY).
        else if (match[1] !== key && !match[1]!.startsWith(`${key}_`)) problems.push(`${name}: ${key} takes its value from \${${match[1]}}, use the same name`);
        // An empty default (an optional secret such as PII_PREVIOUS_KEYS) holds nothing to leak.
        else if (match[2] !== '' && !isDemoValue(match[2] ?? '')) problems.push(`${name}: the default of ${key} is not marked as a demo value`);
      }
      // Credentials inside URLs (postgres://user:password@host) must be demo references too.
      for (const [, password] of text.matchAll(/:\/\/[^/:@\s]+:([^@\s]+)@/g)) {
        const match = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*):-([^}]*)\}$/.exec(password ?? '');
        if (!match || !SECRET_NAME.test(match[1] ?? '') || !isDemoValue(match[2] ?? '')) {
          problems.push(`${name}: ${key} has a password that is not a \${..._PASSWORD:-demo} reference`);
        }
      }
    }
  }
  const strings: string[] = [];
  const walk = (node: Json): void => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) Object.values(node).forEach(walk);
  };
  walk(raw);
  for (const text of strings) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) problems.push('a private key is written in the file');
    // Keys and tokens are long runs of letters and digits (paths and words have no digits).
    for (const [run] of text.matchAll(/[A-Za-z0-9+/_=-]{24,}/g)) {
      const token = run.replace(/^[^A-Za-z0-9]+/, '');
      if (token.length >= 24 && /\d/.test(token) && /[A-Za-z]/.test(token) && !isDemoValue(token)) {
        problems.push(`an opaque value that may be a secret: ${token.slice(0, 8)}…`);
      }
    }
  }
  return problems;
}

/** Compose works with no environment at all (demo) and with a production env file. */
function interpolationProblems(raw: JsonObject): string[] {
  const problems: string[] = [];
  const unset = new Set<string>();
  const demo = asObject(interpolate(raw, {}, unset));
  if (unset.size > 0) problems.push(`variables without a default: ${[...unset].join(', ')}`);
  for (const [name, service] of Object.entries(asObject(demo.services))) {
    if (name in INFRA || isOptionalTool(service)) continue;
    const env = environmentOf(asObject(service));
    if (env.SHANYU_MODE !== 'demo') problems.push(`${name}: SHANYU_MODE should default to demo, is ${String(env.SHANYU_MODE)}`);
    // No published key: a demo takes its secrets from SHANYU_SECRETS_FILE, made on its first start.
    for (const key of ['PII_KEY', 'IDENTITY_PUBLIC_KEY', 'JWT_SECRET', 'IDENTITY_SIGNING_KEY']) {
      if (env[key] != null && env[key] !== '') problems.push(`${name}: ${key} has a default (${String(env[key]).slice(0, 8)}…): a demo makes its own`);
    }
  }
  const productionEnv = { SHANYU_MODE: 'production', JWT_SECRET: 'j'.repeat(48), PII_KEY: 'cA==', POSTGRES_PASSWORD: 'p-secret', SHANYU_DEMO_PASSWORD: 'x' };
  const production = asObject(interpolate(raw, productionEnv));
  for (const [name, service] of Object.entries(asObject(production.services))) {
    const env = environmentOf(asObject(service));
    for (const [key, value] of Object.entries(productionEnv)) {
      // null: declared without a value, compose passes the operator's value through.
      if (key in env && env[key] !== null && env[key] !== value) problems.push(`${name}: ${key} does not take the operator's value`);
    }
    if (name in INFRA || isOptionalTool(service)) continue;
    if (!String(env.DATABASE_URL).includes(':p-secret@')) problems.push(`${name}: DATABASE_URL ignores POSTGRES_PASSWORD`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Dockerfile and .dockerignore
// ---------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with their line numbers; continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let current: Instruction | undefined;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line.startsWith('#') || (current && line === '')) return; // comments (and directives); blank lines in a continuation
    if (!current) {
      if (line === '') return;
      const match = /^(\S+)\s*([\s\S]*)$/.exec(line);
      current = { keyword: (match?.[1] ?? '').toUpperCase(), args: '', line: index + 1 };
      const rest = match?.[2] ?? '';
      if (rest.endsWith('\\')) {
        current.args = rest.slice(0, -1);
        return;
      }
      current.args = rest;
    } else if (line.endsWith('\\')) {
      current.args += ` ${line.slice(0, -1)}`;
      return;
    } else {
      current.args += ` ${line}`;
    }
    current.args = current.args.replace(/\s+/g, ' ').trim();
    instructions.push(current);
    current = undefined;
  });
  if (current) instructions.push(current);
  return instructions;
}

interface Stage {
  name?: string;
  from: string;
  /** The external image the stage finally builds on (following stage names). */
  baseImage: string;
  instructions: Instruction[];
}

const flagValue = (args: string, flag: string): string | undefined => new RegExp(`(?:^|\\s)--${flag}=(\\S+)`).exec(args)?.[1];
const withoutFlags = (args: string): string[] => args.split(' ').filter((word) => word && !word.startsWith('--'));
const expand = (text: string, vars: Record<string, string>): string =>
  text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string | undefined, b: string | undefined) => vars[a ?? b ?? ''] ?? '');

/** Docker's instruction set (a misspelt one would fail the build). */
const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'MAINTAINER',
]);

function dockerfileStages(instructions: Instruction[], problems: string[] = []): Stage[] {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) problems.push(`line ${ins.line}: unknown instruction ${ins.keyword}`);
    if (ins.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = ins.args.split('=');
      if (name) globalArgs[name.trim()] = value.trim();
      continue;
    }
    if (ins.keyword === 'FROM') {
      const words = withoutFlags(ins.args);
      const from = expand(words[0] ?? '', globalArgs);
      const hasAs = words[1]?.toUpperCase() === 'AS';
      const name = hasAs ? words[2] : undefined;
      if (words.length !== 1 && !(hasAs && words.length === 3)) problems.push(`line ${ins.line}: FROM should be "FROM image [AS name]"`);
      if (name !== undefined && !/^[a-z][a-z0-9_.-]*$/.test(name)) problems.push(`line ${ins.line}: invalid stage name ${name}`);
      if (name !== undefined && stages.some((s) => s.name === name)) problems.push(`line ${ins.line}: stage ${name} defined twice`);
      const parent = stages.find((s) => s.name === from.toLowerCase());
      if (!parent && !/[:@]/.test(from) && from !== 'scratch')
        problems.push(`line ${ins.line}: FROM ${from}: no such stage, and an image needs an explicit tag`);
      stages.push({ name, from, baseImage: parent ? parent.baseImage : from, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) problems.push(`line ${ins.line}: ${ins.keyword} before the first FROM`);
    else stage.instructions.push(ins);
  }
  return stages;
}

/**
 * .dockerignore as Docker applies it: patterns in order, the last one matching a path (or
 * one of its parent folders) decides, `!` re-includes, `**` spans folders.
 */
function dockerIgnored(patterns: string[], path: string): boolean {
  const rules = patterns
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('#'))
    .map((p) => {
      const negate = p.startsWith('!');
      const body = (negate ? p.slice(1) : p).replace(/^\/+/, '').replace(/\/+$/, '');
      const source = body
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  const segments = path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negate;
  }
  return ignored;
}

function dockerfileProblems(text: string, ignore: string[]): string[] {
  const problems: string[] = [];
  const instructions = parseDockerfile(text);
  const stages = dockerfileStages(instructions, problems);
  const names = stages.map((s) => s.name);
  if (stages.length < 3) problems.push(`expected a multi-stage build (deps, build, runtime), found ${stages.length} stage(s)`);

  stages.forEach((stage, index) => {
    for (const ins of stage.instructions) {
      // COPY --from and RUN --mount=...,from= must name an earlier stage (or its index).
      const refs = [flagValue(ins.args, 'from'), /--mount=\S*\bfrom=([^,\s]+)/.exec(ins.args)?.[1]].filter((r): r is string => r !== undefined);
      for (const ref of refs) {
        const earlier = names.slice(0, index);
        if (!(earlier.includes(ref) || (/^\d+$/.test(ref) && Number(ref) < index))) {
          problems.push(`line ${ins.line}: ${ins.keyword} refers to ${ref}, which is no earlier stage (${earlier.filter(Boolean).join(', ')})`);
        }
      }
      // Files taken from the build context must exist and not be excluded by .dockerignore.
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !refs.length && !ins.args.trim().startsWith('[')) {
        for (const source of withoutFlags(ins.args).slice(0, -1)) {
          const candidates = source.includes('*')
            ? readdirSync(join(ROOT, dirname(source)))
                .filter((f) => dockerGlob(source.split('/').pop() ?? '').test(f))
                .map((f) => join(dirname(source), f).replace(/^\.\//, ''))
            : [source.replace(/^\.\//, '').replace(/\/$/, '')];
          const kept = candidates.filter((c) => existsSync(join(ROOT, c)) && !dockerIgnored(ignore, c));
          if (kept.length === 0) problems.push(`line ${ins.line}: COPY ${source}: not in the build context (missing or in .dockerignore)`);
        }
      }
    }
  });

  const all = stages.flatMap((s) => s.instructions);
  const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!all.some((i) => i.keyword === 'RUN' && /\bnpm ci\b(?!.*--omit=dev)/.test(i.args))) problems.push('no stage installs all dependencies with npm ci');
  if (!all.some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))) problems.push('no stage runs npm run build');

  const final = stages.at(-1);
  if (!final) return [...problems, 'no FROM'];
  if (!/^(?:docker\.io\/(?:library\/)?)?node:22(?:[.-]|$)/.test(final.baseImage)) problems.push(`final stage should use Node 22, uses ${final.baseImage}`);
  else if (!/bookworm-slim/.test(final.baseImage)) problems.push(`final stage should use the bookworm-slim variant, uses ${final.baseImage}`);
  const users = final.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0] ?? '');
  const user = users.at(-1);
  if (user === undefined || user === 'root' || user === '0') problems.push(`final stage should run as a non-root USER, runs as ${user ?? 'root'}`);
  const workdir = final.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args;
  if (workdir !== '/app') problems.push(`final stage WORKDIR should be /app (compose commands are relative to it), is ${workdir}`);
  const entry = final.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)?.args ?? '';
  if (!/tini/.test(entry)) problems.push('final stage should start through tini (ENTRYPOINT), so that node gets signals');
  if (runs(final).some((r) => /\bnpm (ci|install|i)\b/.test(r) && !/--omit=dev/.test(r))) problems.push('final stage installs development dependencies');
  for (const ins of final.instructions.filter((i) => i.keyword === 'COPY' && /node_modules/.test(i.args))) {
    const source = stages.find((s) => s.name === flagValue(ins.args, 'from'));
    if (!source || !runs(source).some((r) => /\bnpm ci\b.*--omit=dev|\bnpm prune\b.*--omit=dev/.test(r))) {
      problems.push(`line ${ins.line}: node_modules of the final stage should come from a stage that ran npm ci --omit=dev`);
    }
  }
  return problems;
}

const dockerGlob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );

function dockerignoreProblems(patterns: string[]): string[] {
  const problems: string[] = [];
  const mustKeep = [
    'package.json',
    'package-lock.json',
    'tsconfig.base.json',
    'libs/common/src/index.ts',
    'libs/common/package.json',
    'services/gateway/package.json',
  ];
  const mustDrop = [
    'node_modules/typescript/package.json',
    'libs/common/node_modules/x/index.js',
    'libs/common/dist/index.js',
    'services/gateway/dist/main.js',
    'libs/common/tsconfig.tsbuildinfo',
    '.git/HEAD',
    '.env',
    'services/gateway/.env',
    'deploy/production.env',
    '.data/pg/PG_VERSION',
    '.test-data/x',
    'test-results/vitest.json',
    'coverage/index.html',
  ];
  for (const path of mustKeep) if (dockerIgnored(patterns, path)) problems.push(`.dockerignore excludes ${path}, which the build needs`);
  for (const path of mustDrop) if (!dockerIgnored(patterns, path)) problems.push(`.dockerignore lets ${path} into the build context`);
  return problems;
}

// ---------------------------------------------------------------------------------------
// nats.conf
// ---------------------------------------------------------------------------------------

/** Enough of the NATS config syntax for the checks here: top-level keys and the jetstream block. */
function parseNatsConf(text: string): { httpPort?: string; top: Record<string, string>; jetstream: Record<string, string> } {
  const top: Record<string, string> = {};
  const jetstream: Record<string, string> = {};
  let block: string | undefined;
  let depth = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)(#|\/\/).*$/, '').trim();
    if (!line) continue;
    const open = /^([\w-]+)\s*[:=]?\s*\{$/.exec(line);
    if (open) {
      if (depth === 0) block = open[1];
      depth++;
      continue;
    }
    if (line === '}') {
      depth--;
      if (depth === 0) block = undefined;
      continue;
    }
    const kv = /^([\w-]+)\s*[:=]?\s*(.+?)\s*,?$/.exec(line);
    if (!kv?.[1]) continue;
    const value = (kv[2] ?? '').replace(/^"(.*)"$/, '$1');
    if (depth === 0) top[kv[1]] = value;
    else if (depth === 1 && block === 'jetstream') jetstream[kv[1]] = value;
  }
  return { httpPort: top.http_port ?? top.http, top, jetstream };
}

function natsConfProblems(text: string): string[] {
  const problems: string[] = [];
  const conf = parseNatsConf(text);
  if (conf.httpPort !== '8222') problems.push(`monitoring should listen on 8222 (http_port), is ${conf.httpPort}`);
  if (!/^\s*jetstream\s*[:=]?\s*\{/m.test(text)) problems.push('no jetstream block');
  for (const key of ['store_dir', 'max_memory_store', 'max_file_store']) {
    if (!conf.jetstream[key]) problems.push(`jetstream.${key} is not set`);
  }
  if (!/authoriz|per-service|user/i.test(text)) problems.push('leave a note on the per-service NATS users to come');
  return problems;
}

const onPath = (command: string): boolean => (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

const composeText = readFileSync(COMPOSE_FILE, 'utf8');
const raw = parseCompose(composeText);
const config = asObject(interpolate(raw, {}));
const dockerfileText = read(DOCKERFILE);
const ignorePatterns = read('.dockerignore').split(/\r?\n/);
const natsConfText = read(NATS_CONF);
const stageNames = dockerfileStages(parseDockerfile(dockerfileText)).flatMap((s) => (s.name ? [s.name] : []));

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema (after merge keys and variable substitution)', () => {
    expect(schemaProblems(config)).toEqual([]);
  });

  it('starts with no environment (demo defaults) and takes every value from an operator env file', () => {
    expect(interpolationProblems(raw)).toEqual([]);
  });

  it('runs every folder of services/ from deploy/Dockerfile, after healthy postgres and nats, with health checks', () => {
    expect(serviceFolders()).toEqual(expect.arrayContaining(['gateway', 'registry']));
    expect(composeProblems(config, stageNames)).toEqual([]);
  });

  it('has health checks for postgres (pg_isready) and nats (monitoring endpoint, JetStream on)', () => {
    expect(infraProblems(config, natsConfText)).toEqual([]);
  });

  it('holds no secret other than marked demo defaults', () => {
    expect(secretProblems(raw)).toEqual([]);
  });

  it('shares the application service settings through x- extensions and merge keys', () => {
    expect(composeText).toMatch(/^x-app:\s*&app\b/m);
    for (const folder of serviceFolders()) {
      expect(composeText).toMatch(new RegExp(`^  ${folder}:\\n    <<: \\*app\\n`, 'm'));
    }
  });
});

describe('deploy/Dockerfile and .dockerignore', () => {
  it('has stages that fit together: deps, build and a Node 22, non-root, tini final stage', () => {
    expect(stageNames).toEqual(expect.arrayContaining(['deps', 'build', 'runtime']));
    expect(dockerfileProblems(dockerfileText, ignorePatterns)).toEqual([]);
  });

  it('sends the sources and manifests, but no node_modules, build output, .git or env files, to the build', () => {
    expect(dockerignoreProblems(ignorePatterns)).toEqual([]);
  });
});

describe('deploy/nats/nats.conf', () => {
  it('turns JetStream on with a store directory and limits, and monitoring on 8222', () => {
    expect(natsConfProblems(natsConfText)).toEqual([]);
  });

  it.skipIf(!onPath('nats-server'))('is accepted by nats-server -t', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shanyu-nats-conf-'));
    try {
      const file = join(dir, 'nats.conf');
      writeFileSync(file, natsConfText.replace(/store_dir:\s*"?[^"\n]*"?/, `store_dir: "${join(dir, 'store')}"`));
      // The users' passwords come from the nats service's environment (demo defaults here).
      const env = { ...process.env, ...(asObject(asObject(config.services).nats).environment as Record<string, string>) };
      expect(() => execFileSync('nats-server', ['-t', '-c', file], { stdio: 'pipe', timeout: 10_000, env })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the checks catch mistakes', () => {
  const mutate = (change: (doc: JsonObject) => void): JsonObject => {
    const copy = clone(raw);
    change(copy);
    return copy;
  };
  const services = (doc: JsonObject) => asObject(doc.services);
  const service = (doc: JsonObject, name: string) => asObject(services(doc)[name]);
  const problemsOf = (doc: JsonObject) => [
    ...schemaProblems(interpolate(doc, {})),
    ...composeProblems(asObject(interpolate(doc, {})), stageNames),
    ...secretProblems(doc),
  ];

  it('a service without a health check', () => {
    const doc = mutate((d) => delete service(d, 'registry').healthcheck);
    expect(problemsOf(doc)).toContain('registry: no healthcheck');
  });

  it('a dependency that is only started, not healthy', () => {
    const doc = mutate((d) => {
      service(d, 'registry').depends_on = { postgres: { condition: 'service_healthy' }, nats: { condition: 'service_started' } };
    });
    expect(problemsOf(doc)).toContain('registry: depends_on nats should have condition service_healthy');
  });

  it('a compose service without a folder in services/, missing from the gateway health check', () => {
    const doc = mutate((d) => {
      services(d).ghost = { ...service(d, 'registry'), command: ['node', 'services/ghost/dist/main.js'] };
    });
    const problems = problemsOf(doc);
    expect(problems).toContain('ghost: no folder services/ghost for this application service');
    expect(problems).toContainEqual(expect.stringMatching(/^gateway: HEALTH_SERVICES should list (\w+,)*ghost(,\w+)*, lists (?!.*ghost)/));
  });

  it('a gateway that listens on loopback only', () => {
    const doc = mutate((d) => {
      service(d, 'gateway').environment = { ...environmentOf(service(d, 'gateway')), HOST: '127.0.0.1' };
    });
    expect(problemsOf(doc)).toContain('gateway: HOST should be 0.0.0.0 so that the published port reaches it, is 127.0.0.1');
  });

  it('a demo gateway published on every address, and a published demo key', () => {
    const doc = mutate((d) => {
      service(d, 'gateway').ports = ['3000:3000'];
      service(d, 'registry').environment = {
        ...environmentOf(service(d, 'registry')),
        IDENTITY_PUBLIC_KEY: '${IDENTITY_PUBLIC_KEY:-shanyu-demo-identity-key}',
      };
    });
    expect(problemsOf(doc)).toContain('gateway: a demo publishes the gateway on 127.0.0.1 only unless told otherwise (ports: 3000:3000)');
    expect(interpolationProblems(doc)).toContain('registry: IDENTITY_PUBLIC_KEY has a default (shanyu-d…): a demo makes its own');
  });

  it('a service without the stack secrets volume', () => {
    const doc = mutate((d) => {
      service(d, 'staff').volumes = [];
    });
    expect(problemsOf(doc)).toContain('staff: SHANYU_SECRETS_FILE should be in the named volume mounted at /var/lib/shanyu/secrets');
  });

  it('a folder in services/ without a compose service', () => {
    const doc = mutate((d) => delete services(d).registry);
    expect(problemsOf(doc)).toContain('services/registry has no compose service "registry"');
  });

  it('an application service built from another Dockerfile', () => {
    const doc = mutate((d) => {
      service(d, 'gateway').build = { context: 'services/gateway' };
    });
    expect(problemsOf(doc)).toContain(`gateway: not built from ${DOCKERFILE} with the repository root as context`);
  });

  it('a key the Compose Specification does not know, and a malformed duration', () => {
    const doc = mutate((d) => {
      service(d, 'nats').helthcheck = {};
      asObject(service(d, 'postgres').healthcheck).interval = 'ten seconds';
    });
    const problems = problemsOf(doc).join('\n');
    expect(problems).toMatch(/schema: \/services\/nats must NOT have additional properties/);
    expect(problems).toMatch(/schema: \/services\/postgres\/healthcheck\/interval must match format "duration"/);
  });

  it('a real secret written into the file', () => {
    const doc = mutate((d) => {
      service(d, 'gateway').environment = { ...environmentOf(service(d, 'gateway')), JWT_SECRET: 'Zx81pQ0vR2mT7yK4nB6wC9dF3hJ5lG8s' };
    });
    const problems = problemsOf(doc);
    expect(problems).toContain('gateway: JWT_SECRET should be ${JWT_SECRET:-<demo value>} so that production sets it, is Zx81pQ0vR2mT7yK4nB6wC9dF3hJ5lG8s');
    expect(problems).toContain('an opaque value that may be a secret: Zx81pQ0v…');
  });

  it('a password in a URL', () => {
    const doc = mutate((d) => {
      service(d, 'registry').environment = { ...environmentOf(service(d, 'registry')), DATABASE_URL: 'postgres://shanyu:hunter2@postgres:5432/shanyu' };
    });
    expect(problemsOf(doc)).toContain('registry: DATABASE_URL has a password that is not a ${..._PASSWORD:-demo} reference');
  });

  it('a variable with no default, and production mode by default', () => {
    const doc = mutate((d) => {
      service(d, 'registry').environment = { ...environmentOf(service(d, 'registry')), SHANYU_MODE: 'production', LOG_LEVEL: '${LOG_LEVEL}' };
    });
    expect(interpolationProblems(doc)).toEqual(
      expect.arrayContaining(['variables without a default: LOG_LEVEL', 'registry: SHANYU_MODE should default to demo, is production']),
    );
  });

  it('Dockerfile mistakes: a misspelt stage, root, another Node, no tini, dev dependencies at run time', () => {
    const broken = dockerfileText
      .replace('COPY --from=manifests /app/libs ./libs', 'COPY --from=manifest /app/libs ./libs')
      .replace(/^USER node$/m, 'USER root')
      .replace('node:22-bookworm-slim', 'node:20-bookworm-slim')
      .replace(/^ENTRYPOINT .*$/m, '')
      .replace(/npm ci --omit=dev$/m, 'npm ci');
    const problems = dockerfileProblems(broken, ignorePatterns).join('\n');
    expect(problems).toMatch(/COPY refers to manifest, which is no earlier stage/);
    expect(problems).toMatch(/final stage should run as a non-root USER, runs as root/);
    expect(problems).toMatch(/final stage should use Node 22, uses node:20-bookworm-slim/);
    expect(problems).toMatch(/final stage should start through tini/);
    expect(problems).toMatch(/node_modules of the final stage should come from a stage that ran npm ci --omit=dev/);
  });

  it('a .dockerignore that lets node_modules in or keeps the sources out', () => {
    expect(dockerignoreProblems(ignorePatterns.filter((p) => p !== '**/node_modules'))).toContain(
      '.dockerignore lets libs/common/node_modules/x/index.js into the build context',
    );
    expect(dockerignoreProblems([...ignorePatterns, 'libs'])).toContain('.dockerignore excludes libs/common/src/index.ts, which the build needs');
  });

  it('nats.conf without JetStream limits', () => {
    expect(natsConfProblems(natsConfText.replace(/^\s*max_file_store:.*$/m, ''))).toContain('jetstream.max_file_store is not set');
  });
});
