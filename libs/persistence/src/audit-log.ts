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

type AuditFields = Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>;

/**
 * The hashed material is the canonical JSON of the entry's fields followed by the previous
 * entry's hash: `[…fields…,"<prevHash>"]`. Each element is canonicalised on its own, so the
 * fields' part can be prepared before the chain is locked and only the link added under it.
 */
function fieldsMaterial(row: AuditFields): string {
  const fields = canonicalJson([
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
  ]);
  return fields.slice(0, -1);
}

function linkedHash(fields: string, prevHash: string): string {
  return createHash('sha256')
    .update(`${fields},${JSON.stringify(prevHash)}]`)
    .digest('hex');
}

function entryHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  return linkedHash(fieldsMaterial(row), row.prevHash);
}

/**
 * Appends entries inside the caller's transaction (so a failed change leaves no entry) and
 * chains each to the previous by hash; an advisory lock serialises appends per schema.
 */
export class AuditLog {
  async record(manager: EntityManager, input: AuditEntryInput): Promise<void> {
    const table = manager.getRepository(AuditRow).metadata.tablePath;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [table]);
    const row = { ...auditFields(input), prevHash: await lastHash(manager, table) };
    await manager.insert(AuditRow, { ...row, before: asJson(row.before), after: asJson(row.after), hash: entryHash(row) });
  }

  /**
   * Appends many entries in the given order with three statements whatever their number
   * (bulk use cases): the sequence numbers are drawn first and assigned in order, so the chain
   * verifies exactly as if each entry had been recorded on its own.
   */
  async recordMany(manager: EntityManager, inputs: AuditEntryInput[]): Promise<void> {
    if (!inputs.length) return;
    if (inputs.length === 1) return this.record(manager, inputs[0]!);
    const table = manager.getRepository(AuditRow).metadata.tablePath;
    const prepared = inputs.map((input) => {
      const row = auditFields(input);
      return { row, fields: fieldsMaterial(row) };
    });
    // From here to COMMIT the service's audited writes wait for this one: only the links are computed under the lock.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [table]);
    // The chain's head and the sequence numbers in one statement, begun after the lock (so its snapshot sees every earlier append).
    const [head]: { hash: string | null; seqs: string[] }[] = await manager.query(
      `SELECT (SELECT hash FROM ${table} ORDER BY seq DESC LIMIT 1) AS hash,
         (SELECT array_agg(s.v ORDER BY s.v)::text[] FROM (SELECT nextval(pg_get_serial_sequence($1, 'seq')) AS v FROM generate_series(1, $2::int)) AS s) AS seqs`,
      [table, inputs.length],
    );
    let prevHash = head!.hash ?? GENESIS_HASH;
    const seqs = head!.seqs;
    const rows = prepared.map(({ row, fields }, i) => {
      const hash = linkedHash(fields, prevHash);
      const linked = { ...row, seq: seqs[i], occurredAt: row.occurredAt.toISOString(), prevHash, hash };
      prevHash = hash;
      return linked;
    });
    await manager.query(
      `INSERT INTO ${table} (seq, occurred_at, actor_department, actor_role, actor_user, actor_client, action, entity, entity_id, reason, before, after, request_id, prev_hash, hash)
       SELECT seq, "occurredAt", "actorDepartment", "actorRole", "actorUser", "actorClient", action, entity, "entityId", reason, before, after, "requestId", "prevHash", hash
       FROM json_to_recordset($1::json) AS t(seq bigint, "occurredAt" timestamptz, "actorDepartment" text, "actorRole" text, "actorUser" text, "actorClient" text,
         action text, entity text, "entityId" text, reason text, before jsonb, after jsonb, "requestId" text, "prevHash" text, hash text)`,
      [JSON.stringify(rows)],
    );
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
      const rows = await repo.createQueryBuilder('a').where('a.seq > :after', { after }).orderBy('a.seq', 'ASC').limit(batchSize).getMany();
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

/** The JSON form (as `any`, the type TypeORM takes for a jsonb column): what is stored, read back and hashed. */
function asJson(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

async function lastHash(manager: EntityManager, table: string): Promise<string> {
  const last: { hash: string }[] = await manager.query(`SELECT hash FROM ${table} ORDER BY seq DESC LIMIT 1`);
  return last[0]?.hash ?? GENESIS_HASH;
}

/**
 * `before` and `after` are kept as given: the hash covers their JSON form (canonicalJson is
 * defined on it) and that form is what is stored, so Dates and the like hash as they are read back.
 */
function auditFields(input: AuditEntryInput): AuditFields {
  return {
    occurredAt: new Date(),
    actorDepartment: input.actor.department,
    actorRole: input.actor.role,
    actorUser: input.actor.userId,
    actorClient: input.actor.clientId ?? null,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    reason: input.reason ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    requestId: input.requestId ?? null,
  };
}

/**
 * `n` values of a table's `seq` sequence, ascending: a multi-row insert given them explicitly
 * keeps its rows in the caller's order (PostgreSQL does not promise the order in which a
 * column default is evaluated over the rows of one INSERT).
 */
export async function nextSequenceValues(manager: EntityManager, tablePath: string, n: number): Promise<string[]> {
  const [row]: { seqs: string[] }[] = await manager.query(
    `SELECT array_agg(s.v ORDER BY s.v)::text[] AS seqs FROM (SELECT nextval(pg_get_serial_sequence($1, 'seq')) AS v FROM generate_series(1, $2::int)) AS s`,
    [tablePath, n],
  );
  return row?.seqs ?? [];
}
