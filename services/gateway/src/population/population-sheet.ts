import { DomainError } from '@shanyu/common';
import { cellText, locateTable, readSheet, type SheetColumn, type SheetRow } from '../uploads/sheet-reader.js';

/**
 * Reads an uploaded population sheet (.xlsx, or .csv in UTF-8 or GB18030) with the shared sheet
 * reader. Headers in English (as the CSV import) or Chinese (as the console's template); each row
 * keeps its number in the sheet so the registry's refusals name the row the official sees.
 * Values are passed on as the sheet has them; the registry validates each row.
 */
const COLUMNS: SheetColumn[] = [
  { field: 'divisionCode', headers: ['divisioncode', '区划代码', '行政区划代码'], required: true },
  { field: 'year', headers: ['year', '年份', '年度'], required: true },
  { field: 'residentPopulation', headers: ['residentpopulation', '常住人口', '常住人口数'], required: true },
  { field: 'childrenUnder3', headers: ['childrenunder3', '3岁以下婴幼儿数', '3岁以下婴幼儿', '三岁以下婴幼儿数'], required: true },
  { field: 'source', headers: ['source', '数据来源', '来源'], required: true },
];
const NUMERIC = new Set(['year', 'residentPopulation', 'childrenUnder3']);
/** LoadPopulationBody takes at most 10,000 rows. */
const MAX_ROWS = 10_000;

function fileError(message: string): DomainError {
  return DomainError.validation([{ field: '(file)', code: 'populationFile', message }]);
}

export interface PopulationSheetRow {
  rowNumber: number;
  row: Record<string, unknown>;
}

export function populationRowsFromTable(table: SheetRow[]): PopulationSheetRow[] {
  const { positions, rows } = locateTable(table, COLUMNS, {
    fileError,
    expectedHeader: '区划代码、年份、常住人口、3岁以下婴幼儿数、数据来源',
    maxRows: MAX_ROWS,
  });
  return rows.map(({ rowNumber, cells }) => {
    const row: Record<string, unknown> = {};
    for (const [field, at] of positions) {
      const text = cellText(cells[at]);
      row[field] = NUMERIC.has(field) && /^-?\d+$/.test(text) ? Number(text) : text;
    }
    return { rowNumber, row };
  });
}

export async function parsePopulationSheet(buffer: Buffer, fileName = ''): Promise<PopulationSheetRow[]> {
  return populationRowsFromTable(await readSheet(buffer, fileName, fileError));
}
