import { createHash } from 'node:crypto';
import type { Actor } from '@shanyu/common';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json.js';
import { AuditRow } from './foundation.entities.js';

export interface AuditEntryInput {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, when `ok` is false. */
  brokenAt?: string;
  problem?: 'hash_mismatch' | 'broken_link';
}

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  const material = canonicalJson([
    row.occurredAt.toISOString(),
    row.actorDepartment,
    row.actorRole,
    row.actorUser,
    row.actorClient,
    row.action,
    row.entity,
    row.entityId,
    row.reason,
    row.before ?? null,
    row.after ?? null,
    row.requestId,
    row.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/**
 * Appends entries inside the caller's transaction (so a failed change leaves no entry) and
 * chains each to the previous by hash; an advisory lock serialises appends per schema.
 */
export class AuditLog {
  async record(manager: EntityManager, input: AuditEntryInput): Promise<void> {
    const table = manager.getRepository(AuditRow).metadata.tablePath;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [table]);
    const last: { hash: string }[] = await manager.query(`SELECT hash FROM ${table} ORDER BY seq DESC LIMIT 1`);
    const row = {
      occurredAt: new Date(),
      actorDepartment: input.actor.department,
      actorRole: input.actor.role,
      actorUser: input.actor.userId,
      actorClient: input.actor.clientId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      reason: input.reason ?? null,
      before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
      after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
      requestId: input.requestId ?? null,
      prevHash: last[0]?.hash ?? GENESIS_HASH,
    };
    await manager.insert(AuditRow, { ...row, hash: entryHash(row) });
  }

  async history(dataSource: DataSource, entity: string, entityId: string): Promise<AuditRow[]> {
    return dataSource.getRepository(AuditRow).find({ where: { entity, entityId }, order: { seq: 'ASC' } });
  }

  /** Recomputes every hash in order; any edited, removed or reordered entry breaks the chain. */
  async verify(dataSource: DataSource, batchSize = 1000): Promise<AuditVerification> {
    const repo = dataSource.getRepository(AuditRow);
    let prev = GENESIS_HASH;
    let entries = 0;
    let after = '0';
    for (;;) {
      const rows = await repo
        .createQueryBuilder('a')
        .where('a.seq > :after', { after })
        .orderBy('a.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      for (const row of rows) {
        if (row.prevHash !== prev) return { ok: false, entries, brokenAt: row.seq, problem: 'broken_link' };
        if (entryHash(row) !== row.hash) return { ok: false, entries, brokenAt: row.seq, problem: 'hash_mismatch' };
        prev = row.hash;
        entries++;
      }
      if (rows.length < batchSize) return { ok: true, entries };
      after = rows[rows.length - 1].seq;
    }
  }
}
