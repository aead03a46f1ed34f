import type { JsonLogger } from '@shanyu/common';

export interface PeriodicJobOptions {
  /** Named in the log lines. */
  name: string;
  /** Between two runs; 0 turns the job off. */
  intervalMs: number;
  /** Before the first run (default: at once). */
  firstDelayMs?: number;
  /** One run. A failure is logged and tried again at the next tick. */
  run: () => Promise<unknown>;
}

/**
 * Background work on a timer, the one shape for every service: never two runs at once (a tick
 * that finds the previous run still going is skipped), timers that do not keep the process
 * alive, and a stop that waits for the run in progress. Work that must run once across several
 * instances takes a lease in the database itself (see the subsidy run worker).
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly options: PeriodicJobOptions,
    private readonly logger: JsonLogger,
  ) {}

  start(): this {
    const { intervalMs, firstDelayMs = 0 } = this.options;
    if (intervalMs <= 0) return this;
    this.first = setTimeout(() => void this.tick(), firstDelayMs).unref();
    this.timer = setInterval(() => void this.tick(), intervalMs).unref();
    return this;
  }

  /** Runs now unless a run is in progress; resolves when the run (this one or the one in progress) ends. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.options
      .run()
      .then(
        () => undefined,
        (e: unknown) => this.logger.warn(`${this.options.name} failed, will retry`, { err: (e as Error).message }),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running;
  }
}
