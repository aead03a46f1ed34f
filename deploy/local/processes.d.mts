// Types for processes.mjs (plain JavaScript, so the TypeScript harness in libs/testing typechecks it).
import type { ChildProcess } from 'node:child_process';

export interface StartPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  /** fsync, synchronous_commit and full_page_writes off: throwaway test databases only. */
  fast?: boolean;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string | number>;
}

export interface PostgresHandle {
  /** postgres://user:password@127.0.0.1:PORT/database */
  url: string;
  port: number;
  dataDir: string;
  socketDir: string;
  pid: number | undefined;
  logFile: string;
  /** `pg_ctl stop -m fast`; its work is done synchronously, so it also completes on process exit. */
  stop(): Promise<void>;
}

export interface StartNatsOptions {
  storeDir: string;
  port: number;
  monitorPort?: number;
  /** Defaults to ensureNatsServer(). */
  serverPath?: string;
  /** Own process group, output to logFile (or nowhere); outlives this process. */
  detached?: boolean;
  logFile?: string;
  /** Rewritten with the server's pid at every (re)start. */
  pidFile?: string;
  /** Default 15 000. */
  readyTimeoutMs?: number;
  /** nats-server config with the authorization block (nats-auth.mjs writeNatsAuth). */
  configFile?: string;
}

export interface NatsHandle {
  /** nats://127.0.0.1:PORT */
  url: string;
  port: number;
  storeDir: string;
  serverPath: string;
  args: string[];
  readonly pid: number | undefined;
  readonly process: ChildProcess | null;
  stop(): Promise<void>;
  kill9(): Promise<void>;
  restart(): Promise<void>;
}

export declare function findFreePort(preferred?: number): Promise<number>;
export declare function startPostgres(options: StartPostgresOptions): Promise<PostgresHandle>;
export declare function startNats(options: StartNatsOptions): Promise<NatsHandle>;
export declare function onExit(fn: () => unknown): () => void;
export declare function isProcessAlive(pid: number | undefined): boolean;
export declare function processCommand(pid: number): string[] | null;
export declare function waitForExit(pid: number, timeoutMs?: number): Promise<boolean>;
export declare function terminate(pid: number, graceMs?: number): Promise<void>;
