import type { IsoDate } from '@shanyu/common';

/**
 * The same day `n` months later (or earlier), clamped to the month's last day: 2025-01-31 + 1 →
 * 2025-02-28, 2024-02-29 + 12 → 2025-02-28. "Within 12 months of the last check" means on or
 * before that day.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

