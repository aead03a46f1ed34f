// Whether the platform can be reached, not only whether the phone has a network: `navigator.onLine`
// says true behind a captive portal, on a signal too weak to carry a request, and (Chromium) on
// a page reloaded from the service worker while offline. So a request that gets no answer marks
// the platform unreachable until a probe (or any later request) gets one; the `offline` event
// still wins at once.

const EVENT = 'shanyu-connectivity';
const PROBE_EVERY_MS = 3_000;

let unreachable = false;
let probeTimer: number | undefined;

/** Online = the browser has a network and the last request to the platform got an answer. */
export function isOnline(): boolean {
  return navigator.onLine && !unreachable;
}

/** A request to the platform got no answer (network error, connection reset). */
export function markUnreachable(): void {
  if (!unreachable) {
    unreachable = true;
    window.dispatchEvent(new Event(EVENT));
  }
  scheduleProbe();
}

/** A request to the platform got an answer (any HTTP status). */
export function markReachable(): void {
  window.clearTimeout(probeTimer);
  probeTimer = undefined;
  if (unreachable) {
    unreachable = false;
    window.dispatchEvent(new Event(EVENT));
  }
}

/** Calls `listener` whenever isOnline() may have changed; returns the unsubscribe function. */
export function onConnectivityChange(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener(EVENT, listener);
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Asks the gateway whether it answers (its own health, not the services'); the service worker never caches /health. */
export async function probe(): Promise<boolean> {
  try {
    await fetch('/health?scope=self', { cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    markReachable();
    return true;
  } catch {
    markUnreachable();
    return false;
  }
}

function scheduleProbe(): void {
  if (probeTimer !== undefined) return;
  probeTimer = window.setTimeout(() => {
    probeTimer = undefined;
    void probe();
  }, PROBE_EVERY_MS);
}
