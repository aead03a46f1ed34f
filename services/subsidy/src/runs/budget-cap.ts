import { type Fen, assertFen } from '@shanyu/common';

/**
 * The budget rule (pro_rata_largest_remainder): when a month's capped lines ask for more than
 * what is left of the year's budget, every line gets the same share of it — each rounded down
 * to the fen, and the fen left over go one each to the lines with the largest remainders (ties:
 * the smaller line key first) — so the lines sum exactly to what was left, and the same inputs
 * always give the same amounts. Exact integer arithmetic (BigInt), never floats.
 *
 * The run applies the same rule in SQL (run-worker `applyBudget`), over the lines in the
 * database; this function is its specification and is what the unit tests check.
 */
export function allocateLargestRemainder(lines: readonly { key: string; amountFen: Fen }[], availableFen: Fen): Map<string, Fen> {
  assertFen(availableFen, 'availableFen');
  const out = new Map<string, Fen>();
  let total = 0n;
  for (const l of lines) {
    assertFen(l.amountFen);
    if (l.amountFen < 0) throw new RangeError('capped amounts cannot be negative');
    total += BigInt(l.amountFen);
  }
  const available = BigInt(Math.max(0, availableFen));
  if (total <= available) {
    for (const l of lines) out.set(l.key, l.amountFen);
    return out;
  }
  const shares = lines.map((l) => {
    const product = BigInt(l.amountFen) * available;
    return { key: l.key, floor: product / total, remainder: product % total };
  });
  let left = available - shares.reduce((sum, s) => sum + s.floor, 0n);
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.remainder > b.remainder ? -1 : 1));
  const bonus = new Set<string>();
  for (const s of order) {
    if (left <= 0n) break;
    bonus.add(s.key);
    left -= 1n;
  }
  for (const s of shares) out.set(s.key, Number(s.floor + (bonus.has(s.key) ? 1n : 0n)));
  return out;
}
