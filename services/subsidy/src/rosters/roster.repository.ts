import type { CareForm, ClassType, RosterFlag } from '@shanyu/contracts';
import { SqlRepository } from '../sql.js';

/** One checked row of a roster, keyed by the child's hash. */
export interface RosterChildRow {
  lineNo: number;
  rowNumber: number | null;
  childKey: string;
  birthMonth: string;
  birthOrder: number;
  classType: ClassType;
  careForm: CareForm;
  daysAttended: number;
  ref: string | null;
}

export interface NewRoster {
  id: string;
  institutionId: string;
  month: string;
  version: number;
  openDays: number;
  counts: { byClass: object; byCareForm: object; byBirthOrder: object };
  flags: RosterFlag[];
  overCapacityReason: string | null;
  reason: string | null;
  submittedBy: { department: string; userId?: string };
}

/** The children claimed on current rosters of a month, and the duplicate claims recorded so far. */
export interface ChildClaim {
  childKey: string;
  institutionIds: string[];
  divisions: string[];
}

/** A stored roster version. */
export interface StoredRoster {
  id: string;
  month: string;
  version: number;
  open_days: number;
  total: number;
  by_class: Record<ClassType, number>;
  by_care_form: Record<CareForm, number>;
  by_birth_order: Record<'1' | '2' | '3', number>;
  flags: RosterFlag[];
  over_capacity_reason: string | null;
  submitted_at: Date;
  submitted_by: { department: string; userId: string };
}

/** A stored roster entry. */
export interface StoredChild {
  line_no: number;
  row_number: number | null;
  child_key: string;
  birth_month: string;
  birth_order: number;
  class_type: ClassType;
  care_form: CareForm;
  days_attended: number;
  ref: string | null;
}

/** 收托名册 and their entries, versions and duplicate claims: the subsidy service's roster SQL. */
export class RosterRepository extends SqlRepository {
  current(institutionId: string, month: string): Promise<{ id: string; version: number; total: number } | undefined> {
    return this.manager
      .query(`SELECT id, version, total FROM ${this.t.roster} WHERE institution_id = $1 AND month = $2 AND current`, [institutionId, month])
      .then((rows: { id: string; version: number; total: number }[]) => rows[0]);
  }

  async childKeys(rosterId: string): Promise<string[]> {
    return (await this.manager.query(`SELECT child_key FROM ${this.t.entry} WHERE roster_id = $1`, [rosterId])).map((r: { child_key: string }) => r.child_key);
  }

  /**
   * Rosters naming the same child in a month are written one after another, so a child on two
   * rosters is always seen (and announced once) by the second. Locks per (month, child) rather
   * than per month, so rosters of different children never wait for each other; taken in one
   * order (sorted by key) so two rosters never deadlock. Held until the transaction ends.
   */
  async lockChildren(month: string, childKeys: string[]): Promise<void> {
    const keys = [...new Set(childKeys)].map((key) => `subsidy-roster:${month}:${key}`).sort();
    if (!keys.length) return;
    await this.manager.query(
      `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY 1 OFFSET 0) AS ordered`,
      [keys],
    );
  }

