import { DomainError } from '@shanyu/common';
import { CLASS_TYPE_LABELS, EMPLOYMENT_TYPE_LABELS, STAFF_IMPORT_MAX_ROWS, STAFF_ROLE_LABELS, type StaffImportRow } from '@shanyu/contracts';
import { cellText, locateTable, normalizeDate, readSheet, type SheetCell, type SheetColumn, type SheetRow } from '../uploads/sheet-reader.js';

/**
 * Reads an operator's staff sheet (.xlsx, or .csv in UTF-8 or GB18030 — what Excel saves in
 * Chinese Windows) into rows for `staff.member.import`. Columns are found by their Chinese or
 * English names; values may be the Chinese labels (保育人员, 全职, 托小班) or the codes. The
 * header is the first row (of the first ten) naming the required columns, so a title row above
 * it is fine. Each row keeps its number in the sheet, so rejections name the row the operator
 * sees. Validating the values is the staff service's job.
 */
const COLUMNS: SheetColumn[] = [
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
  role: {
    ...invert(STAFF_ROLE_LABELS),
    保育员: 'carer',
    保健医: 'health_worker',
    保健员: 'health_worker',
    厨师: 'cook',
    炊事员: 'cook',
    园长: 'director',
    负责人: 'director',
    举办者: 'investor',
    投资人: 'investor',
  },
  employmentType: invert(EMPLOYMENT_TYPE_LABELS),
  classType: invert(CLASS_TYPE_LABELS),
};

export type { SheetCell };

function fileError(message: string): DomainError {
  return new DomainError('STAFF_IMPORT_FILE_INVALID', message, [{ field: '(file)', code: 'STAFF_IMPORT_FILE_INVALID', message }]);
}

/** Sheet rows (row number, cells) → import rows. */
export function rowsFromTable(table: SheetRow[]): StaffImportRow[] {
  const { positions, rows } = locateTable(table, COLUMNS, {
    fileError,
    expectedHeader: '姓名、身份证号、岗位、用工形式、班型、班级、入职日期',
    maxRows: STAFF_IMPORT_MAX_ROWS,
  });
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

/** .xlsx (a zip: starts with "PK") or .csv, by content (the shared sheet reader). */
export async function parseStaffSheet(buffer: Buffer, fileName = ''): Promise<StaffImportRow[]> {
  return rowsFromTable(await readSheet(buffer, fileName, fileError));
}
