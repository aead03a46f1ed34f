// The personal-data watch of the integration tests, as test files see it (installed by the
// project's setup file pii-leak-watch.ts; this module has no side effects).
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each integration test file writes what the personal-data watch found. */
    personalDataDir: string;
  }
}

export type LeakChannel = 'log' | 'http' | 'nats';

export interface Leak {
  channel: LeakChannel;
  /** stdout, console.warn, `GET /api/v1/…`, a NATS subject. */
  where: string;
  /** Who received it: `police/official`, `unauthenticated`, `event`. */
  audience: string;
  file: string;
  test: string;
  /** The number masked (330106********1234), never in the clear. */
  masked: string;
  excerpt: string;
}

export interface PersonalDataWatch {
  /** Leaks found so far in this file. */
  leaks(): readonly Leak[];
  /** Removes and returns the leaks of one number: for tests that plant a leak on purpose. */
  forgive(id: string): Leak[];
  /** Scans text produced elsewhere (e.g. a child process's log file). */
  scan(channel: LeakChannel, text: string, where: string, audience?: string): void;
  /** Waits until the NATS watch has seen everything published before the call. */
  settle(): Promise<void>;
  readonly counts: Readonly<Record<'logWrites' | 'httpReplies' | 'natsMessages' | 'allowedDisclosures', number>>;
}

export const PERSONAL_DATA_WATCH = Symbol.for('shanyu.personalDataWatch');

/** The watch of this test file (installed by the integration project's setup file). */
export function personalDataWatch(): PersonalDataWatch {
  const watch = (globalThis as Record<symbol, PersonalDataWatch | undefined>)[PERSONAL_DATA_WATCH];
  if (!watch) throw new Error('the personal-data watch runs only in the "integration" Vitest project (libs/testing/src/pii-leak-watch.ts)');
  return watch;
}
