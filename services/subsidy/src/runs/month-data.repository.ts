import type { DemonstrationRecord, PlacesByClass } from '@shanyu/contracts';
import type { SeriousListing } from '../domain/serious-listing.js';
import type { StoredChild } from '../rosters/roster.repository.js';
import { SqlRepository } from '../sql.js';

export interface MonthInstitutionRow {
  id: string;
  name: string;
  division_code: string;
  places: PlacesByClass;
  total_places: number;
  demonstrations: DemonstrationRecord[];
}

/** A roster entry as the calculation reads it: the stored columns it needs, with the roster it belongs to. */
export interface MonthEntryRow extends Omit<StoredChild, 'row_number' | 'ref'> {
  roster_id: string;
}

/**
 * What the calculation reads for a set of institutions and one month, set-based (a few queries
 * per batch, never one per child): institutions, dated facts, open findings, serious-breach
 * listings, current rosters, duplicate claims and one-off grants already paid.
 */
export class MonthDataRepository extends SqlRepository {
  /**
   * Every child key on the current rosters of two or more institutions in a month, with their ids
   * (a run computes it once, rather than per batch).
   * Only keys entered twice or more in the month (any roster version) can qualify: they are picked
   * first from the (month, child_key) index alone, and only those are joined to their rosters — not
   * every entry of the month (two statements, so the planner sees how few they are). Called outside
   * a transaction: it opens its own, for one snapshot of both statements.
   */
  duplicateClaims(month: string): Promise<Map<string, string[]>> {
    return this.manager.transaction('REPEATABLE READ', async (db) => {
      const twice: { child_key: string }[] = await db.query(`SELECT child_key FROM ${this.t.entry} WHERE month = $1 GROUP BY child_key HAVING count(*) > 1`, [
        month,
      ]);
      if (twice.length === 0) return new Map<string, string[]>();
      const rows: { child_key: string; institution_ids: string[] }[] = await db.query(
        `SELECT e.child_key, array_agg(DISTINCT r.institution_id ORDER BY r.institution_id) AS institution_ids
         FROM ${this.t.entry} e JOIN ${this.t.roster} r ON r.id = e.roster_id AND r.current
         WHERE e.month = $1 AND e.child_key = ANY($2::text[])
         GROUP BY e.child_key HAVING count(DISTINCT r.institution_id) > 1`,
        [month, twice.map((k) => k.child_key)],
      );
      return new Map(rows.map((r) => [r.child_key, r.institution_ids]));
    });
  }

  /** Of these children, those on the current rosters of two or more institutions in the month, with their ids. */
  duplicatesAmong(month: string, childKeys: string[]): Promise<{ child_key: string; institution_ids: string[] }[]> {
    return this.manager.query(
      `SELECT e.child_key, array_agg(DISTINCT r.institution_id ORDER BY r.institution_id) AS institution_ids
       FROM unnest($2::text[]) AS k(child_key)
       JOIN ${this.t.entry} e ON e.month = $1 AND e.child_key = k.child_key
       JOIN ${this.t.roster} r ON r.id = e.roster_id AND r.current
       GROUP BY e.child_key HAVING count(DISTINCT r.institution_id) > 1`,
      [month, childKeys],
    );
  }

  institutions(ids: string[]): Promise<MonthInstitutionRow[]> {
    return this.manager.query(
      `SELECT id, name, division_code, places, total_places, demonstrations FROM ${this.t.institution} WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  /** Per institution and fact, the value holding on `day` (the latest dated on or before it). */
  factsOn(institutionIds: string[], day: string): Promise<{ institution_id: string; fact: string; value: unknown }[]> {
    return this.manager.query(
      `SELECT DISTINCT ON (institution_id, fact) institution_id, fact, value FROM ${this.t.fact}
       WHERE institution_id = ANY($1::uuid[]) AND effective_on <= $2
       ORDER BY institution_id, fact, effective_on DESC, id DESC`,
      [institutionIds, day],
    );
  }

  /** Critical findings recorded by `day` and not corrected by then, by institution (the item code, else the finding id). */
  openCriticalFindings(institutionIds: string[], day: string): Promise<{ institution_id: string; ref: string }[]> {
    return this.manager.query(
      `SELECT institution_id, coalesce(item_code, finding_id::text) AS ref FROM ${this.t.finding}
       WHERE institution_id = ANY($1::uuid[]) AND severity = 'critical' AND recorded_on <= $2 AND (corrected_on IS NULL OR corrected_on > $2)
       ORDER BY institution_id, ref`,
      [institutionIds, day],
    );
  }

  /** The decided listings (严重失信主体名单) of these institutions whose publication began by `day`; whether one still runs then is inPublicationOn's to say. */
  async seriousListings(institutionIds: string[], day: string): Promise<(SeriousListing & { institutionId: string })[]> {
    const rows: {
      listing_id: string;
      institution_id: string;
      decision_no: string | null;
      published_from: string;
      published_until: string;
      removed_on: string | null;
    }[] = await this.manager.query(
      `SELECT listing_id, institution_id, decision_no, to_char(published_from, 'YYYY-MM-DD') AS published_from,
              to_char(published_until, 'YYYY-MM-DD') AS published_until, to_char(removed_on, 'YYYY-MM-DD') AS removed_on
         FROM ${this.t.listing}
        WHERE institution_id = ANY($1::uuid[]) AND published_from IS NOT NULL AND published_until IS NOT NULL AND published_from <= $2::date
        ORDER BY institution_id, published_from, listing_id`,
      [institutionIds, day],
    );
    return rows.map((r) => ({
      listingId: r.listing_id,
      institutionId: r.institution_id,
      decisionNo: r.decision_no,
      publishedFrom: r.published_from,
      publishedUntil: r.published_until,
      removedOn: r.removed_on,
    }));
  }

  currentRosters(institutionIds: string[], month: string): Promise<{ id: string; institution_id: string; version: number; open_days: number }[]> {
    return this.manager.query(
      `SELECT id, institution_id, version, open_days FROM ${this.t.roster} WHERE institution_id = ANY($1::uuid[]) AND month = $2 AND current`,
      [institutionIds, month],
    );
  }

  /** The rosters' children, by roster and line. */
  entries(rosterIds: string[]): Promise<MonthEntryRow[]> {
    return this.manager.query(
      `SELECT roster_id, line_no, child_key, birth_month, birth_order, class_type, care_form, days_attended FROM ${this.t.entry}
       WHERE roster_id = ANY($1::uuid[]) ORDER BY roster_id, line_no`,
      [rosterIds],
    );
  }

  /** One-off grants paid for another month than `month` by a run that still stands (other than `exceptRunId`): the first month each was paid for. */
  paidOnce(institutionIds: string[], exceptRunId: string, month: string): Promise<{ institution_id: string; once_key: string; period: string }[]> {
    return this.manager.query(
      `SELECT l.institution_id, l.inputs->>'onceKey' AS once_key, min(l.period) AS period
       FROM ${this.t.line} l JOIN ${this.t.run} r ON r.id = l.run_id
       WHERE l.institution_id = ANY($1::uuid[]) AND l.rule_kind IN ('opening_grant', 'demonstration_award') AND r.status <> 'returned'
         AND l.run_id <> $2 AND l.period <> $3
       GROUP BY 1, 2 HAVING sum(l.amount_fen) > 0`,
      [institutionIds, exceptRunId, month],
    );
  }
}
