// NATS users for a stack on this machine (npm start, the test harness, bench): one password per
// user, generated once and kept beside the server's data (never committed), and a nats-server
// config holding the authorization block generated from the contract catalog
// (natsAuthorization() in libs/contracts/src/nats-access.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes <dir>/nats-auth.conf and <dir>/nats-credentials.json (both 0600) and returns them.
 * Passwords already in the credentials file are kept, so a restarted stack's services and
 * tools (backups, the `nats` CLI) keep working; a user new to the catalog gets a new one.
 * @param {{ dir: string,
 *           contracts: { natsAuthorization: (o: object) => string, natsUsers: () => string[], literalPassword: (p: string) => string },
 *           noAuthUser?: string, serviceSchemas?: Record<string, string> | 'any' }} options
 *   contracts: @shanyu/contracts (passed in: this file is plain JavaScript, run before or without a build).
 *   noAuthUser: connections without credentials act as this user (the test harness only).
 *   serviceSchemas: the schema of each service, which its consumer names carry (default: the
 *   service's name); 'any' (the test harness's shared broker only): any consumer name for services.
 * @returns {{ configFile: string, credentialsFile: string, passwords: Record<string, string> }}
 */
export function writeNatsAuth({ dir, contracts, noAuthUser, serviceSchemas }) {
  fs.mkdirSync(dir, { recursive: true });
  const credentialsFile = path.join(dir, 'nats-credentials.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(credentialsFile, 'utf8'));
  } catch {
    // first start
  }
  /** @type {Record<string, string>} */
  const passwords = {};
  for (const user of contracts.natsUsers()) {
    passwords[user] = typeof existing[user] === 'string' && existing[user] ? existing[user] : randomBytes(18).toString('base64url');
  }
  fs.writeFileSync(credentialsFile, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(credentialsFile, 0o600);
  const configFile = path.join(dir, 'nats-auth.conf');
  const block = contracts.natsAuthorization({ password: (user) => contracts.literalPassword(passwords[user]), noAuthUser, serviceSchemas });
  fs.writeFileSync(configFile, `# Generated from libs/contracts/src/nats-access.ts at each start: edit the catalog, not this file.\n${block}`, { mode: 0o600 });
  fs.chmodSync(configFile, 0o600);
  return { configFile, credentialsFile, passwords };
}

/**
 * The services' schemas set in `env` (REGISTRY_DB_SCHEMA, …): their consumer names carry them.
 * @param {NodeJS.ProcessEnv} env @param {string[]} services
 * @returns {Record<string, string>}
 */
export function serviceSchemasFrom(env, services) {
  return Object.fromEntries(
    services.flatMap((s) => {
      const schema = env[`${s.toUpperCase()}_DB_SCHEMA`]?.trim();
      return schema ? [[s, schema]] : [];
    }),
  );
}

/** NATS_USER / NATS_PASSWORD for a service's environment. */
export function natsEnvFor(user, passwords) {
  return { NATS_USER: user, NATS_PASSWORD: passwords[user] };
}
