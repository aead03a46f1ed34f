// Starts and stops the local stack's processes without Docker: PostgreSQL and NATS JetStream from
// the machine's own binaries (install.mjs installs them when missing), free ports, waiting for and
// ending processes, and cleanup when this process exits. Plain Node 20 ESM, no dependencies: used
// by `npm start`, the Vitest global setup and harness, the backup tools and the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureNatsServer, ensurePostgresBinaries, InfraError, isRoot } from './install.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(text, max = 4000) {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

function readTail(file, max = 4000) {
  try {
    return tail(fs.readFileSync(file, 'utf8'), max);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// ports

function listenOnce(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/**
 * @param {number} [preferred] a port to use when it is free on 127.0.0.1
 * @returns {Promise<number>} preferred when free, else a free ephemeral port
 */
export async function findFreePort(preferred) {
  if (preferred) {
    const port = await listenOnce(preferred);
    if (port) return port;
  }
  const port = await listenOnce(0);
  if (!port) throw new InfraError('no free TCP port on 127.0.0.1');
  return port;
}

function canConnect(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------
// processes

/** True when pid is a live process (a zombie counts as dead). */
export function isProcessAlive(pid) {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc: kill(0) said it exists
  }
}

/** The command line of pid (from /proc), or null when unknown. */
export function processCommand(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Waits until pid is gone; false on timeout. */
export async function waitForExit(pid, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
export async function terminate(pid, graceMs = 10_000) {
  if (!isProcessAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitForExit(pid, graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(pid, 5_000);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const PG_USER = 'postgres';

function ensurePostgresSystemUser() {
  if (spawnSync('id', ['-u', PG_USER], { stdio: 'ignore' }).status === 0) return;
  const result = spawnSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--home-dir', '/var/lib/postgresql', '--shell', '/usr/sbin/nologin', PG_USER],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0 && spawnSync('id', ['-u', PG_USER], { stdio: 'ignore' }).status !== 0) {
    throw new InfraError(`could not create the ${PG_USER} system user (PostgreSQL refuses to run as root): ${result.stderr ?? result.error?.message}`);
  }
}

function chownToPostgres(...paths) {
  const result = spawnSync('chown', [`${PG_USER}:`, ...paths], { encoding: 'utf8' });
  if (result.status !== 0) throw new InfraError(`chown ${PG_USER} ${paths.join(' ')} failed: ${result.stderr}`);
}

/** Runs a PostgreSQL server tool, as the postgres user when we are root. */
function runPg(command, args, options = {}) {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', PG_USER, '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: os.tmpdir(), ...options });
  if (result.error) throw new InfraError(`${command} could not start: ${result.error.message}`);
  return result;
}

function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** The socket directory beside the data directory, or a short one in /tmp when that path is too long. */
function socketDirFor(dataDir, port) {
  const beside = path.join(path.dirname(dataDir), `${path.basename(dataDir)}-sock`);
  if (`${beside}/.s.PGSQL.${port}.lock`.length <= 100) return beside;
  const short = path.join(os.tmpdir(), `shanyu-pg-${process.pid}-${port}`);
  return short;
}

function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number.parseInt(lines[0], 10), port: Number.parseInt(lines[3], 10), socketDir: lines[4] };
  } catch {
    return null;
  }
}

function isPostgresProcess(pid) {
  const cmd = processCommand(pid);
  if (!cmd) return isProcessAlive(pid);
  return cmd.some((part) => /postgres|postmaster/.test(path.basename(part)));
}

/**
 * Stops a server left running on dataDir by an earlier run, or removes the lock file a crashed
 * one left behind.
 */
async function clearPreviousServer(dataDir, bins) {
  const previous = readPostmasterPid(dataDir);
  if (!previous) return;
  if (previous.pid > 0 && isProcessAlive(previous.pid) && isPostgresProcess(previous.pid)) {
    console.error(`[infra] stopping the PostgreSQL server (pid ${previous.pid}) an earlier run left on ${dataDir}`);
    runPg(bins.pg_ctl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    if (!(await waitForExit(previous.pid, 30_000))) {
      throw new InfraError(`the PostgreSQL server (pid ${previous.pid}) on ${dataDir} did not stop`);
    }
    return;
  }
  fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  if (previous.socketDir && Number.isFinite(previous.port)) {
    fs.rmSync(path.join(previous.socketDir, `.s.PGSQL.${previous.port}`), { force: true });
    fs.rmSync(path.join(previous.socketDir, `.s.PGSQL.${previous.port}.lock`), { force: true });
  }
}

function psqlScript(bins, { socketDir, port, variables, script }) {
  const psql = bins.psql;
  if (!psql) throw new InfraError('psql is not installed (Debian: apt-get install -y postgresql-client)');
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', PG_USER, '-d', 'postgres'];
  for (const [name, value] of Object.entries(variables)) args.push('-v', `${name}=${value}`);
  const result = spawnSync(psql, args, { input: script, encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
  if (result.error) throw new InfraError(`psql could not start: ${result.error.message}`);
  if (result.status !== 0) throw new InfraError(`psql failed (exit code ${result.status}): ${result.stderr}`);
  return result.stdout;
}

/**
 * Starts PostgreSQL on dataDir (initialised on first use), listening on 127.0.0.1:port, and makes
 * sure the role and database exist.
 * @param {{ dataDir: string, port: number, user?: string, password?: string, database?: string,
 *           fast?: boolean, settings?: Record<string, string | number> }} options
 *   fast: fsync and synchronous commit off (throwaway test databases only).
 *   settings: extra `-c name=value` server settings.
 */
export async function startPostgres({ dataDir, port, user = 'shanyu', password = 'shanyu', database = 'shanyu', fast = false, settings = {} }) {
  if (!dataDir || !port) throw new InfraError('startPostgres needs dataDir and port');
  dataDir = path.resolve(dataDir);
  const bins = ensurePostgresBinaries();
  const root = isRoot();
  if (root) ensurePostgresSystemUser();

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const socketDir = socketDirFor(dataDir, port);
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (root) chownToPostgres(dataDir, socketDir);
  if (root && runPg('test', ['-w', dataDir, '-a', '-x', dataDir]).status !== 0) {
    throw new InfraError(`the ${PG_USER} user cannot reach ${dataDir}: every parent directory must be searchable by it (chmod o+x)`);
  }

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    const leftovers = fs.readdirSync(dataDir);
    if (leftovers.length > 0) {
      throw new InfraError(`${dataDir} is neither empty nor a PostgreSQL data directory (holds ${leftovers.slice(0, 5).join(', ')}); move it away`);
    }
    const args = ['-D', dataDir, '-U', PG_USER, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C'];
    if (fast) args.push('--no-sync');
    const result = runPg(bins.initdb, args);
    if (result.status !== 0) {
      throw new InfraError(`initdb failed (exit code ${result.status}):\n${tail(result.stderr || result.stdout)}`);
    }
  } else {
    await clearPreviousServer(dataDir, bins);
  }

  const options = ['-p', String(port), '-k', shellQuote(socketDir), '-c', 'listen_addresses=127.0.0.1'];
  const all = { ...(fast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}), ...settings };
  for (const [name, value] of Object.entries(all)) options.push('-c', shellQuote(`${name}=${value}`));
  const logFile = path.join(dataDir, 'server.log');
  const start = runPg(bins.pg_ctl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options.join(' '), 'start']);
  if (start.status !== 0) {
    throw new InfraError(
      `PostgreSQL did not start on port ${port} (pg_ctl exit code ${start.status}).\n${tail(start.stderr || start.stdout)}\n--- ${logFile} ---\n${readTail(logFile)}`,
    );
  }
  const serverPid = readPostmasterPid(dataDir)?.pid;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Synchronous on purpose, so that it also completes from a process 'exit' handler.
    runPg(bins.pg_ctl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { stdio: 'ignore' });
    if (serverPid && isProcessAlive(serverPid) && isPostgresProcess(serverPid)) {
      try {
        process.kill(serverPid, 'SIGQUIT');
      } catch {
        // gone
      }
    }
  };

  try {
    psqlScript(bins, {
      socketDir,
      port,
      variables: { user, password, database },
      script: [
        `SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')\\gexec`,
        `ALTER ROLE :"user" WITH LOGIN PASSWORD :'password';`,
        `SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database')\\gexec`,
        '',
      ].join('\n'),
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { url, port, dataDir, socketDir, pid: serverPid, logFile, stop };
}

// ---------------------------------------------------------------------------------------------
// NATS

/**
 * Starts nats-server with JetStream (file storage in storeDir) on 127.0.0.1:port.
 * @param {{ storeDir: string, port: number, monitorPort?: number, serverPath?: string,
 *           detached?: boolean, logFile?: string, pidFile?: string, readyTimeoutMs?: number }} options
 *   detached: own process group, stdio to logFile (or nowhere), not tied to this process
 *   (it outlives it: whoever started it must stop it by pid).
 *   pidFile: written with the server's pid at every (re)start.
 *   configFile: a nats-server config (the authorization block of deploy/nats, written by
 *   writeNatsConfig in nats-auth.mjs); the flags above override what it says about ports and storage.
 */
export async function startNats({ storeDir, port, monitorPort, serverPath, detached = false, logFile, pidFile, readyTimeoutMs = 15_000, configFile }) {
  if (!storeDir || !port) throw new InfraError('startNats needs storeDir and port');
  storeDir = path.resolve(storeDir);
  const bin = serverPath ?? ensureNatsServer();
  fs.mkdirSync(storeDir, { recursive: true });
  const args = ['-js', '-sd', storeDir, '-p', String(port), '-a', '127.0.0.1'];
  if (monitorPort) args.push('-m', String(monitorPort));
  if (configFile) args.unshift('-c', path.resolve(configFile));

  let child = null;
  let output = '';
  let logStream = null;

  const spawnServer = async () => {
    output = '';
    let exited = null;
    if (detached) {
      const fd = logFile ? fs.openSync(logFile, 'a') : 'ignore';
      child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd] });
      if (typeof fd === 'number') fs.closeSync(fd);
      child.unref();
    } else {
      child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (logFile && !logStream) {
        // Opened synchronously: an async open could fail after the caller removed the directory.
        logStream = fs.createWriteStream(logFile, { fd: fs.openSync(logFile, 'a') });
        logStream.on('error', () => {});
      }
      const collect = (chunk) => {
        output = tail(output + chunk.toString('utf8'), 16_000);
        logStream?.write(chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
    }
    const current = child;
    current.once('exit', (code, signal) => {
      exited = { code, signal };
    });
    await new Promise((resolve, reject) => {
      current.once('spawn', resolve);
      current.once('error', (error) => reject(new InfraError(`nats-server (${bin}) could not start: ${error.message}`)));
    });
    if (pidFile) fs.writeFileSync(pidFile, `${current.pid}\n`);

    const startedAt = Date.now();
    const deadline = startedAt + readyTimeoutMs;
    const serverOutput = () => (detached ? (logFile ? readTail(logFile) : '') : output);
    // Ready: our process is alive, the port accepts connections and the server said so (or, when
    // its output can't be read, it has stayed alive a moment after the port opened).
    const saidReady = () => /Server is ready/.test(serverOutput());
    for (;;) {
      if (exited) {
        throw new InfraError(
          `nats-server exited at start (code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}) ` +
            `with: ${[bin, ...args].join(' ')}\n${serverOutput()}`,
        );
      }
      if (await canConnect(port)) {
        // The port may belong to another server: give ours a moment to fail on "address in use".
        await sleep(50);
        if (!exited && (saidReady() || Date.now() - startedAt > 3000 || (detached && !logFile && Date.now() - startedAt > 300))) break;
        continue;
      }
      if (Date.now() > deadline) {
        try {
          current.kill('SIGKILL');
        } catch {
          // gone
        }
        throw new InfraError(
          `nats-server did not accept connections on 127.0.0.1:${port} within ${readyTimeoutMs / 1000} s: ${[bin, ...args].join(' ')}\n${serverOutput()}`,
        );
      }
      await sleep(50);
    }
  };

  await spawnServer();

  const waitGone = async (proc, timeoutMs) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return true;
    const exitedEvent = new Promise((resolve) => proc.once('exit', () => resolve(true)));
    const result = await Promise.race([exitedEvent, sleep(timeoutMs).then(() => false)]);
    return result || !isProcessAlive(proc.pid);
  };

  const handle = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    serverPath: bin,
    args,
    get pid() {
      return child?.pid;
    },
    get process() {
      return child;
    },
    /** SIGTERM (lame-duck free shutdown), SIGKILL after 10 s. */
    async stop() {
      const proc = child;
      if (!proc || !isProcessAlive(proc.pid)) return;
      try {
        proc.kill('SIGTERM');
      } catch {
        return;
      }
      if (!(await waitGone(proc, 10_000))) {
        proc.kill('SIGKILL');
        await waitGone(proc, 5_000);
      }
      logStream?.end();
      logStream = null;
    },
    /** SIGKILL, as a crash would, and wait until it is gone. */
    async kill9() {
      const proc = child;
      if (!proc || !isProcessAlive(proc.pid)) return;
      proc.kill('SIGKILL');
      await waitGone(proc, 10_000);
    },
    /** Starts the server again on the same port and store dir (after stop or kill9). */
    async restart() {
      if (child && isProcessAlive(child.pid)) await handle.stop();
      await spawnServer();
    },
  };
  return handle;
}

// ---------------------------------------------------------------------------------------------
// cleanup on exit

const exitHandlers = [];
let exitHooked = false;
let exiting = false;

async function runExitHandlers() {
  const pending = [];
  while (exitHandlers.length > 0) {
    const fn = exitHandlers.pop(); // last registered, first run
    try {
      pending.push(Promise.resolve(fn()).catch((error) => console.error(`[infra] cleanup failed: ${error?.message ?? error}`)));
    } catch (error) {
      console.error(`[infra] cleanup failed: ${error?.message ?? error}`);
    }
  }
  await Promise.all(pending);
}

/**
 * Registers fn to run once when the process ends: on SIGINT/SIGTERM (awaited, then the process
 * exits with 130/143) or on normal exit (only fn's synchronous part runs then).
 * @returns {() => void} unregisters fn
 */
export function onExit(fn) {
  let done = false;
  const once = () => {
    if (done) return undefined;
    done = true;
    return fn();
  };
  exitHandlers.push(once);
  if (!exitHooked) {
    exitHooked = true;
    const onSignal = (signal) => {
      if (exiting) return;
      exiting = true;
      const code = signal === 'SIGINT' ? 130 : 143;
      const force = setTimeout(() => process.exit(code), 30_000);
      force.unref();
      void runExitHandlers().finally(() => process.exit(code));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    process.once('exit', () => {
      void runExitHandlers();
    });
  }
  return () => {
    done = true;
    const index = exitHandlers.indexOf(once);
    if (index >= 0) exitHandlers.splice(index, 1);
  };
}
