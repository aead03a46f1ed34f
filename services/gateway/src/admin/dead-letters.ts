import { DEAD_LETTER_STREAM, deadLetterSubject, type EventEnvelope } from '@shanyu/contracts';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';

/** A dead letter as DurableEventConsumer wrote it to `dlq.<consumer>` (stream DEADLETTER). */
export interface DeadLetter {
  /** Sequence in DEADLETTER: what `dlq redrive --seq` takes. */
  seq: number;
  consumer: string;
  subject: string;
  deliveries: number;
  error: string;
  failedAt: string;
  eventId?: string;
  event: EventEnvelope | string;
}

export interface RedriveResult {
  seq: number;
  consumer: string;
  eventId?: string;
  outcome: 'redriven' | 'not_an_event';
}

/** Header on a re-driven event: the DEADLETTER sequence it came from. */
export const REDRIVE_HEADER = 'shanyu-redrive-of';

/**
 * Dead letters: list them and re-drive them. A re-drive publishes the original envelope, with its
 * original `eventId`, to its original subject in EVENTS, then removes the dead letter. Every
 * durable consumer following that subject receives it again; those that handled it before find
 * the eventId in their inbox and do nothing, so the effect happens once. The Nats-Msg-Id is
 * `<eventId>:redrive:<dead-letter seq>`: the stream stores it even inside the duplicate window of
 * the original, and re-driving the same dead letter twice (a crash between publish and delete)
 * is deduplicated by JetStream.
 */
export class DeadLetters {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Dead letters per consumer: { consumer: count }. */
  async counts(): Promise<Record<string, number>> {
    const info = await this.jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: deadLetterSubject('>') });
    const out: Record<string, number> = {};
    for (const [subject, n] of Object.entries(info.state.subjects ?? {})) out[subject.slice('dlq.'.length)] = n;
    return out;
  }

  /** Every dead letter of one consumer, oldest first. */
  async list(consumer: string): Promise<DeadLetter[]> {
    const subject = deadLetterSubject(consumer);
    const info = await this.jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: subject });
    const total = info.state.subjects?.[subject] ?? 0;
    if (total === 0) return [];
    // One filter as a string: nats-server 2.9 has no filter_subjects (list).
    const reader = await this.js.consumers.get(DEAD_LETTER_STREAM, { filter_subjects: subject });
    const letters: DeadLetter[] = [];
    try {
      while (letters.length < total) {
        const batch = await reader.fetch({ max_messages: Math.min(total - letters.length, 500), expires: 2_000 });
        let got = 0;
        for await (const m of batch) {
          got++;
          const body = m.json<Omit<DeadLetter, 'seq' | 'eventId'>>();
          const event = body.event;
          letters.push({ ...body, seq: m.seq, eventId: typeof event === 'object' && event ? event.eventId : undefined });
          if (letters.length >= total) break;
        }
        if (got === 0) break;
      }
    } finally {
      await reader.delete().catch(() => undefined);
    }
    return letters;
  }

  /** Re-drives the given dead letters of a consumer (all of them without `seqs`). */
  async redrive(consumer: string, seqs?: number[]): Promise<RedriveResult[]> {
    const letters = await this.list(consumer);
    const wanted = seqs ? letters.filter((l) => seqs.includes(l.seq)) : letters;
    const missing = (seqs ?? []).filter((s) => !letters.some((l) => l.seq === s));
    if (missing.length)
      throw new Error(`死信 ${missing.join(', ')} 不属于 ${consumer} 或已不存在 / no dead letter ${missing.join(', ')} for consumer ${consumer}`);
    const results: RedriveResult[] = [];
    for (const letter of wanted) {
      if (typeof letter.event !== 'object' || !letter.event?.eventId) {
        results.push({ seq: letter.seq, consumer, outcome: 'not_an_event' });
        continue;
      }
      const h = headers();
      h.set(REDRIVE_HEADER, String(letter.seq));
      await this.js.publish(letter.subject, JSON.stringify(letter.event), {
        msgID: `${letter.event.eventId}:redrive:${letter.seq}`,
        headers: h,
        timeout: 5_000,
      });
      await this.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, letter.seq);
      results.push({ seq: letter.seq, consumer, eventId: letter.event.eventId, outcome: 'redriven' });
    }
    return results;
  }
}
