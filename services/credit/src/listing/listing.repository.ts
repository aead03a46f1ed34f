import { type Db, schemaTable } from '@shanyu/persistence';

type Who = { department: string; userId: string };

export interface ListingRow {
  id: string;
  institution_id: string;
  institution_name: string | null;
  division_code: string;
  entry_ids: string[];
  facts: string;
  basis: string;
  model_version: string;
  status: 'notified' | 'listed' | 'not_listed' | 'removed';
  notified_by: Who;
  notified_at: Date;
  notice_text: string;
  statement_due: string;
  statement: string | null;
  stated_by: Who | null;
  stated_at: Date | null;
  decision: 'list' | 'not_list' | null;
  decision_no: string | null;
  decision_reason: string | null;
  decided_by: Who | null;
  decided_at: Date | null;
  decided_on: string | null;
  published_from: string | null;
  repairable_from: string | null;
  published_until: string | null;
  removed_on: string | null;
  removal_reason: string | null;
}

const COLUMNS = [
  'id',
  'institution_id',
  'division_code',
  'entry_ids',
  'facts',
  'basis',
  'model_version',
  'status',
  'notified_by',
  'notified_at',
  'notice_text',
  'statement_due::text AS statement_due',
  'statement',
  'stated_by',
  'stated_at',
  'decision',
  'decision_no',
  'decision_reason',
  'decided_by',
  'decided_at',
  'decided_on::text AS decided_on',
  'published_from::text AS published_from',
  'repairable_from::text AS repairable_from',
  'published_until::text AS published_until',
  'removed_on::text AS removed_on',
  'removal_reason',
];
const SELECT = COLUMNS.map((c) => `l.${c}`).join(', ');

/** Serious-breach listings (`listing`), read with the institution's name from the register copy. */
export class ListingRepository {
  constructor(private readonly db: Db) {}

  async byId(id: string, forUpdate = false): Promise<ListingRow | null> {
    const rows: ListingRow[] = await this.db.query(
      `SELECT ${SELECT}, i.name AS institution_name FROM ${this.table} l LEFT JOIN ${this.institutions} i ON i.id = l.institution_id
        WHERE l.id = $1${forUpdate ? ' FOR UPDATE OF l' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Ids of the institution's listings still open or in publication (on `today`) that name any of `entryIds`. */
  async openNaming(institutionId: string, entryIds: string[], today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM ${this.table} WHERE institution_id = $1 AND entry_ids && $2::uuid[]
          AND (status = 'notified' OR (status = 'listed' AND published_until > $3))`,
      [institutionId, entryIds, today],
    );
    return rows.map((r) => r.id);
  }

  async insertNotified(listing: {
    id: string;
    institutionId: string;
    divisionCode: string;
    entryIds: string[];
    facts: string;
    basis: string;
    modelVersion: string;
    notifiedBy: Who;
    notifiedAt: Date;
    noticeText: string;
    statementDue: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (id, institution_id, division_code, entry_ids, facts, basis, model_version, status, notified_by, notified_at, notice_text, statement_due)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, 'notified', $8::jsonb, $9, $10, $11)`,
      [
        listing.id,
        listing.institutionId,
        listing.divisionCode,
        listing.entryIds,
        listing.facts,
        listing.basis,
        listing.modelVersion,
        JSON.stringify(listing.notifiedBy),
        listing.notifiedAt,
        listing.noticeText,
        listing.statementDue,
      ],
    );
  }

  async recordStatement(id: string, statement: string, statedBy: Who, statedAt: Date): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET statement = $2, stated_by = $3::jsonb, stated_at = $4 WHERE id = $1`, [
      id,
      statement,
      JSON.stringify(statedBy),
      statedAt,
    ]);
  }

  async decide(
    id: string,
    decision: {
      decision: 'list' | 'not_list';
      decisionNo: string | null;
      reason: string;
      decidedBy: Who;
      decidedAt: Date;
      decidedOn: string;
      publication: { from: string; repairableFrom: string; until: string } | null;
    },
  ): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET status = $2, decision = $3, decision_no = $4, decision_reason = $5, decided_by = $6::jsonb, decided_at = $7,
         decided_on = $8, published_from = $9, repairable_from = $10, published_until = $11 WHERE id = $1`,
      [
        id,
        decision.decision === 'list' ? 'listed' : 'not_listed',
        decision.decision,
        decision.decisionNo,
        decision.reason,
        JSON.stringify(decision.decidedBy),
        decision.decidedAt,
        decision.decidedOn,
        decision.publication?.from ?? null,
        decision.publication?.repairableFrom ?? null,
        decision.publication?.until ?? null,
      ],
    );
  }

  /** Ends the publication of the institution's listings in force on `on` that name any of `entryIds`; returns their ids. */
  async removeNaming(institutionId: string, entryIds: string[], on: string, reason: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE ${this.table} SET status = 'removed', removed_on = $3, removal_reason = $4
        WHERE institution_id = $1 AND status = 'listed' AND published_until > $3 AND entry_ids && $2::uuid[] RETURNING id`,
      [institutionId, entryIds, on, reason],
    );
    return rows.map((r) => r.id);
  }

  /** Listings in publication on `on` of the given institutions. */
  async inPublication(institutionIds: string[], on: string): Promise<ListingRow[]> {
    if (institutionIds.length === 0) return [];
    return this.db.query(
      `SELECT ${SELECT}, i.name AS institution_name FROM ${this.table} l LEFT JOIN ${this.institutions} i ON i.id = l.institution_id
        WHERE l.institution_id = ANY($1::uuid[]) AND l.status = 'listed' AND l.published_from <= $2 AND l.published_until > $2
        ORDER BY l.published_from DESC`,
      [institutionIds, on],
    );
  }

  /**
   * A page of listings, newest first, with the total: of one institution and/or a stored status
   * (`expired` is `listed` past its end on `today`), within division prefixes and/or of one
   * operator's institutions (null: no filter).
   */
  async page(
    filter: { institutionId: string | null; status: string | null; prefixes: string[] | null; ownerUserId: string | null; today: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: ListingRow[]; total: number }> {
    const rows: (ListingRow & { total: number })[] = await this.db.query(
      `SELECT ${SELECT}, i.name AS institution_name, count(*) OVER ()::int AS total
         FROM ${this.table} l LEFT JOIN ${this.institutions} i ON i.id = l.institution_id
        WHERE ($1::uuid IS NULL OR l.institution_id = $1)
          AND ($2::text IS NULL
               OR ($2 = 'expired' AND l.status = 'listed' AND l.published_until <= $7)
               OR ($2 = 'listed' AND l.status = 'listed' AND l.published_until > $7)
               OR ($2 NOT IN ('expired', 'listed') AND l.status = $2))
          AND ($3::text[] IS NULL OR coalesce(i.division_code, l.division_code) LIKE ANY (SELECT p || '%' FROM unnest($3::text[]) AS p))
          AND ($4::text IS NULL OR i.owner_user_id = $4)
        ORDER BY l.notified_at DESC, l.id LIMIT $5 OFFSET $6`,
      [filter.institutionId, filter.status, filter.prefixes, filter.ownerUserId, pageSize, (page - 1) * pageSize, filter.today],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  private get table(): string {
    return schemaTable(this.db, 'listing');
  }

  private get institutions(): string {
    return schemaTable(this.db, 'institution');
  }
}
