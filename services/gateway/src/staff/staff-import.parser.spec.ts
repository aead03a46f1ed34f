import ExcelJS from 'exceljs';
import { errorCodeOf } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';
import { parseStaffSheet, rowsFromTable } from './staff-import.parser.js';

const header = ['姓名', '身份证号', '岗位', '用工形式', '班型', '班级', '入职日期'];

describe('staff sheet parsing', () => {
  it("maps Chinese headers and labels to the contract's fields and codes, keeping sheet row numbers", () => {
    const rows = rowsFromTable([
      { rowNumber: 1, cells: ['说明：请从第 3 行起填写'] },
      { rowNumber: 2, cells: header },
      { rowNumber: 3, cells: ['王芳', '330106199001011234', '保育人员', '全职', '托小班', '一班', new Date(Date.UTC(2026, 2, 1))] },
      { rowNumber: 4, cells: [] },
      { rowNumber: 5, cells: ['刘洋', '11010519491231002x', 'teacher', '兼职', '', '', '2026年3月2日'] },
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 5]); // the title row above the header is skipped
    const all = rowsFromTable([
      { rowNumber: 2, cells: header },
      { rowNumber: 3, cells: ['王芳', '330106199001011234', '保育人员', '全职', '托小班', '一班', new Date(Date.UTC(2026, 2, 1))] },
      { rowNumber: 5, cells: ['刘洋', '11010519491231002x', 'teacher', '兼职', '', '', '2026年3月2日'] },
      { rowNumber: 6, cells: ['张三', '330106199001011234', '园丁', '临时', '大班', '', '2026/3/3'] },
    ]);
    expect(all).toEqual([
      {
        rowNumber: 3,
        staff: {
          name: '王芳',
          idNumber: '330106199001011234',
          role: 'carer',
          employmentType: 'full_time',
          classType: 'toddler',
          className: '一班',
          startDate: '2026-03-01',
        },
      },
      { rowNumber: 5, staff: { name: '刘洋', idNumber: '11010519491231002x', role: 'teacher', employmentType: 'part_time', startDate: '2026-03-02' } },
      {
        rowNumber: 6,
        staff: { name: '张三', idNumber: '330106199001011234', role: '园丁', employmentType: '临时', classType: '大班', startDate: '2026-03-03' },
      },
    ]);
  });

  it('finds columns in any order, by English names too', () => {
    const rows = rowsFromTable([
      { rowNumber: 1, cells: ['startDate', 'Role', 'name', 'idNumber'] },
      { rowNumber: 2, cells: ['2026-01-01', 'cook', '李', '330106199001011234'] },
    ]);
    expect(rows[0]!.staff).toEqual({ startDate: '2026-01-01', role: 'cook', name: '李', idNumber: '330106199001011234' });
  });

  it('refuses a sheet without the needed columns, without data, or with too many rows', async () => {
    expect(
      await errorCodeOf(() =>
        rowsFromTable([
          { rowNumber: 1, cells: ['姓名', '岗位'] },
          { rowNumber: 2, cells: ['a', 'b'] },
        ]),
      ),
    ).toBe('STAFF_IMPORT_FILE_INVALID');
    expect(await errorCodeOf(() => rowsFromTable([{ rowNumber: 1, cells: header }]))).toBe('STAFF_IMPORT_FILE_INVALID');
    expect(await errorCodeOf(() => rowsFromTable([]))).toBe('STAFF_IMPORT_FILE_INVALID');
    const many = Array.from({ length: 1001 }, (_, i) => ({ rowNumber: i + 2, cells: ['a', '1', 'carer', '', '', '', '2026-01-01'] }));
    expect(await errorCodeOf(() => rowsFromTable([{ rowNumber: 1, cells: header }, ...many]))).toBe('STAFF_IMPORT_FILE_INVALID');
    expect(await errorCodeOf(() => parseStaffSheet(Buffer.alloc(0)))).toBe('STAFF_IMPORT_FILE_INVALID');
    expect(await errorCodeOf(() => parseStaffSheet(Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx'))).toBe('STAFF_IMPORT_FILE_INVALID');
    expect(await errorCodeOf(() => parseStaffSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls'))).toBe('STAFF_IMPORT_FILE_INVALID');
  });

  it('reads .xlsx: text, numbers, dates and rich text cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(header);
    sheet.addRow([{ richText: [{ text: '王' }, { text: '芳' }] }, '330106199001011234', '保育人员', '全职', '乳儿班', null, new Date(Date.UTC(2025, 11, 31))]);
    sheet.addRow(['数字', Number('330106199001011234'), '保洁员', '', '', '', '2026-1-5']);
    const rows = await parseStaffSheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'staff.xlsx');
    expect(rows[0]).toEqual({
      rowNumber: 2,
      staff: { name: '王芳', idNumber: '330106199001011234', role: 'carer', employmentType: 'full_time', classType: 'infant', startDate: '2025-12-31' },
    });
    expect(rows[1]!.staff.idNumber).not.toBe('330106199001011234'); // a numeric cell has lost digits: the ID check will say so
    expect(rows[1]!.staff.startDate).toBe('2026-01-05');
  });

  it('reads CSV in UTF-8 (with or without BOM) and GB18030, with quoted fields', async () => {
    const csv = '姓名,身份证号,岗位,入职日期\r\n"李,四",330106199001011234,保育人员,2026-01-05\r\n';
    const utf8 = await parseStaffSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'a.csv');
    expect(utf8).toEqual([{ rowNumber: 2, staff: { name: '李,四', idNumber: '330106199001011234', role: 'carer', startDate: '2026-01-05' } }]);
    // "姓名,身份证号,岗位,入职日期\n张三,…" in GB18030 (GBK) bytes.
    const gbk = Buffer.concat([
      Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]),
      Buffer.from(','),
      Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5]),
      Buffer.from(','),
      Buffer.from([0xb8, 0xda, 0xce, 0xbb]),
      Buffer.from(','),
      Buffer.from([0xc8, 0xeb, 0xd6, 0xb0, 0xc8, 0xd5, 0xc6, 0xda]),
      Buffer.from('\n'),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from(',330106199001011234,cook,2026-01-06\n'),
    ]);
    expect(await parseStaffSheet(gbk, 'gbk.csv')).toEqual([
      { rowNumber: 2, staff: { name: '张三', idNumber: '330106199001011234', role: 'cook', startDate: '2026-01-06' } },
    ]);
  });
});
