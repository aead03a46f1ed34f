import { withinDivision } from '@shanyu/common';
import type { RunRepository } from '../runs/run.repository.js';

/**
 * A fact about an institution changed for some months (a roster replaced, an accreditation
 * revoked, a grade or finding recorded). Months already posted are never changed: each gets a
 * recalculation request, which the next run of the division turns into adjustment lines linked
 * to the originals. A run computed but not yet posted is marked stale: it must be recomputed
 * before anyone approves it.
 *
 * `fromMonth`/`toMonth` bound the months affected (inclusive; toMonth null = every later month).
 */
export async function markChanged(
  runs: RunRepository,
  institution: { id: string; divisionCode: string },
  fromMonth: string,
  toMonth: string | null,
  reason: string,
): Promise<{ recalcMonths: string[]; staleRuns: string[] }> {
  const standing = await runs.standingFrom(fromMonth, toMonth);
  const covering = standing.filter((r) => withinDivision(r.division_code, institution.divisionCode));
  const posted = [...new Set(covering.filter((r) => r.status === 'posted').map((r) => r.month))].sort();
  for (const month of posted) await runs.requestRecalc(institution.id, month, reason);
  const open = covering.filter((r) => r.status === 'computed' || r.status === 'computing').map((r) => r.id);
  if (open.length) await runs.markStale(open);
  return { recalcMonths: posted, staleRuns: open };
}
