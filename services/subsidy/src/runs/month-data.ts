import { lastDayOfMonth, withinDivision } from '@shanyu/common';
import type { BirthOrder, CareForm, ClassType, CreditGrade, DemonstrationRecord, InstitutionStatus, PlacesByClass } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { type Policy, versionsInForce } from '../policies/policy.js';
import { tables } from '../sql.js';
import type { InstitutionMonth, MonthInput, RosterMonth } from './compute-lines.js';

/**
 * Loads what the calculation needs for a set of institutions and one month, set-based (a few
 * queries per batch, never one per child): the facts of the month's last day, the current
 * rosters, the duplicate claims and the one-off grants already paid elsewhere.
 */
/**
 * Every child key on the current rosters of two or more institutions in a month, with their ids
 * (a run computes it once, rather than per batch). Only keys entered twice or more in the month
 * (any roster version) can qualify: they are picked first from the (month, child_key) index
 * alone, and only those are joined to their rosters — not every entry of the month (two
 * statements, so the planner sees how few they are).
 */
export async function monthDuplicates(ds: DataSource, month: string): Promise<Map<string, string[]>> {
  // One snapshot for both statements, as the single statement had.
  return ds.transaction('REPEATABLE READ', async (db) => {
    const t = tables(db);
    const twice: { child_key: string }[] = await db.query(
      `SELECT child_key FROM ${t.entry} WHERE month = $1 GROUP BY child_key HAVING count(*) > 1`, [month],
    );
    if (twice.length === 0) return new Map<string, string[]>();
    const rows: { child_key: string; institution_ids: string[] }[] = await db.query(
      `SELECT e.child_key, array_agg(DISTINCT r.institution_id ORDER BY r.institution_id) AS institution_ids
       FROM ${t.entry} e JOIN ${t.roster} r ON r.id = e.roster_id AND r.current
       WHERE e.month = $1 AND e.child_key = ANY($2::text[])
       GROUP BY e.child_key HAVING count(DISTINCT r.institution_id) > 1`,
      [month, twice.map((k) => k.child_key)],
    );
    return new Map(rows.map((r) => [r.child_key, r.institution_ids]));
  });
}

