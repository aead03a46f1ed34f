// The one way integration tests wait: for a condition, never for a fixed time.

export interface EventuallyOptions {
  /** How long to keep trying (default 20 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  everyMs?: number;
}

/**
 * Polls `check` until it returns a truthy value, and returns that value. A check that throws is
 * tried again (a consumer or a row may not exist yet); after `timeoutMs` it fails naming `what`
 * and the last error. `timeoutMs` and `everyMs` may also be given positionally.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutOrOptions: number | EventuallyOptions = {},
  everyMs?: number,
): Promise<T> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions, everyMs } : timeoutOrOptions;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const pause = options.everyMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message ?? String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
