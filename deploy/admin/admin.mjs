// npm run admin -- <command>: the admin CLI (services/gateway/src/admin/), built on first use.
// Run it with the gateway's environment (DATABASE_URL, NATS_URL, …); `--help` lists the commands.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'services/gateway/dist/admin/main.js');
if (!existsSync(entry)) {
  process.stderr.write('首次使用，正在编译 / building the admin CLI (tsc -b services/gateway)…\n');
  const built = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', path.join(root, 'services/gateway')], {
    stdio: 'inherit',
    cwd: root,
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Without DATABASE_URL, the local stack of `npm start` (.data/, default ports, the NATS admin user).
const localCredentials = path.join(root, '.data/nats-auth/nats-credentials.json');
if (!process.env.DATABASE_URL && existsSync(localCredentials)) {
  process.env.DATABASE_URL = 'postgres://shanyu:shanyu@127.0.0.1:54320/shanyu';
  process.env.NATS_URL ??= 'nats://127.0.0.1:4222';
  if (!process.env.NATS_USER) {
    process.env.NATS_USER = 'admin';
    process.env.NATS_PASSWORD = JSON.parse(readFileSync(localCredentials, 'utf8')).admin;
  }
  const localSecrets = path.join(root, '.data/secrets/stack-secrets.json');
  if (!process.env.IDENTITY_SIGNING_KEY && existsSync(localSecrets))
    process.env.IDENTITY_SIGNING_KEY = JSON.parse(readFileSync(localSecrets, 'utf8')).IDENTITY_SIGNING_KEY;
  process.stderr.write('未设置 DATABASE_URL：使用本机 npm start 的平台 / DATABASE_URL unset: using the local npm start stack (.data/)\n');
}
await import(pathToFileURL(entry).href);
