import { lastDayOfMonth } from '@shanyu/common';
import type { BirthOrder, CreditGrade, InstitutionStatus } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { effectivePolicies, type Policy } from '../policies/policy.js';
import type { InstitutionMonth, MonthInput, RosterMonth } from './compute-lines.js';
import { MonthDataRepository } from './month-data.repository.js';

/**
 * Loads what the calculation needs for a set of institutions and one month: the facts of the
 * month's last day (serious-breach listings included), the current rosters, the duplicate claims
 * (`knownDuplicates`, the month's as a run computed them once, else looked up for these children)
 * and the one-off grants already paid elsewhere.
 */
export async function loadMonthInputs(
  manager: EntityManager,
  institutionIds: string[],
  month: string,
  allPolicies: readonly Policy[],
  excludeRunId: string,
  knownDuplicates?: Map<string, string[]>,
): Promise<MonthInput[]> {
  if (institutionIds.length === 0) return [];
  const data = new MonthDataRepository(manager);
  const day = lastDayOfMonth(month);
  const institutions = await data.institutions(institutionIds);
  const facts = await data.factsOn(institutionIds, day);
  const findings = await data.openCriticalFindings(institutionIds, day);
  const listings = await data.seriousListings(institutionIds, day);
  const rosters = await data.currentRosters(institutionIds, month);
  const entries = rosters.length ? await data.entries(rosters.map((r) => r.id)) : [];
  // The same child on another institution's current roster of the month: held for both.
  const duplicates: { child_key: string; institution_ids: string[] }[] = knownDuplicates
    ? [...new Set(entries.map((e) => e.child_key))]
        .filter((k) => knownDuplicates.has(k))
        .map((k) => ({ child_key: k, institution_ids: knownDuplicates.get(k)! }))
    : entries.length
      ? await data.duplicatesAmong(month, [...new Set(entries.map((e) => e.child_key))])
      : [];
  // One-off grants paid for another month by a run that still stands.
  const paid = await data.paidOnce(institutionIds, excludeRunId, month);

  // The rules of every level composed for each division: institutions of one division share them.
  const byDivision = new Map<string, Policy[]>();
  const policiesFor = (divisionCode: string) => {
    let policies = byDivision.get(divisionCode);
    if (!policies) byDivision.set(divisionCode, (policies = effectivePolicies(allPolicies, divisionCode, month)));
    return policies;
  };
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
    const children = roster ? (entriesByRoster.get(roster.id) ?? []) : [];
    const rosterMonth: RosterMonth | null = roster
      ? {
          rosterId: roster.id,
          version: roster.version,
          openDays: roster.open_days,
          children: children.map((e) => ({
            lineNo: e.line_no,
            childKey: e.child_key,
            birthMonth: e.birth_month,
            birthOrder: e.birth_order as BirthOrder,
            classType: e.class_type,
            careForm: e.care_form,
            daysAttended: e.days_attended,
          })),
        }
      : null;
    return {
      month,
      institution: {
        institutionId: inst.id,
        name: inst.name,
        divisionCode: inst.division_code,
        places: inst.places,
        totalPlaces: inst.total_places,
        status: (factOf('status') as InstitutionStatus | undefined) ?? null,
        inclusive: inclusive ?? null,
        creditGrade: (factOf('credit_grade') as CreditGrade | undefined) ?? null,
        openCriticalFindings: findings.filter((f) => f.institution_id === inst.id).map((f) => f.ref),
        certificateRateBp: typeof rate === 'number' ? rate : null,
        seriousListings: listings.filter((l) => l.institutionId === inst.id).map(({ institutionId: _, ...l }) => l),
        demonstrations: inst.demonstrations ?? [],
        paidOnce: Object.fromEntries(paid.filter((p) => p.institution_id === inst.id).map((p) => [p.once_key, p.period])),
      },
      roster: rosterMonth,
      duplicates: new Map(children.filter((c) => duplicateMap.has(c.child_key)).map((c) => [c.child_key, duplicateMap.get(c.child_key)!])),
      policies: policiesFor(inst.division_code),
    };
  });
}