  async retire(rosterId: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.roster} SET current = false WHERE id = $1`, [rosterId]);
  }

  /** The new current version and its children. */
  async insert(roster: NewRoster, children: RosterChildRow[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.roster} (id, institution_id, month, version, current, open_days, total, by_class, by_care_form, by_birth_order, flags, over_capacity_reason, reason, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4, true, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, now(), $13::jsonb)`,
      [
        roster.id,
        roster.institutionId,
        roster.month,
        roster.version,
        roster.openDays,
        children.length,
        JSON.stringify(roster.counts.byClass),
        JSON.stringify(roster.counts.byCareForm),
        JSON.stringify(roster.counts.byBirthOrder),
        JSON.stringify(roster.flags),
        roster.overCapacityReason,
        roster.reason,
        JSON.stringify(roster.submittedBy),
      ],
    );
    if (!children.length) return;
    const col = <K extends keyof RosterChildRow>(k: K) => children.map((c) => c[k]);
    await this.manager.query(
      `INSERT INTO ${this.t.entry} (roster_id, month, line_no, row_number, child_key, birth_month, birth_order, class_type, care_form, days_attended, ref)
       SELECT $1, $2, * FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::text[], $10::smallint[], $11::text[])`,
      [
        roster.id,
        roster.month,
        col('lineNo'),
        col('rowNumber'),
        col('childKey'),
        col('birthMonth'),
        col('birthOrder'),
        col('classType'),
        col('careForm'),
        col('daysAttended'),
        col('ref'),
      ],
    );
  }

  async setFlags(rosterId: string, flags: RosterFlag[]): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.roster} SET flags = $2::jsonb WHERE id = $1`, [rosterId, JSON.stringify(flags)]);
  }

  /** Per child: the institutions (and their divisions) whose current roster of the month names it. */
  async claims(month: string, childKeys: string[]): Promise<ChildClaim[]> {
    const rows: { child_key: string; institution_ids: string[]; divisions: string[] }[] = await this.manager.query(
      `SELECT e.child_key, array_agg(r.institution_id ORDER BY r.institution_id) AS institution_ids, array_agg(i.division_code ORDER BY r.institution_id) AS divisions
       FROM ${this.t.entry} e JOIN ${this.t.roster} r ON r.id = e.roster_id AND r.current JOIN ${this.t.institution} i ON i.id = r.institution_id
       WHERE e.month = $1 AND e.child_key = ANY($2::text[]) GROUP BY e.child_key`,
      [month, childKeys],
    );
    return rows.map((r) => ({ childKey: r.child_key, institutionIds: r.institution_ids, divisions: r.divisions }));
  }

  /** The duplicate claims recorded so far for these children. */
  async knownDuplicates(month: string, childKeys: string[]): Promise<{ childKey: string; institutionIds: string[] }[]> {
    const rows: { child_key: string; institution_ids: string[] }[] = await this.manager.query(
      `SELECT child_key, institution_ids FROM ${this.t.duplicate} WHERE month = $1 AND child_key = ANY($2::text[])`,
      [month, childKeys],
    );
    return rows.map((r) => ({ childKey: r.child_key, institutionIds: r.institution_ids }));
  }

  async recordDuplicate(month: string, childKey: string, institutionIds: string[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.duplicate} (month, child_key, institution_ids) VALUES ($1, $2, $3::uuid[])
       ON CONFLICT (month, child_key) DO UPDATE SET institution_ids = EXCLUDED.institution_ids, updated_at = now()`,
      [month, childKey, institutionIds],
    );
  }

  async clearDuplicate(month: string, childKey: string): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.t.duplicate} WHERE month = $1 AND child_key = $2`, [month, childKey]);
  }

  async byId(rosterId: string): Promise<StoredRoster | undefined> {
    const [row]: StoredRoster[] = await this.manager.query(`SELECT * FROM ${this.t.roster} WHERE id = $1`, [rosterId]);
    return row;
  }

  /** The roster's children, in line order. */
  children(rosterId: string): Promise<StoredChild[]> {
    return this.manager.query(
      `SELECT line_no, row_number, child_key, birth_month, birth_order, class_type, care_form, days_attended, ref FROM ${this.t.entry} WHERE roster_id = $1 ORDER BY line_no`,
      [rosterId],
    );
  }

  /** The duplicate claims of the month among the roster's children, in line order. */
  duplicatesOn(rosterId: string, month: string): Promise<{ child_key: string; institution_ids: string[]; line_no: number }[]> {
    return this.manager.query(
      `SELECT d.child_key, d.institution_ids, e.line_no FROM ${this.t.duplicate} d JOIN ${this.t.entry} e ON e.roster_id = $1 AND e.child_key = d.child_key
       WHERE d.month = $2 ORDER BY e.line_no`,
      [rosterId, month],
    );
  }
}
