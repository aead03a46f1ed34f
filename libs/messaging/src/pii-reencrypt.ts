import { type Actor, departmentNotAllowed, type PiiCipher } from '@shanyu/common';
import { piiAdminSubjects, PiiReencryptRequest, type PiiReencryptTableView, type PiiReencryptView } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Caller } from './rpc-context.js';

/** A column of a service's own schema holding `PiiCipher` ciphertexts, bound to the row id as context. */
export interface PiiColumn {
  table: string;
  /** The row id (uuid): the context the value was encrypted with, and the batch order. */
  idColumn: string;
  cipherColumn: string;
  /** A keyed hash of the same plaintext kept beside it (staff `person.id_hash`), recomputed under PII_MATCH_KEY. */
  hashColumn?: string;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const MAX_FAILED_IDS = 20;

/**
 * Re-encrypts every value of the given columns under `PII_KEY` (docs/configuration.md
 * "Rotating the personal-data keys"), in batches of one transaction each, ordered by id.
 * Idempotent: a value already under `PII_KEY` whose hash is current is left alone, so an
 * interrupted run is simply run again. Each update is conditional on the ciphertext read, so a
 * concurrent change is never overwritten. Values no configured key opens are counted and named
 * by row id (never by content), and left as they are.
 */
export class ReencryptPii {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    private readonly columns: readonly PiiColumn[],
  ) {
    for (const c of columns) {
      for (const name of [c.table, c.idColumn, c.cipherColumn, c.hashColumn ?? 'x']) if (!NAME.test(name)) throw new Error(`invalid column name ${name}`);
    }
  }

  async execute(request: PiiReencryptRequest, actor: Actor): Promise<Omit<PiiReencryptView, 'service'>> {
    const dryRun = request.dryRun === true;
    const batchSize = request.batchSize ?? 500;
    const tables: PiiReencryptTableView[] = [];
    for (const column of this.columns) tables.push(await this.column(column, dryRun, batchSize));
    const changed = tables.some((t) => t.reencrypted + t.rehashed > 0);
    if (!dryRun && changed) {
      await this.dataSource.transaction((manager) =>
        this.auditLog.record(manager, {
          actor,
          action: 'pii.reencrypt',
          entity: 'pii_key',
          entityId: this.cipher.keyId,
          after: tables.map(({ failedIds: _ids, ...counts }) => counts),
        }),
      );
    }
    return { keyId: this.cipher.keyId, dryRun, tables };
  }

  private async column(c: PiiColumn, dryRun: boolean, batchSize: number): Promise<PiiReencryptTableView> {
    const schema = (this.dataSource.options as { schema: string }).schema;
    const table = `"${schema}"."${c.table}"`;
    const view: PiiReencryptTableView = { column: `${c.table}.${c.cipherColumn}`, rows: 0, current: 0, reencrypted: 0, rehashed: 0, failed: 0, failedIds: [] };
    const fail = (id: string) => {
      view.failed++;
      if (view.failedIds.length < MAX_FAILED_IDS) view.failedIds.push(id);
    };
    let after: string | null = null;
    for (;;) {
      const done: boolean = await this.dataSource.transaction(async (manager) => {
        const rows: { id: string; cipher: string; hash: string | null }[] = await manager.query(
          `SELECT ${c.idColumn}::text AS id, ${c.cipherColumn} AS cipher, ${c.hashColumn ? `${c.hashColumn}::text` : 'NULL'} AS hash
             FROM ${table} WHERE ${c.cipherColumn} IS NOT NULL ${after === null ? '' : `AND ${c.idColumn} > $2`}
            ORDER BY ${c.idColumn} LIMIT $1`,
          after === null ? [batchSize] : [batchSize, after],
        );
        for (const row of rows) {
          view.rows++;
          let plain: string;
          try {
            plain = this.cipher.decrypt(row.cipher, row.id);
          } catch {
            fail(row.id);
            continue;
          }
          const reencrypt = !this.cipher.isCurrent(row.cipher);
          const hash = c.hashColumn ? this.cipher.keyedHash(plain) : null;
          const rehash = hash !== null && hash !== row.hash?.trim();
          if (!reencrypt && !rehash) {
            view.current++;
            continue;
          }
          if (rehash) {
            // Another row already holding the new hash is the same person recorded twice: left for a person to resolve.
            const [taken] = await manager.query(`SELECT 1 FROM ${table} WHERE ${c.hashColumn} = $1 AND ${c.idColumn} <> $2 LIMIT 1`, [hash, row.id]);
            if (taken) {
              fail(row.id);
              continue;
            }
          }
          if (!dryRun) {
            const next = reencrypt ? this.cipher.encrypt(plain, row.id) : row.cipher;
            const [, updated] = rehash
              ? await manager.query(`UPDATE ${table} SET ${c.cipherColumn} = $1, ${c.hashColumn} = $2 WHERE ${c.idColumn} = $3 AND ${c.cipherColumn} = $4`, [
                  next,
                  hash,
                  row.id,
                  row.cipher,
                ])
              : await manager.query(`UPDATE ${table} SET ${c.cipherColumn} = $1 WHERE ${c.idColumn} = $2 AND ${c.cipherColumn} = $3`, [
                  next,
                  row.id,
                  row.cipher,
                ]);
            if (updated !== 1) continue; // changed meanwhile: the next run sees the new value
          }
          if (reencrypt) view.reencrypted++;
          if (rehash) view.rehashed++;
        }
        after = rows.at(-1)?.id ?? after;
        return rows.length < batchSize;
      });
      if (done) return view;
    }
  }
}

function assertAdmin(actor: Actor): void {
  if (actor.department !== 'admin') throw departmentNotAllowed(actor, '重新加密个人信息', ['admin']);
}

/** `<service>.admin.pii.reencrypt` for the personal-data columns of a service's own schema. */
export function piiAdminHandlersFor(service: string, cipher: PiiCipher, columns: readonly PiiColumn[]): Type<unknown> {
  const subjects = piiAdminSubjects(service);

  @Controller()
  class PiiAdminHandlers {
    private readonly reencryptPii: ReencryptPii;

    constructor(@Inject(DataSource) dataSource: DataSource) {
      this.reencryptPii = new ReencryptPii(dataSource, cipher, columns);
    }

    @MessagePattern(subjects.reencrypt)
    async reencrypt(@Payload() body: PiiReencryptRequest, @Caller() actor: Actor): Promise<PiiReencryptView> {
      assertAdmin(actor);
      return { service, ...(await this.reencryptPii.execute(body, actor)) };
    }
  }
  return PiiAdminHandlers;
}
