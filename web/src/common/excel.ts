// Excel where officials expect it: export of any table shown (uploaded sheets are read by the
// gateway). exceljs is loaded only when a person exports (it is large).

import { saveBlob } from '../api/client';

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
}

export async function exportXlsx<T>(fileName: string, sheetName: string, columns: ExportColumn<T>[], rows: T[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '善育 托育机构综合监管平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.title, width: c.width ?? Math.max(10, Math.min(40, c.title.length * 2 + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? ''));
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  saveBlob(blob, fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`);
}
