import { DomainError } from '@shanyu/common';
import { parseCsv } from '../uploads/sheet-reader.js';

const COLUMNS = ['divisionCode', 'year', 'residentPopulation', 'childrenUnder3', 'source'] as const;
const NUMERIC = new Set(['year', 'residentPopulation', 'childrenUnder3']);

/**
 * Parses the population CSV (UTF-8, optional BOM, comma-separated; a quoted field may hold commas).
 * Values are passed on as typed as the file has them; the registry validates each row.
 */
export function parsePopulationCsv(text: string): Record<string, unknown>[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    throw DomainError.validation([{ field: '(body)', code: 'csvFormat', message: `CSV 格式有误：${(e as Error).message}` }]);
  }
  if (records.length < 2) throw DomainError.validation([{ field: '(body)', code: 'csvEmpty', message: 'CSV 至少需要表头和一行数据' }]);
  const header = records[0]!.cells;
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw DomainError.validation([{ field: 'line 1', code: 'csvHeader', message: `表头缺少列：${missing.join('、')}` }]);
  }
  return records.slice(1).map(({ cells }) => {
    const row: Record<string, unknown> = {};
    for (const column of COLUMNS) {
      const raw = cells[header.indexOf(column)] ?? '';
      row[column] = NUMERIC.has(column) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    }
    return row;
  });
}
