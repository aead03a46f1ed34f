// Types for install.mjs (plain JavaScript, so the TypeScript harness in libs/testing typechecks it).

export declare class InfraError extends Error {
  constructor(message: string);
}

export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
  /** psql beside the server binaries, else on PATH; null when none is installed. */
  psql: string | null;
  binDir: string;
}

export declare function isRoot(): boolean;
export declare function ensureNpmDependencies(rootDir: string): boolean;
export declare function ensureNatsServer(): string;
export declare function ensurePostgresBinaries(): PostgresBinaries;
/** Debian's Chromium (apt-get install chromium when missing); CHROMIUM_BIN overrides. */
export declare function ensureChromium(): string;
