// The builds some integration tests need: the compiled services (`tsc -b`, for tests that run
// `node services/<name>/dist/main.js` or the admin CLI as child processes) and web/dist (the
// browser tests, `npm start`). Test files run in parallel, and two builds writing the same files at
// once would corrupt each other (or serve a half-written bundle): a build runs under a lock shared
// by every process of the repository, and the services are compiled once per test run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { webBuildIsCurrent } from '../../../deploy/local/web-build.mjs';
import { withLock } from './lock.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCK = path.join(REPO_ROOT, '.test-data', 'build.lock');
const run = promisify(execFile);

/** Runs `work` while holding the repository's build lock. */
function withBuildLock<T>(work: () => Promise<T> | T): Promise<T> {
  return withLock(LOCK, work);
}

/** Where this run notes that the services were compiled (its .test-data/run-… directory), if any. */
function runMarker(): string | undefined {
  const runDir = process.env.SHANYU_TEST_RUN_DIR;
  return runDir ? path.join(runDir, 'services-built') : undefined;
}

/**
 * Every library and service compiled into its dist/ (`tsc -b`, incremental): once per test run,
 * whichever file asks first; the others wait for it.
 */
export async function buildServices(): Promise<void> {
  const marker = runMarker();
  if (marker && fs.existsSync(marker)) return;
  await withBuildLock(async () => {
    if (marker && fs.existsSync(marker)) return;
    const started = Date.now();
    await run(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b'], {
      cwd: REPO_ROOT,
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`tsc -b failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`, { cause: error });
    });
    console.log(`[build] tsc -b: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (marker) fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  });
}

/** web/dist, built when missing or older than its sources (type check, then Vite); returns its path. */
export async function buildWeb(): Promise<string> {
  if (!webBuildIsCurrent(REPO_ROOT)) {
    await withBuildLock(async () => {
      if (webBuildIsCurrent(REPO_ROOT)) return;
      const started = Date.now();
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      // Under Vitest NODE_ENV is `test`, which would make Vite bundle React's development build.
      await run(npm, ['run', 'build', '--silent', '-w', 'web'], {
        cwd: REPO_ROOT,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NODE_ENV: 'production' },
      }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`web build failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`, { cause: error });
      });
      console.log(`[build] web/dist: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
  return path.join(REPO_ROOT, 'web', 'dist');
}
