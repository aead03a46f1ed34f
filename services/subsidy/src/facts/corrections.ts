import { withinDivision } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import { tables } from '../sql.js';

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
  manager: EntityManager, institution: { id: string; divisionCode: string }, fromMonth: string, toMonth: string | null, reason: string,
): Promise<{ recalcMonths: string[]; staleRuns: string[] }> {
  const t = tables(manager);
  const runs: { id: string; division_code: string; month: string; status: string }[] = await manager.query(
    `SELECT id, division_code, month, status FROM ${t.run} WHERE month >= $1 AND ($2::text IS NULL OR month <= $2) AND status <> 'returned'`,
    [fromMonth, toMonth],
  );
  const covering = runs.filter((r) => withinDivision(r.division_code, institution.divisionCode));
  const posted = [...new Set(covering.filter((r) => r.status === 'posted').map((r) => r.month))].sort();
  for (const month of posted) {
    await manager.query(`INSERT INTO ${t.recalc} (institution_id, month, reason) VALUES ($1, $2, $3)`, [institution.id, month, reason]);
  }
  const open = covering.filter((r) => r.status === 'computed' || r.status === 'computing').map((r) => r.id);
  if (open.length) await manager.query(`UPDATE ${t.run} SET stale = true WHERE id = ANY($1::uuid[])`, [open]);
  return { recalcMonths: posted, staleRuns: open };
}
