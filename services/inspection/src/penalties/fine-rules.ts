import { DomainError, formatFenCny } from '@shanyu/common';
import {
  FINE_BASIS_LABELS,
  type FineRuleInput,
  type FineTierInput,
  PENALTY_CIRCUMSTANCE_LABELS,
  type PenaltyCircumstance,
  type PenaltyItem,
} from '@shanyu/contracts';

/** The lawful range of one decision's fine. */
export interface FineRange {
  minFen: number;
  maxFen: number;
  article: string | null;
}

/**
 * The fine rule of a penalty item: its `fine` as the law writes it, or the older fixed range
 * (fineMinFen–fineMaxFen) as one tier; null when the item has no fine.
 */
export function fineRuleOf(item: Pick<PenaltyItem, 'kinds' | 'fine' | 'fineMinFen' | 'fineMaxFen'>): FineRuleInput | null {
  if (!item.kinds.includes('fine')) return null;
  if (item.fine) return item.fine;
  return { basis: 'none', tiers: [{ minFen: item.fineMinFen ?? 0, maxFen: item.fineMaxFen ?? 0 }] };
}

const inBasis = (tier: FineTierInput, basisFen: number | undefined) =>
  (tier.basisFromFen === undefined || (basisFen !== undefined && basisFen >= tier.basisFromFen)) &&
  (tier.basisBelowFen === undefined || (basisFen !== undefined && basisFen < tier.basisBelowFen));

/** The range of one tier for a basis amount: fixed amounts, or multiples of the basis (counted as at least its floor). */
export function tierRange(tier: FineTierInput, basisFen: number | undefined): FineRange {
  const article = tier.article ?? null;
  if (tier.minTimes === undefined && tier.maxTimes === undefined) return { minFen: tier.minFen ?? 0, maxFen: tier.maxFen ?? 0, article };
  const counted = Math.max(basisFen ?? 0, tier.basisFloorFen ?? 0);
  return { minFen: (tier.minTimes ?? 0) * counted, maxFen: (tier.maxTimes ?? 0) * counted, article };
}

/**
 * The lawful range of a fine for the basis amount and circumstances a decision states: the tier
 * whose basis bounds hold and whose circumstance (if any) is stated; a tier attached to a stated
 * circumstance takes precedence over the general one (拒不改正 → the higher range). Null when no
 * tier applies (e.g. a fine only 拒不改正 allows, without it).
 */
export function lawfulFineRange(rule: FineRuleInput, basisFen: number | undefined, circumstances: readonly PenaltyCircumstance[]): FineRange | null {
  const applicable = rule.tiers.filter((t) => inBasis(t, basisFen) && (t.circumstance === undefined || circumstances.includes(t.circumstance)));
  const chosen = applicable.find((t) => t.circumstance !== undefined) ?? applicable[0];
  return chosen ? tierRange(chosen, basisFen) : null;
}

/** The lowest and highest fine any tier allows (highest absent when a multiple has no upper bound), for lists and forms. */
export function fineBounds(rule: FineRuleInput): { fineMinFen: number; fineMaxFen?: number } {
  const fixed = rule.tiers.filter((t) => t.minTimes === undefined && t.maxTimes === undefined);
  const multiples = rule.tiers.filter((t) => t.minTimes !== undefined || t.maxTimes !== undefined);
  const lows = [...fixed.map((t) => t.minFen ?? 0), ...multiples.map((t) => (t.minTimes ?? 0) * Math.max(t.basisFromFen ?? 0, t.basisFloorFen ?? 0))];
  const unbounded = multiples.some((t) => t.basisBelowFen === undefined);
  const highs = [...fixed.map((t) => t.maxFen ?? 0), ...multiples.map((t) => (t.maxTimes ?? 0) * Math.max((t.basisBelowFen ?? 1) - 1, t.basisFloorFen ?? 0))];
  return unbounded ? { fineMinFen: Math.min(...lows) } : { fineMinFen: Math.min(...lows), fineMaxFen: Math.max(...highs) };
}

