// Control of a test file's nats-server by pid file (test-broker.ts starts one per file; the global
// setup stops any a crashed file left): kill -9 and restart it to prove no event is lost.
// No 'vitest' import here: the global setup runs in Vitest's main process.
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive, processCommand, startNats, terminate, waitForExit } from '../../../deploy/local/processes.mjs';

export interface NatsControl {
  /** The running nats-server's pid, or undefined when it is not running. */
  pid(): number | undefined;
  /** SIGKILL the nats-server, as a crash would, and wait until it is gone. */
  kill9(): Promise<void>;
  /** Start nats-server again (same port, same JetStream store); stops a running one first. */
  restart(): Promise<void>;
}

export interface NatsServerSpec {
  port: number;
  storeDir: string;
  serverPath: string;
  /** The authorization config the server was started with (global-setup.ts). */
  configFile?: string;
}

/** The pid file lives beside the store dir: <run dir>/nats.pid. */
export function natsPidFile(storeDir: string): string {
  return path.join(path.dirname(storeDir), 'nats.pid');
}

export function natsLogFile(storeDir: string): string {
  return path.join(path.dirname(storeDir), 'nats.log');
}

/** The pid in the pid file when that process is alive and is a nats-server. */
export function runningNatsPid(storeDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(natsPidFile(storeDir), 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return undefined;
  const command = processCommand(pid);
  if (command && !command.some((part) => path.basename(part).startsWith('nats-server'))) return undefined;
  return pid;
}

/** Stops the nats-server named by the pid file (SIGTERM, then SIGKILL). */
export async function stopNatsByPidFile(storeDir: string): Promise<void> {
  const pid = runningNatsPid(storeDir);
  if (pid) await terminate(pid, 5_000);
}

export function natsControlFor(spec: NatsServerSpec): NatsControl {
  return {
    pid: () => runningNatsPid(spec.storeDir),
    async kill9() {
      const pid = runningNatsPid(spec.storeDir);
      if (!pid) throw new Error(`nats-server is not running (pid file ${natsPidFile(spec.storeDir)})`);
      process.kill(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 10_000))) throw new Error(`nats-server (pid ${pid}) did not die after SIGKILL`);
    },
    async restart() {
      await stopNatsByPidFile(spec.storeDir);
      // Detached, so it outlives the test worker that restarts it; the global setup's teardown
      // stops whatever pid the pid file names.
      await startNats({
        storeDir: spec.storeDir,
        port: spec.port,
        serverPath: spec.serverPath,
        detached: true,
        logFile: natsLogFile(spec.storeDir),
        pidFile: natsPidFile(spec.storeDir),
        configFile: spec.configFile,
      });
    },
  };
}
