import type { FineRule } from '../api/types';
import { label, yuan } from './labels';

export const BASIS_LABELS: Record<string, string> = {
  none: '固定金额',
  goods_value: '货值金额',
  illegal_income: '违法所得',
  illegal_turnover: '违法经营额',
  unpaid_contributions: '应缴（欠缴）社会保险费数额',
};
export const CIRCUMSTANCE_LABELS: Record<string, string> = { refused_to_correct: '拒不改正', serious: '情节严重' };

/** The fine as the article writes it: 货值金额不足 ¥10,000.00：¥50,000.00 至 ¥100,000.00；… */
export function fineText(item: { fine?: FineRule; fineMinFen?: number | null; fineMaxFen?: number | null }): string {
  if (!item.fine) return `${item.fineMinFen ? yuan(item.fineMinFen) : '¥0.00'} 至 ${yuan(item.fineMaxFen ?? 0)}`;
  const basis = BASIS_LABELS[item.fine.basis];
  return item.fine.tiers
    .map((t) => {
      const when = [
        t.circumstance ? `${label(CIRCUMSTANCE_LABELS, t.circumstance)}的` : '',
        t.basisFromFen !== undefined ? `${basis} ${yuan(t.basisFromFen)} 以上` : '',
        t.basisBelowFen !== undefined ? `${basis}不足 ${yuan(t.basisBelowFen)}` : '',
      ]
        .filter(Boolean)
        .join('、');
      const amount =
        t.maxTimes !== undefined
          ? `${basis} ${t.minTimes ?? 0} 至 ${t.maxTimes} 倍${t.basisFloorFen ? `（不足 ${yuan(t.basisFloorFen)} 的按 ${yuan(t.basisFloorFen)} 计算）` : ''}`
          : `${yuan(t.minFen ?? 0)} 至 ${yuan(t.maxFen ?? 0)}`;
      return `${when ? `${when}：` : ''}${amount}`;
    })
    .join('；');
}
