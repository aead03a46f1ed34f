import { SYSTEM_ACTOR } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { EventTooLargeError, MAX_EVENT_BYTES, Outbox } from './outbox.js';

/** A stand-in for the transaction's manager that records the SQL it is given. */
function recordingManager() {
  const inserts: unknown[][] = [];
  const manager = {
    getRepository: () => ({ metadata: { tablePath: 'svc.outbox' } }),
    query: async (_sql: string, params: unknown[]) => {
      inserts.push(params);
      return [];
    },
  } as unknown as EntityManager;
  return { manager, inserts };
}

describe('Outbox.append', () => {
  it('records an event that fits the broker, as the JSON it will publish', async () => {
    const { manager, inserts } = recordingManager();
    const envelope = await new Outbox().append(manager, { subject: 'evt.test.small.v1', actor: SYSTEM_ACTOR, entityId: 'e1', data: { n: 1 } });
    expect(inserts).toHaveLength(1);
    expect(inserts[0]![0]).toBe(envelope.eventId);
    expect(JSON.parse(inserts[0]![2] as string)).toEqual(envelope);
  });

  it('refuses an event over the limit before writing anything, naming the subject and its size', async () => {
    const { manager, inserts } = recordingManager();
    const data = { blob: 'x'.repeat(MAX_EVENT_BYTES) };
    const append = new Outbox().append(manager, { subject: 'evt.test.huge.v1', actor: SYSTEM_ACTOR, entityId: 'e1', data });
    await expect(append).rejects.toBeInstanceOf(EventTooLargeError);
    await expect(append).rejects.toThrow(/evt\.test\.huge\.v1 is \d+ bytes/);
    expect(inserts).toHaveLength(0);
  });

  it('counts bytes, not characters: Chinese text is three bytes a character in UTF-8', async () => {
    const { manager } = recordingManager();
    const chars = Math.ceil(MAX_EVENT_BYTES / 3) + 10;
    await expect(
      new Outbox().append(manager, { subject: 'evt.test.zh.v1', actor: SYSTEM_ACTOR, entityId: 'e1', data: { text: '托'.repeat(chars) } }),
    ).rejects.toBeInstanceOf(EventTooLargeError);
  });
});
