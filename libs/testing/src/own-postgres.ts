// A PostgreSQL of a test file's own, for the files that kill -9 it (tests/faults): the run's shared
// PostgreSQL (global-setup.ts) serves every other file at the same time and must never go down.
// Started like the shared one (a throwaway cluster under the run's .test-data directory, fsync off,
// a free port) in a few seconds; the global setup's teardown stops any a crashed file left. No
// 'vitest' import here.
import path from 'node:path';
import { findFreePort, startPostgres } from '../../../deploy/local/processes.mjs';
import { PG_DATABASE, PG_SETTINGS, postgresControlFor, type PostgresControl } from './postgres-control.js';

export interface OwnPostgres {
  /** postgres://… of its database (same role and database name as the shared one). */
  url: string;
  /** kill -9 and restart it (same data directory and port). */
  control: PostgresControl;
  /** Stops it (whatever process the data directory names: a test may have restarted it). */
  stop(): Promise<void>;
}

export async function startOwnPostgres(name: string): Promise<OwnPostgres> {
  const runDir = process.env.SHANYU_TEST_RUN_DIR;
  if (!runDir) throw new Error('SHANYU_TEST_RUN_DIR is not set: startOwnPostgres() runs in the integration projects (global-setup.ts)');
  const dataDir = path.join(runDir, `pg-${name}-${process.pid}-${Date.now().toString(36)}`);
  const port = await findFreePort();
  const pg = await startPostgres({ dataDir, port, database: PG_DATABASE, fast: true, settings: PG_SETTINGS });
  const control = postgresControlFor({ dataDir, port });
  return {
    url: pg.url,
    control,
    async stop() {
      if (control.pid() === undefined) return;
      await pg.stop();
      // A restarted server is not the process startPostgres knew: pg_ctl stop by data directory found it.
      if (control.pid() !== undefined) await control.kill9();
    },
  };
}
