import type { RepairStatus } from '@shanyu/contracts';
import { type Db, schemaTable } from '@shanyu/persistence';

export interface RepairRow {
  id: string;
  institution_id: string;
  division_code: string;
  entry_ids: string[];
  reason: string;
  status: RepairStatus;
  requested_by: { department: string; userId: string };
  requested_at: Date;
  decision: 'approve' | 'reject' | null;
  decision_reason: string | null;
  decided_by: { department: string; userId: string } | null;
  decided_at: Date | null;
  decided_on: string | null;
  ledger_entry_id: string | null;
}

const COLUMNS = `id, institution_id, division_code, entry_ids, reason, status, requested_by, requested_at, decision, decision_reason, decided_by, decided_at,
  decided_on::text AS decided_on, ledger_entry_id`;

type Who = { department: string; userId: string };

/** 信用修复 requests (`repair_request`). */
export class RepairRepository {
  constructor(private readonly db: Db) {}

  /** The request; `forUpdate` locks it for the rest of the transaction. */
  async byId(id: string, forUpdate = false): Promise<RepairRow | null> {
    const rows: RepairRow[] = await this.db.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Ids of the institution's pending requests that list any of `entryIds`. */
  async pendingListing(institutionId: string, entryIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM ${this.table} WHERE institution_id = $1 AND status = 'pending' AND entry_ids && $2::uuid[]`,
      [institutionId, entryIds],
    );
    return rows.map((r) => r.id);
  }

  async insertPending(request: {
    id: string;
    institutionId: string;
    divisionCode: string;
    entryIds: string[];
    reason: string;
    requestedBy: Who;
    requestedAt: Date;
  }): Promise<RepairRow> {
    const rows: RepairRow[] = await this.db.query(
      `INSERT INTO ${this.table} (id, institution_id, division_code, entry_ids, reason, status, requested_by, requested_at)
       VALUES ($1, $2, $3, $4::uuid[], $5, 'pending', $6::jsonb, $7) RETURNING ${COLUMNS}`,
      [request.id, request.institutionId, request.divisionCode, request.entryIds, request.reason, JSON.stringify(request.requestedBy), request.requestedAt],
    );
    return rows[0]!;
  }

  async decide(
    id: string,
    decision: {
      status: RepairStatus;
      decision: 'approve' | 'reject';
      reason: string;
      decidedBy: Who;
      decidedAt: Date;
      decidedOn: string;
      ledgerEntryId: string | null;
    },
  ): Promise<RepairRow> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [rows]: [RepairRow[], number] = await this.db.query(
      `UPDATE ${this.table} SET status = $2, decision = $3, decision_reason = $4, decided_by = $5::jsonb, decided_at = $6, decided_on = $7,
         ledger_entry_id = $8 WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        decision.status,
        decision.decision,
        decision.reason,
        JSON.stringify(decision.decidedBy),
        decision.decidedAt,
        decision.decidedOn,
        decision.ledgerEntryId,
      ],
    );
    return rows[0]!;
  }

  /**
   * A page of requests, newest first, with the total: of one institution and/or status, within
   * division prefixes (the institution's current division, else the one it was requested in)
   * and/or of one operator's institutions (null: no filter).
   */
  async page(
    filter: { institutionId: string | null; status: RepairStatus | null; prefixes: string[] | null; ownerUserId: string | null },
    page: number,
    pageSize: number,
  ): Promise<{ rows: RepairRow[]; total: number }> {
    // The window count gives the total with the page in one statement.
    const rows: (RepairRow & { total: number })[] = await this.db.query(
      `SELECT ${COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1r.$2')}, count(*) OVER ()::int AS total
       FROM ${this.table} r LEFT JOIN ${schemaTable(this.db, 'institution')} i ON i.id = r.institution_id
       WHERE ($1::uuid IS NULL OR r.institution_id = $1) AND ($2::text IS NULL OR r.status = $2)
         AND ($3::text[] IS NULL OR coalesce(i.division_code, r.division_code) LIKE ANY (SELECT p || '%' FROM unnest($3::text[]) AS p))
         AND ($4::text IS NULL OR i.owner_user_id = $4)
       ORDER BY r.requested_at DESC, r.id LIMIT $5 OFFSET $6`,
      [filter.institutionId, filter.status, filter.prefixes, filter.ownerUserId, pageSize, (page - 1) * pageSize],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  private get table(): string {
    return schemaTable(this.db, 'repair_request');
  }
}
