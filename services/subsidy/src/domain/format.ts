import { fenToYuanString, type Fen } from '@shanyu/common';

// Amounts and rates as the explanations show them to people.

/** `54545` → `545.45 元`. */
export function yuan(fen: Fen): string {
  return `${fenToYuanString(fen)} 元`;
}

/** Basis points as a percentage for people: 5000 → `50%`, 8750 → `87.5%`. */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
