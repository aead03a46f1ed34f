import { DomainError } from '@shanyu/common';

const COLUMNS = ['divisionCode', 'year', 'residentPopulation', 'childrenUnder3', 'source'] as const;
const NUMERIC = new Set(['year', 'residentPopulation', 'childrenUnder3']);

/**
 * Parses the population CSV (UTF-8, optional BOM, comma-separated, optional double quotes).
 * Values are passed on as typed as the file has them; the registry validates each row.
 */
export function parsePopulationCsv(text: string): Record<string, unknown>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw DomainError.validation([{ field: '(body)', code: 'csvEmpty', message: 'CSV 至少需要表头和一行数据' }]);
  const header = splitLine(lines[0]).map((h) => h.trim());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw DomainError.validation([{ field: 'line 1', code: 'csvHeader', message: `表头缺少列：${missing.join('、')}` }]);
  }
  return lines.slice(1).map((line) => {
    const cells = splitLine(line);
    const row: Record<string, unknown> = {};
    for (const column of COLUMNS) {
      const raw = (cells[header.indexOf(column)] ?? '').trim();
      row[column] = NUMERIC.has(column) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    }
    return row;
  });
}

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}
