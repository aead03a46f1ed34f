// The one clock of test stacks: services that date their facts (`now` start option) read it, and
// a test moves it. It either follows real time (optionally ahead or behind by a fixed amount) or
// stands still at an instant until the test moves it.

export interface TestClock {
  /** The current instant (pass as a service's `now` option: it is bound). */
  readonly now: () => Date;
  /** Stops the clock at this instant (a Date, an ISO string or epoch ms). */
  set(to: Date | string | number): void;
  /** Moves the clock forward (or back, when negative) by `ms`, frozen or running. */
  advance(ms: number): void;
}

export const DAY_MS = 86_400_000;

/**
 * `testClock()` follows real time; `testClock({ aheadMs })` runs that far ahead of it;
 * `testClock({ at })` stands still at `at` until set or advanced.
 */
export function testClock(options: { at?: Date | string | number; aheadMs?: number } = {}): TestClock {
  let frozen: number | undefined = options.at === undefined ? undefined : new Date(options.at).getTime();
  let offset = options.aheadMs ?? 0;
  if (frozen !== undefined && Number.isNaN(frozen)) throw new Error(`testClock: not an instant: ${String(options.at)}`);
  return {
    now: () => new Date(frozen ?? Date.now() + offset),
    set(to) {
      const at = new Date(to).getTime();
      if (Number.isNaN(at)) throw new Error(`testClock.set: not an instant: ${String(to)}`);
      frozen = at;
    },
    advance(ms) {
      if (frozen === undefined) offset += ms;
      else frozen += ms;
    },
  };
}
