// A lock between processes (test files run in parallel worker processes): a directory made with
// mkdir, which only one process can create, holding its owner's pid; a lock whose owner died is
// taken over. No 'vitest' import here.
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../../deploy/local/processes.mjs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until this process holds the lock `dir`; returns the release. */
export async function acquireLock(dir: string, timeoutMs = 600_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'owner'), `${process.pid}\n`);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(dir, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(fs.readFileSync(path.join(dir, 'owner'), 'utf8'), 10);
      } catch {
        // written an instant after the directory: look again
      }
      if (Number.isInteger(owner) && !isProcessAlive(owner)) fs.rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`the lock ${dir} is still held by process ${owner} after ${timeoutMs / 1000} s`, { cause: error });
      else await sleep(200);
    }
  }
}

/** Runs `work` while holding the lock `dir`. */
export async function withLock<T>(dir: string, work: () => Promise<T> | T, timeoutMs?: number): Promise<T> {
  const release = await acquireLock(dir, timeoutMs);
  try {
    return await work();
  } finally {
    release();
  }
}
