import { DomainError } from '@shanyu/common';
import {
  CLASS_TYPE_LABELS, EMPLOYMENT_TYPE_LABELS, STAFF_IMPORT_MAX_ROWS, STAFF_ROLE_LABELS, type StaffImportRow,
} from '@shanyu/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reads an operator's staff sheet (.xlsx, or .csv in UTF-8 or GB18030 — what Excel saves in
 * Chinese Windows) into rows for `staff.member.import`. The first non-empty row is the header;
 * columns are found by their Chinese or English names, values may be the Chinese labels
 * (保育人员, 全职, 托小班) or the codes. Each row keeps its number in the sheet, so rejections
 * name the row the operator sees. Validation of the values is the staff service's job.
 */
const COLUMNS: { field: string; headers: string[]; required?: boolean }[] = [
  { field: 'name', headers: ['姓名', 'name'], required: true },
  { field: 'idNumber', headers: ['身份证号', '身份证号码', '公民身份号码', 'idnumber'], required: true },
  { field: 'role', headers: ['岗位', '岗位类别', 'role'], required: true },
  { field: 'employmentType', headers: ['用工形式', 'employmenttype'] },
  { field: 'classType', headers: ['班型', 'classtype'] },
  { field: 'className', headers: ['班级', '班级名称', 'classname'] },
  { field: 'startDate', headers: ['入职日期', 'startdate'], required: true },
];

const invert = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));
const VALUE_CODES: Record<string, Record<string, string>> = {
  role: { ...invert(STAFF_ROLE_LABELS), 保育员: 'carer', 保健医: 'health_worker', 保健员: 'health_worker', 厨师: 'cook', 炊事员: 'cook', 园长: 'director', 负责人: 'director', 举办者: 'investor', 投资人: 'investor' },
  employmentType: invert(EMPLOYMENT_TYPE_LABELS),
  classType: invert(CLASS_TYPE_LABELS),
};

export type SheetCell = string | number | boolean | Date | null | undefined;

function fileError(message: string): DomainError {
  return new DomainError('STAFF_IMPORT_FILE_INVALID', message, [{ field: '(file)', code: 'STAFF_IMPORT_FILE_INVALID', message }]);
}

/** `2026/3/1`, `2026.3.1`, `2026-3-1` and Excel dates become `2026-03-01`; anything else is kept for validation to judge. */
function normalizeDate(value: SheetCell): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

function cellText(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A long number typed into a numeric cell has lost digits already (Excel keeps 15): it is
  // passed on as written and fails the ID check, which tells the operator to use a text cell.
  return String(value).trim();
}

/** Sheet rows (row number, cells) → import rows. */
export function rowsFromTable(table: { rowNumber: number; cells: SheetCell[] }[]): StaffImportRow[] {
  const nonEmpty = table.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const header = nonEmpty[0];
  if (!header) throw fileError('文件中没有数据');
  const names = header.cells.map((c) => cellText(c).replace(/\s|\*/g, '').toLowerCase());
  const positions = new Map<string, number>();
  for (const column of COLUMNS) {
    const at = names.findIndex((n) => column.headers.includes(n));
    if (at >= 0) positions.set(column.field, at);
  }
  const missing = COLUMNS.filter((c) => c.required && !positions.has(c.field)).map((c) => c.headers[0]);
  if (missing.length) throw fileError(`表头缺少必填列：${missing.join('、')}（第一行应为表头：姓名、身份证号、岗位、用工形式、班型、班级、入职日期）`);
  const rows = nonEmpty.slice(1);
  if (rows.length === 0) throw fileError('表头之后没有数据行');
  if (rows.length > STAFF_IMPORT_MAX_ROWS) throw fileError(`一次最多导入 ${STAFF_IMPORT_MAX_ROWS} 行，本文件有 ${rows.length} 行`);
  return rows.map((row) => {
    const staff: Record<string, unknown> = {};
    for (const [field, at] of positions) {
      const raw = row.cells[at];
      const text = field === 'startDate' ? normalizeDate(raw) : cellText(raw);
      if (text === '') continue;
      staff[field] = VALUE_CODES[field]?.[text] ?? text;
    }
    return { rowNumber: row.rowNumber, staff };
  });
}

async function xlsxTable(buffer: Buffer): Promise<{ rowNumber: number; cells: SheetCell[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as the pre-TypeScript-5.7 `Buffer`; any Node Buffer works.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw fileError('无法读取 Excel 文件（请上传 .xlsx 格式）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('Excel 文件中没有工作表');
  const out: { rowNumber: number; cells: SheetCell[] }[] = [];
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

function csvTable(buffer: Buffer): { rowNumber: number; cells: SheetCell[] }[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decodeText(buffer), { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw fileError(`CSV 文件格式有误：${(e as Error).message}`);
  }
  return records.map((r) => ({ rowNumber: r.info.lines, cells: r.record }));
}

/** .xlsx (a zip: starts with "PK") or .csv, by content. */
export async function parseStaffSheet(buffer: Buffer, fileName = ''): Promise<StaffImportRow[]> {
  if (!buffer?.length) throw fileError('没有上传文件（表单字段 file）');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (/\.xls$/i.test(fileName) && !isZip) throw fileError('不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv');
  return rowsFromTable(isZip ? await xlsxTable(buffer) : csvTable(buffer));
}
