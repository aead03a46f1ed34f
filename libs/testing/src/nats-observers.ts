// What the integration tests' NATS watch (pii-leak-watch.ts) sees, for other checks to look at too
// (contract-drift-watch.ts): every reply with the subject it answers, every event. No side effects.

export interface SeenNatsMessage {
  kind: 'reply' | 'event';
  /** The request subject a reply answers (undefined: the request was not seen), or the event's subject. */
  subject: string | undefined;
  text: string;
}

type Observer = (message: SeenNatsMessage) => void;

const observers: Observer[] = [];
/** Reply inbox → the subject of the request, for requests published by this process. */
const requests = new Map<string, string>();

/** Returns the function that stops observing (a worker runs file after file in one process). */
export function observeNats(observer: Observer): () => void {
  observers.push(observer);
  return () => {
    const at = observers.indexOf(observer);
    if (at >= 0) observers.splice(at, 1);
  };
}

export function rememberRequest(reply: string, subject: string): void {
  if (observers.length === 0) return;
  requests.set(reply, subject);
  if (requests.size > 50_000) requests.delete(requests.keys().next().value!);
}

export function natsSeen(kind: SeenNatsMessage['kind'], subject: string | undefined, text: string, inbox?: string): void {
  if (observers.length === 0) return;
  const asked = inbox ? requests.get(inbox) : undefined;
  if (inbox) requests.delete(inbox);
  for (const observer of observers) {
    try {
      observer({ kind, subject: subject ?? asked, text });
    } catch {
      // an observer must never break the watch
    }
  }
}
