// Installs what the local stack needs when it is missing: npm dependencies, and Debian's
// nats-server, PostgreSQL and Chromium (with a Chinese font) through apt-get. Never downloads a
// binary of its own. Plain Node 20 ESM, no dependencies: used by `npm start`, `npm test`, the
// Vitest global setup, the backup tools and the benchmarks (processes.mjs starts the servers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** An error whose message is meant for a person (printed as is, without a stack). */
export class InfraError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InfraError';
  }
}

/** True when this process runs as root: apt-get runs directly, PostgreSQL as the postgres user. */
export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function pathDirs() {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
}

function which(name, extraDirs = []) {
  for (const dir of [...pathDirs(), ...extraDirs]) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// npm

/**
 * Runs `npm install` when node_modules is missing or older than package-lock.json.
 * @param {string} rootDir the repository root (where package-lock.json lives)
 */
export function ensureNpmDependencies(rootDir) {
  const lock = path.join(rootDir, 'package-lock.json');
  const installed = path.join(rootDir, 'node_modules', '.package-lock.json');
  let needed = !fs.existsSync(installed);
  if (!needed && fs.existsSync(lock)) {
    needed = fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs;
  }
  if (!needed) return false;
  console.error('[infra] installing npm dependencies (npm install)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --prefer-offline: what the npm cache holds is used without asking the registry again (a fresh
  // clone on a machine that installed before: about 35 s instead of 52 s here); the rest is fetched.
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: rootDir, stdio: 'inherit' });
  if (result.error) throw new InfraError(`npm install could not start: ${result.error.message}`);
  if (result.status !== 0) throw new InfraError(`npm install failed (exit code ${result.status})`);
  // npm leaves the hidden lockfile alone when nothing changed: mark it fresh so the next run skips.
  if (fs.existsSync(installed)) {
    const now = new Date();
    fs.utimesSync(installed, now, now);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// apt

/** Tells whether apt can be run here: as root directly, or through passwordless sudo. */
function aptPrefix() {
  if (isRoot()) return [];
  if (which('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

/**
 * Installs Debian packages with apt-get, running `apt-get update` and retrying once when the
 * first attempt fails (a fresh machine has no package lists). Services the packages ship are
 * not started (a temporary policy-rc.d), since the scripts start their own servers.
 */
function aptInstall(packages, why) {
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!which('apt-get')) {
    throw new InfraError(`${why}, and this machine has no apt-get. Install ${packages.join(', ')} with the system's package manager.`);
  }
  const prefix = aptPrefix();
  if (!prefix) {
    const message = `${why}. Installing it needs root. Run this as root, then try again:\n\n` + `    sudo sh -c '${command}'\n`;
    throw new InfraError(message);
  }
  console.error(`[infra] ${why}: installing ${packages.join(', ')} with apt-get…`);
  const policy = '/usr/sbin/policy-rc.d';
  let wrotePolicy = false;
  if (prefix.length === 0 && !fs.existsSync(policy)) {
    try {
      fs.writeFileSync(policy, '#!/bin/sh\n# written by shanyu deploy/local/install.mjs during apt-get install\nexit 101\n', { mode: 0o755 });
      wrotePolicy = true;
    } catch {
      // not fatal: at worst apt starts the packaged service
    }
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    return spawnSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
  };
  const install = ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...packages];
  try {
    let result = run(install);
    if (result.status !== 0) {
      run(['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update']);
      result = run(install);
    }
    if (result.status !== 0) {
      throw new InfraError(`apt-get install ${packages.join(' ')} failed (exit code ${result.status}). Try by hand: ${command}`);
    }
  } finally {
    if (wrotePolicy) fs.rmSync(policy, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// binaries

/** @returns {string} the path of nats-server, installed from Debian's package when missing. */
export function ensureNatsServer() {
  const extra = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'];
  let found = process.env.NATS_SERVER_BIN && isExecutable(process.env.NATS_SERVER_BIN) ? process.env.NATS_SERVER_BIN : which('nats-server', extra);
  if (found) return found;
  aptInstall(['nats-server'], 'nats-server is not installed');
  found = which('nats-server', extra);
  if (!found) throw new InfraError('nats-server is still missing after apt-get install nats-server');
  return found;
}

/**
 * @returns {string} the path of Debian's Chromium (for the browser tests), installed with apt-get
 *   when missing. Never downloads a browser build of its own. CHROMIUM_BIN overrides the path.
 */
export function ensureChromium() {
  const extra = ['/usr/bin', '/usr/local/bin', '/snap/bin'];
  const names = ['chromium', 'chromium-browser'];
  const lookup = () =>
    process.env.CHROMIUM_BIN && isExecutable(process.env.CHROMIUM_BIN) ? process.env.CHROMIUM_BIN : (names.map((n) => which(n, extra)).find(Boolean) ?? null);
  let found = lookup();
  if (!found) {
    aptInstall(['chromium'], 'Chromium (for the browser tests) is not installed');
    found = lookup();
    if (!found) throw new InfraError('chromium is still missing after apt-get install chromium');
  }
  ensureChineseFont();
  return found;
}

/** The pages are Chinese: without a CJK font Chromium draws boxes (screenshots show nothing). */
function ensureChineseFont() {
  const fcList = which('fc-list', ['/usr/bin']);
  const hasFont = () => {
    if (!fcList) return fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
    const out = spawnSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8' });
    return out.status === 0 && out.stdout.trim().length > 0;
  };
  if (hasFont()) return;
  aptInstall(['fonts-wqy-microhei'], 'No Chinese font is installed (Chromium would draw boxes)');
}

function postgresBinDirs() {
  const dirs = [...pathDirs()];
  const root = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(root).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    // none installed
  }
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const version of versions) dirs.push(path.join(root, version, 'bin'));
  return dirs;
}

function findPostgresBinaries() {
  for (const dir of postgresBinDirs()) {
    const initdb = path.join(dir, 'initdb');
    const pg_ctl = path.join(dir, 'pg_ctl');
    const postgres = path.join(dir, 'postgres');
    if (isExecutable(initdb) && isExecutable(pg_ctl) && isExecutable(postgres)) {
      // Symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb): psql is looked up
      // beside the real binaries first, so all tools come from the same version.
      const realDir = path.dirname(fs.realpathSync(initdb));
      const psql = [path.join(realDir, 'psql'), path.join(dir, 'psql')].find(isExecutable) ?? which('psql', ['/usr/bin']);
      return { initdb, pg_ctl, postgres, psql, binDir: realDir };
    }
  }
  return null;
}

/**
 * @returns {{ initdb: string, pg_ctl: string, postgres: string, psql: string | null, binDir: string }}
 *   PostgreSQL's server binaries: from PATH first, then the newest /usr/lib/postgresql/N/bin;
 *   Debian's `postgresql` package is installed when there are none.
 */
export function ensurePostgresBinaries() {
  let found = findPostgresBinaries();
  if (!found) {
    aptInstall(['postgresql'], 'PostgreSQL (initdb, pg_ctl, postgres) is not installed');
    found = findPostgresBinaries();
  }
  if (!found) throw new InfraError('PostgreSQL binaries are still missing after apt-get install postgresql');
  return found;
}
