import type { DomainError } from '@shanyu/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading operators' uploaded sheets (.xlsx, or .csv in UTF-8 or GB18030 — what Excel saves in
 * Chinese Windows): the part every import shares. Each importer names its columns (Chinese or
 * English headers) and maps the values; this finds the header row, keeps every data row's number
 * in the sheet (so errors name the row the operator sees) and turns cells into text.
 */
export type SheetCell = string | number | boolean | Date | null | undefined;

export interface SheetRow {
  rowNumber: number;
  cells: SheetCell[];
}

export interface SheetColumn {
  field: string;
  /** Header names, lower case, without spaces or `*`. */
  headers: string[];
  required?: boolean;
}

/** Builds the importer's own error (its code) from a Chinese message. */
export type FileError = (message: string) => DomainError;

export function cellText(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A long number typed into a numeric cell has lost digits already (Excel keeps 15): it is
  // passed on as written and fails the ID check, which tells the operator to use a text cell.
  return String(value).trim();
}

/** `2026/3/1`, `2026.3.1`, `2026-3-1`, `2026年3月1日` and Excel dates become `2026-03-01`; anything else is kept for validation to judge. */
export function normalizeDate(value: SheetCell): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

/** `2024/3`, `2024.3`, `2024年3月`, `2024-3` and Excel dates become `2024-03`; anything else is kept. */
export function normalizeMonth(value: SheetCell): string {
  if (value instanceof Date) return value.toISOString().slice(0, 7);
  const text = String(value ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : text;
}

/**
 * Finds the header — the first row (of the first ten non-empty ones) naming every required
 * column, so a title row above it is fine — and returns the column positions and the data rows.
 */
export function locateTable(
  table: SheetRow[],
  columns: SheetColumn[],
  options: { fileError: FileError; expectedHeader: string; maxRows: number },
): { positions: Map<string, number>; rows: SheetRow[] } {
  const { fileError } = options;
  const nonEmpty = table.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (!nonEmpty.length) throw fileError('文件中没有数据');
  const columnsOf = (cells: SheetCell[]) => {
    const names = cells.map((c) => cellText(c).replace(/\s|\*/g, '').toLowerCase());
    const found = new Map<string, number>();
    for (const column of columns) {
      const at = names.findIndex((n) => column.headers.includes(n));
      if (at >= 0) found.set(column.field, at);
    }
    return found;
  };
  const complete = (found: Map<string, number>) => columns.every((c) => !c.required || found.has(c.field));
  const headerAt = nonEmpty.slice(0, 10).findIndex((r) => complete(columnsOf(r.cells)));
  if (headerAt < 0) {
    const found = columnsOf(nonEmpty[0]!.cells);
    const missing = columns.filter((c) => c.required && !found.has(c.field)).map((c) => c.headers[0]);
    throw fileError(`表头缺少必填列：${missing.join('、')}（表头应为：${options.expectedHeader}）`);
  }
  const positions = columnsOf(nonEmpty[headerAt]!.cells);
  const rows = nonEmpty.slice(headerAt + 1);
  if (rows.length === 0) throw fileError('表头之后没有数据行');
  if (rows.length > options.maxRows) throw fileError(`一次最多导入 ${options.maxRows} 行，本文件有 ${rows.length} 行`);
  return { positions, rows };
}

async function xlsxTable(buffer: Buffer, fileError: FileError): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as the pre-TypeScript-5.7 `Buffer`; any Node Buffer works.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw fileError('无法读取 Excel 文件（请上传 .xlsx 格式）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('Excel 文件中没有工作表');
  const out: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      cells[col - 1] = v instanceof Date || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v === null ? v : cell.text;
    });
    out.push({ rowNumber, cells });
  });
  return out;
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** One record of a CSV text and the line it ends on (1 = the first line). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * The one CSV parser of the gateway and its admin CLI (csv-parse): a quoted field may hold commas,
 * doubled quotes and line breaks; a byte-order mark, blank lines and spaces around cells are
 * ignored; rows may differ in length. Malformed text (an unclosed quote) throws csv-parse's error.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

function csvTable(buffer: Buffer, fileError: FileError): SheetRow[] {
  try {
    return parseCsv(decodeText(buffer)).map((r) => ({ rowNumber: r.line, cells: r.cells }));
  } catch (e) {
    throw fileError(`CSV 文件格式有误：${(e as Error).message}`);
  }
}

/** .xlsx (a zip: starts with "PK") or .csv, by content; an old .xls is refused with advice. */
export async function readSheet(buffer: Buffer, fileName: string, fileError: FileError): Promise<SheetRow[]> {
  if (!buffer?.length) throw fileError('没有上传文件（表单字段 file）');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (/\.xls$/i.test(fileName) && !isZip) throw fileError('不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv');
  return isZip ? xlsxTable(buffer, fileError) : csvTable(buffer, fileError);
}