/** The rule as an official reads it: 货值金额不足 1 万元的 5 万元至 10 万元；1 万元以上的 10 至 20 倍；拒不改正的 … */
export function describeFine(rule: FineRuleInput): string {
  const basis = FINE_BASIS_LABELS[rule.basis];
  return rule.tiers
    .map((t) => {
      const when = [
        t.circumstance ? `${PENALTY_CIRCUMSTANCE_LABELS[t.circumstance]}的` : '',
        t.basisFromFen !== undefined ? `${basis} ${formatFenCny(t.basisFromFen)} 以上` : '',
        t.basisBelowFen !== undefined ? `${basis}不足 ${formatFenCny(t.basisBelowFen)}` : '',
      ]
        .filter(Boolean)
        .join('、');
      const amount =
        t.minTimes === undefined && t.maxTimes === undefined
          ? t.minFen
            ? `${formatFenCny(t.minFen)} 至 ${formatFenCny(t.maxFen ?? 0)}`
            : `${formatFenCny(t.maxFen ?? 0)} 以下`
          : `${basis} ${t.minTimes ?? 0} 至 ${t.maxTimes} 倍${t.basisFloorFen ? `（${basis}不足 ${formatFenCny(t.basisFloorFen)} 的按 ${formatFenCny(t.basisFloorFen)} 计算）` : ''}`;
      return `${when ? `${when}：` : ''}${amount}${t.article ? `（${t.article}）` : ''}`;
    })
    .join('；');
}

/** Problems of a fine rule beyond its fields: each tier either fixed or multiple, bounds in order, a basis for multiples and thresholds. */
export function fineRuleProblems(rule: FineRuleInput, at: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  rule.tiers.forEach((t, i) => {
    const field = `${at}.tiers.${i}`;
    const fixed = t.minFen !== undefined || t.maxFen !== undefined;
    const multiple = t.minTimes !== undefined || t.maxTimes !== undefined;
    if (fixed === multiple) problems.push({ field, message: 'a tier is either fixed amounts (minFen, maxFen) or multiples of the basis (minTimes, maxTimes)' });
    if (fixed && (t.maxFen === undefined || (t.minFen ?? 0) > t.maxFen)) problems.push({ field, message: 'a fixed tier needs maxFen, not below minFen' });
    if (multiple && (t.maxTimes === undefined || (t.minTimes ?? 0) > t.maxTimes))
      problems.push({ field, message: 'a multiple tier needs maxTimes, not below minTimes' });
    if ((multiple || t.basisFromFen !== undefined || t.basisBelowFen !== undefined) && rule.basis === 'none')
      problems.push({ field, message: 'multiples and basis thresholds need a basis (goods_value or illegal_income)' });
    if (t.basisFromFen !== undefined && t.basisBelowFen !== undefined && t.basisFromFen >= t.basisBelowFen)
      problems.push({ field, message: 'basisFromFen must be below basisBelowFen' });
  });
  return problems;
}

const outOfRange = (message: string, detail: string) =>
  new DomainError('PENALTY_OUT_OF_RANGE', message, [{ field: 'fineFen', code: 'PENALTY_OUT_OF_RANGE', message: detail }]);

/**
 * Checks a decision's fine against the item's rule: the basis amount where the fine is counted
 * from one, a tier the stated circumstances allow, and the amount inside that tier's range.
 * Returns the range it was checked against.
 */
export function checkFine(item: PenaltyItem, fineFen: number, basisAmountFen: number | undefined, circumstances: readonly PenaltyCircumstance[]): FineRange {
  const rule = fineRuleOf(item)!;
  if (rule.basis !== 'none' && basisAmountFen === undefined) {
    const basis = FINE_BASIS_LABELS[rule.basis];
    throw new DomainError('PENALTY_BASIS_REQUIRED', `处罚事项 ${item.code} 的罚款按${basis}计算，请填写认定的${basis}（${describeFine(rule)}）`, [
      { field: 'basisAmountFen', code: 'PENALTY_BASIS_REQUIRED', message: `请填写${basis}（分）` },
    ]);
  }
  const range = lawfulFineRange(rule, basisAmountFen, circumstances);
  if (!range) {
    throw outOfRange(
      `按所认定的情形，${item.code} 不能处以罚款：${describeFine(rule)}（${item.legalBasis}）`,
      `未认定法律规定可处罚款的情形（${describeFine(rule)}）`,
    );
  }
  if (fineFen < Math.max(range.minFen, 1) || fineFen > range.maxFen) {
    throw outOfRange(
      `罚款 ${formatFenCny(fineFen)} 超出 ${item.code} 的法定幅度 ${formatFenCny(range.minFen)} 至 ${formatFenCny(range.maxFen)}（${describeFine(rule)}；${item.legalBasis}）`,
      `法定幅度 ${range.minFen}–${range.maxFen} 分（${formatFenCny(range.minFen)} 至 ${formatFenCny(range.maxFen)}）`,
    );
  }
  return range;
}
