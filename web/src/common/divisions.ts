// The platform's division table (GB/T 2260 / GB/T 10114), the same data the services use.
import { DIVISION_TABLE, type DivisionRow } from '../../../libs/common/src/division-table';

export type { DivisionRow };

const byCode = new Map(DIVISION_TABLE.map((d) => [d.code, d]));

export const divisionName = (code: string | null | undefined): string => (code ? (byCode.get(code)?.name ?? code) : '—');

export const countiesOf = (parent?: string): DivisionRow[] => DIVISION_TABLE.filter((d) => d.level === 'county' && (!parent || d.parent === parent));

export const streetsOf = (county: string): DivisionRow[] => DIVISION_TABLE.filter((d) => d.level === 'street' && d.parent === county);

/** Counties with at least one street in the table (the places the platform covers in detail). */
export const coveredCounties = (): DivisionRow[] => countiesOf().filter((c) => streetsOf(c.code).length > 0);

/** "杭州市 西湖区 三墩镇" */
export function divisionPath(code: string): string {
  const names: string[] = [];
  for (let d = byCode.get(code); d; d = d.parent ? byCode.get(d.parent) : undefined) names.unshift(d.name);
  return names.filter((_, i, all) => !(i === 0 && all.length > 2)).join(' ') || code;
}
