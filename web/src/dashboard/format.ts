import type { IndicatorValue } from '../api/types';

/** How an indicator's value reads on the page (the same function the browser test uses). */
export function formatIndicator(v: Pick<IndicatorValue, 'value' | 'unit'>): string {
  if (v.value === null) return '暂无数据';
  // Money is counted in fen by the API and read in yuan.
  if (v.unit === '分') return `${(v.value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  const n = v.value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return v.unit === '%' ? `${n}%` : `${n} ${v.unit}`.trim();
}

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? '暂无数据' : n.toLocaleString('zh-CN'));