export async function loadMonthInputs(
  manager: EntityManager, institutionIds: string[], month: string, allPolicies: readonly Policy[], excludeRunId: string,
  knownDuplicates?: Map<string, string[]>,
): Promise<MonthInput[]> {
  if (institutionIds.length === 0) return [];
  const t = tables(manager);
  const day = lastDayOfMonth(month);
  const institutions: {
    id: string; name: string; division_code: string; places: PlacesByClass; total_places: number; demonstrations: DemonstrationRecord[];
  }[] = await manager.query(
    `SELECT id, name, division_code, places, total_places, demonstrations FROM ${t.institution} WHERE id = ANY($1::uuid[]) ORDER BY id`, [institutionIds],
  );
  const facts: { institution_id: string; fact: string; value: unknown }[] = await manager.query(
    `SELECT DISTINCT ON (institution_id, fact) institution_id, fact, value FROM ${t.fact}
     WHERE institution_id = ANY($1::uuid[]) AND effective_on <= $2
     ORDER BY institution_id, fact, effective_on DESC, id DESC`,
    [institutionIds, day],
  );
  const findings: { institution_id: string; ref: string }[] = await manager.query(
    `SELECT institution_id, coalesce(item_code, finding_id::text) AS ref FROM ${t.finding}
     WHERE institution_id = ANY($1::uuid[]) AND severity = 'critical' AND recorded_on <= $2 AND (corrected_on IS NULL OR corrected_on > $2)
     ORDER BY institution_id, ref`,
    [institutionIds, day],
  );
  const rosters: { id: string; institution_id: string; version: number; open_days: number }[] = await manager.query(
    `SELECT id, institution_id, version, open_days FROM ${t.roster} WHERE institution_id = ANY($1::uuid[]) AND month = $2 AND current`, [institutionIds, month],
  );
  const entries: {
    roster_id: string; line_no: number; child_key: string; birth_month: string; birth_order: number; class_type: ClassType; care_form: CareForm; days_attended: number;
  }[] = rosters.length
    ? await manager.query(
      `SELECT roster_id, line_no, child_key, birth_month, birth_order, class_type, care_form, days_attended FROM ${t.entry}
       WHERE roster_id = ANY($1::uuid[]) ORDER BY roster_id, line_no`,
      [rosters.map((r) => r.id)],
    )
    : [];
  // The same child on another institution's current roster of the month: held for both.
  const duplicates: { child_key: string; institution_ids: string[] }[] = knownDuplicates
    ? [...new Set(entries.map((e) => e.child_key))].filter((k) => knownDuplicates.has(k)).map((k) => ({ child_key: k, institution_ids: knownDuplicates.get(k)! }))
    : entries.length
    ? await manager.query(
      `SELECT e.child_key, array_agg(DISTINCT r.institution_id ORDER BY r.institution_id) AS institution_ids
       FROM unnest($2::text[]) AS k(child_key)
       JOIN ${t.entry} e ON e.month = $1 AND e.child_key = k.child_key
       JOIN ${t.roster} r ON r.id = e.roster_id AND r.current
       GROUP BY e.child_key HAVING count(DISTINCT r.institution_id) > 1`,
      [month, [...new Set(entries.map((e) => e.child_key))]],
    )
    : [];
  // One-off grants paid for another month by a run that still stands.
  const paid: { institution_id: string; once_key: string; period: string }[] = await manager.query(
    `SELECT l.institution_id, l.inputs->>'onceKey' AS once_key, min(l.period) AS period
     FROM ${t.line} l JOIN ${t.run} r ON r.id = l.run_id
     WHERE l.institution_id = ANY($1::uuid[]) AND l.rule_kind IN ('opening_grant', 'demonstration_award') AND r.status <> 'returned'
       AND l.run_id <> $2 AND l.period <> $3
     GROUP BY 1, 2 HAVING sum(l.amount_fen) > 0`,
    [institutionIds, excludeRunId, month],
  );

  const inForce = versionsInForce(allPolicies.map((p) => ({ ...p, effectiveTo: p.effectiveTo ?? null })), month);
  const duplicateMap = new Map(duplicates.map((d) => [d.child_key, d.institution_ids]));
  const factMap = new Map(facts.map((f) => [`${f.institution_id}|${f.fact}`, f.value]));
  const entriesByRoster = new Map<string, typeof entries>();
  for (const e of entries) {
    const list = entriesByRoster.get(e.roster_id);
    if (list) list.push(e);
    else entriesByRoster.set(e.roster_id, [e]);
  }
  return institutions.map((inst): MonthInput => {
    const factOf = (fact: string) => factMap.get(`${inst.id}|${fact}`);
    const inclusive = factOf('inclusive') as InstitutionMonth['inclusive'] | undefined;
    const rate = factOf('certificate_rate');
    const roster = rosters.find((r) => r.institution_id === inst.id);
    const children = roster ? entriesByRoster.get(roster.id) ?? [] : [];
    const rosterMonth: RosterMonth | null = roster
      ? {
        rosterId: roster.id, version: roster.version, openDays: roster.open_days,
        children: children.map((e) => ({
          lineNo: e.line_no, childKey: e.child_key, birthMonth: e.birth_month, birthOrder: e.birth_order as BirthOrder, classType: e.class_type,
          careForm: e.care_form, daysAttended: e.days_attended,
        })),
      }
      : null;
    return {
      month,
      institution: {
        institutionId: inst.id, name: inst.name, divisionCode: inst.division_code, places: inst.places, totalPlaces: inst.total_places,
        status: (factOf('status') as InstitutionStatus | undefined) ?? null,
        inclusive: inclusive ?? null,
        creditGrade: (factOf('credit_grade') as CreditGrade | undefined) ?? null,
        openCriticalFindings: findings.filter((f) => f.institution_id === inst.id).map((f) => f.ref),
        certificateRateBp: typeof rate === 'number' ? rate : null,
        demonstrations: inst.demonstrations ?? [],
        paidOnce: Object.fromEntries(paid.filter((p) => p.institution_id === inst.id).map((p) => [p.once_key, p.period])),
      },
      roster: rosterMonth,
      duplicates: new Map(children.filter((c) => duplicateMap.has(c.child_key)).map((c) => [c.child_key, duplicateMap.get(c.child_key)!])),
      policies: inForce.filter((p) => withinDivision(p.divisionCode, inst.division_code)) as Policy[],
    };
  });
}
