import type { Actor } from '@shanyu/common';

/**
 * Every event on JetStream stream `EVENTS` (subjects `evt.>`) is this envelope.
 * `eventId` equals the `Nats-Msg-Id` header: consumers deduplicate on it.
 */
export interface EventEnvelope<T = unknown> {
  eventId: string;
  subject: string;
  occurredAt: string;
  actor: Actor;
  /** Id of the entity the event is about. */
  entityId: string;
  data: T;
}

export const EVENT_STREAM = 'EVENTS';
export const EVENT_SUBJECTS = 'evt.>';
export const DEAD_LETTER_STREAM = 'DEADLETTER';
/** Dead letters: `dlq.<consumer>`; the original subject and event are kept in the body. */
export const DEAD_LETTER_SUBJECTS = 'dlq.>';
export const deadLetterSubject = (consumer: string) => `dlq.${consumer}`;
