import { JsonLogger } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { PeriodicJob } from './periodic-job.js';

const logger = new JsonLogger('periodic-job-test', 'error');

describe('PeriodicJob', () => {
  it('never runs twice at once: a tick during a run joins it', async () => {
    let runs = 0;
    let release!: () => void;
    const job = new PeriodicJob(
      {
        name: 'slow',
        intervalMs: 0,
        run: () => {
          runs++;
          return new Promise<void>((r) => {
            release = r;
          });
        },
      },
      logger,
    );
    const first = job.tick();
    const second = job.tick();
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second]);
    const third = job.tick();
    expect(runs).toBe(2);
    release();
    await third;
  });

  it('keeps going after a failed run, and stop() waits for the run in progress', async () => {
    const seen: string[] = [];
    let fail = true;
    const job = new PeriodicJob(
      {
        name: 'flaky',
        intervalMs: 10,
        run: async () => {
          if (fail) {
            fail = false;
            throw new Error('database away');
          }
          await new Promise((r) => setTimeout(r, 30));
          seen.push('done');
        },
      },
      logger,
    ).start();
    await new Promise((r) => setTimeout(r, 25));
    await job.stop();
    expect(seen.length).toBeGreaterThan(0);
    const after = seen.length;
    await new Promise((r) => setTimeout(r, 40));
    expect(seen.length).toBe(after);
  });

  it('is off with an interval of 0', async () => {
    let runs = 0;
    const job = new PeriodicJob(
      {
        name: 'off',
        intervalMs: 0,
        run: async () => {
          runs++;
        },
      },
      logger,
    ).start();
    await new Promise((r) => setTimeout(r, 20));
    await job.stop();
    expect(runs).toBe(0);
  });
});
