import { DomainError } from '@shanyu/common';
import { BIRTH_ORDER_LABELS, CARE_FORM_LABELS, CLASS_TYPE_LABELS, ROSTER_MAX_CHILDREN } from '@shanyu/contracts';
import ExcelJS from 'exceljs';
import { cellText, locateTable, normalizeMonth, readSheet, type SheetColumn, type SheetRow } from '../uploads/sheet-reader.js';

/**
 * Reads an operator's 收托名册 sheet (.xlsx or .csv) into roster rows for `subsidy.roster.submit`.
 * Columns by Chinese or English names; values may be the Chinese labels (二孩, 托小班, 全日托) or
 * the codes. Each row keeps its number in the sheet, so errors name the row the operator sees;
 * checking the values is the subsidy service's job (nothing is stored unless every row is right).
 */
const COLUMNS: SheetColumn[] = [
  { field: 'idNumber', headers: ['身份证号', '身份证号码', '公民身份号码', '儿童身份证号', 'idnumber'], required: true },
  { field: 'birthMonth', headers: ['出生年月', '出生月份', 'birthmonth'] },
  { field: 'birthOrder', headers: ['孩次', '胎次', 'birthorder'], required: true },
  { field: 'classType', headers: ['班型', 'classtype'], required: true },
  { field: 'careForm', headers: ['托育形式', '服务形式', '托育类型', 'careform'], required: true },
  { field: 'daysAttended', headers: ['出勤天数', '本月出勤天数', 'daysattended'], required: true },
  { field: 'ref', headers: ['编号', '内部编号', '学号', 'ref'] },
];
const EXPECTED_HEADER = '身份证号、出生年月、孩次、班型、托育形式、出勤天数、编号';

const invert = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));
const VALUE_CODES: Record<string, Record<string, string | number>> = {
  birthOrder: {
    ...Object.fromEntries(Object.entries(BIRTH_ORDER_LABELS).map(([order, label]) => [label, Number(order)])),
    1: 1,
    2: 2,
    3: 3,
    一孩: 1,
    一胎: 1,
    第一孩: 1,
    二胎: 2,
    第二孩: 2,
    三孩: 3,
    三胎: 3,
    第三孩: 3,
    多孩: 3,
    '3+': 3,
  },
  classType: invert(CLASS_TYPE_LABELS),
  careForm: { ...invert(CARE_FORM_LABELS), 全托: 'full_day', 半托: 'half_day', 临时: 'temporary', 计时: 'hourly' },
};

function fileError(message: string): DomainError {
  return new DomainError('ROSTER_FILE_INVALID', message, [{ field: '(file)', code: 'ROSTER_FILE_INVALID', message }]);
}

/** Sheet rows (row number, cells) → roster children. */
export function rosterRowsFromTable(table: SheetRow[]): Record<string, unknown>[] {
  const { positions, rows } = locateTable(table, COLUMNS, { fileError, expectedHeader: EXPECTED_HEADER, maxRows: ROSTER_MAX_CHILDREN });
  return rows.map((row) => {
    const child: Record<string, unknown> = { rowNumber: row.rowNumber };
    for (const [field, at] of positions) {
      const raw = row.cells[at];
      const text = field === 'birthMonth' ? normalizeMonth(raw) : cellText(raw);
      if (text === '') continue;
      if (field === 'daysAttended') child[field] = /^\d{1,3}$/.test(text) ? Number(text) : text;
      else child[field] = VALUE_CODES[field]?.[text] ?? text;
    }
    return child;
  });
}

export async function parseRosterSheet(buffer: Buffer, fileName = ''): Promise<Record<string, unknown>[]> {
  return rosterRowsFromTable(await readSheet(buffer, fileName, fileError));
}

/** What each column of the template asks for, under its heading. */
const COLUMN_NOTES: Record<string, string> = {
  idNumber: '儿童的 18 位居民身份证号码',
  birthMonth: '如 2024-05（可不填，由身份证号推出）',
  birthOrder: `${Object.values(BIRTH_ORDER_LABELS).join(' / ')}`,
  classType: `${Object.values(CLASS_TYPE_LABELS).join(' / ')}`,
  careForm: `${Object.values(CARE_FORM_LABELS).join(' / ')}`,
  daysAttended: '本月实际出勤天数（0 至本月开园天数）',
  ref: '机构自编号，可不填',
};
/** The closed lists the template offers as drop-downs. */
const COLUMN_CHOICES: Record<string, string[]> = {
  birthOrder: Object.values(BIRTH_ORDER_LABELS),
  classType: Object.values(CLASS_TYPE_LABELS),
  careForm: Object.values(CARE_FORM_LABELS),
};
const TEMPLATE_ROWS = 500;

/**
 * 收托名册模板 (.xlsx): the headings this parser reads, in its order, with drop-downs for 孩次,
 * 班型 and 托育形式 and a 填写说明 sheet — built from the same column list, so a filled template
 * always uploads.
 */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '善育 托育机构综合监管平台';
  const sheet = workbook.addWorksheet('收托名册');
  sheet.columns = COLUMNS.map((c) => ({ header: c.headers[0], key: c.field, width: c.field === 'idNumber' ? 24 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    // Text cells: an ID number typed into a number cell loses its last digits.
    column.numFmt = c.field === 'daysAttended' ? '0' : '@';
    const choices = COLUMN_CHOICES[c.field];
    if (!choices) return;
    for (let row = 2; row <= TEMPLATE_ROWS + 1; row++) {
      sheet.getCell(row, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.headers[0],
        error: `请选择：${choices.join('、')}`,
      };
    }
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'heading', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写内容', key: 'note', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of COLUMNS) notes.addRow({ heading: c.headers[0], required: c.required ? '必填' : '选填', note: COLUMN_NOTES[c.field] ?? '' });
  notes.addRow({});
  notes.addRow({
    heading: '说明',
    note: `每行一名儿童，最多 ${ROSTER_MAX_CHILDREN} 行；本月开园天数在上传时填写。上传后平台逐行核对，有错误时指出行号和列，全部正确才保存。`,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
