// Control of the test run's PostgreSQL from a test worker: kill -9 the whole server (postmaster
// and every backend, as a crash of the machine's database would) and start it again on the same
// data directory and port. The global setup's teardown stops it by data directory (pg_ctl -D), so
// a server restarted here is stopped too. No 'vitest' import here.
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive, startPostgres, waitForExit } from '../../../deploy/local/processes.mjs';

/** The run's database and server settings: the global setup starts it so, a restart repeats them. */
export const PG_DATABASE = 'shanyu_test';
export const PG_SETTINGS: Record<string, string | number> = { max_connections: 300 };

export interface PostgresControl {
  /** The running postmaster's pid, or undefined when it is not running. */
  pid(): number | undefined;
  /** SIGKILL the postmaster and all its processes, and wait until they are gone. */
  kill9(): Promise<void>;
  /** Start PostgreSQL again on the same data directory and port (recovery replays the WAL). */
  restart(): Promise<void>;
}

export interface PostgresServerSpec {
  dataDir: string;
  port: number;
}

/** The postmaster pid from `<dataDir>/postmaster.pid` when that process is alive. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Pids whose parent is `parent` (Linux /proc). */
function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function postgresControlFor(spec: PostgresServerSpec): PostgresControl {
  return {
    pid: () => postmasterPid(spec.dataDir),
    async kill9() {
      const pid = postmasterPid(spec.dataDir);
      if (!pid) throw new Error(`PostgreSQL is not running (no live postmaster.pid in ${spec.dataDir})`);
      const backends = childrenOf(pid);
      for (const p of [pid, ...backends]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      for (const p of [pid, ...backends]) {
        if (!(await waitForExit(p, 10_000))) throw new Error(`PostgreSQL process ${p} did not die after SIGKILL`);
      }
    },
    async restart() {
      await startPostgres({ dataDir: spec.dataDir, port: spec.port, database: PG_DATABASE, fast: true, settings: PG_SETTINGS });
    },
  };
}
