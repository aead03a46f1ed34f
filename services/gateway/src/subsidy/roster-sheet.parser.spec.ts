import ExcelJS from 'exceljs';
import { errorCodeOf } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';
import { parseRosterSheet, rosterRowsFromTable } from './roster-sheet.parser.js';

const header = ['身份证号', '出生年月', '孩次', '班型', '托育形式', '出勤天数', '编号'];

describe('roster sheet parsing', () => {
  it("maps Chinese headers and labels to the contract's fields, keeping sheet row numbers", () => {
    const rows = rosterRowsFromTable([
      { rowNumber: 1, cells: ['2026 年 3 月收托名册'] },
      { rowNumber: 2, cells: header },
      { rowNumber: 3, cells: ['330106202401010015', '2024年1月', '二孩', '托小班', '全日托', 20, 'T-01'] },
      { rowNumber: 4, cells: [] },
      { rowNumber: 5, cells: ['330106202402020026', new Date(Date.UTC(2024, 1, 2)), 3, 'older', '半日托', '21', null] },
      { rowNumber: 6, cells: ['330106202402020026', '', '多孩', '大班', '全托', '两天', ''] },
    ]);
    expect(rows).toEqual([
      {
        rowNumber: 3,
        idNumber: '330106202401010015',
        birthMonth: '2024-01',
        birthOrder: 2,
        classType: 'toddler',
        careForm: 'full_day',
        daysAttended: 20,
        ref: 'T-01',
      },
      { rowNumber: 5, idNumber: '330106202402020026', birthMonth: '2024-02', birthOrder: 3, classType: 'older', careForm: 'half_day', daysAttended: 21 },
      // Unknown values are passed on as written: the subsidy service names the row and the field.
      { rowNumber: 6, idNumber: '330106202402020026', birthOrder: 3, classType: '大班', careForm: 'full_day', daysAttended: '两天' },
    ]);
  });

  it('refuses a sheet without the needed columns, without data, or in the old .xls format', async () => {
    expect(
      await errorCodeOf(() =>
        rosterRowsFromTable([
          { rowNumber: 1, cells: ['身份证号', '班型'] },
          { rowNumber: 2, cells: ['1', '2'] },
        ]),
      ),
    ).toBe('ROSTER_FILE_INVALID');
    expect(await errorCodeOf(() => rosterRowsFromTable([{ rowNumber: 1, cells: header }]))).toBe('ROSTER_FILE_INVALID');
    expect(await errorCodeOf(() => parseRosterSheet(Buffer.alloc(0)))).toBe('ROSTER_FILE_INVALID');
    expect(await errorCodeOf(() => parseRosterSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls'))).toBe('ROSTER_FILE_INVALID');
  });

  it('reads .xlsx and CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('名册').addRows([header, ['330106202401010015', null, 1, '乳儿班', '临时托', 3, null]]);
    expect(await parseRosterSheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'r.xlsx')).toEqual([
      { rowNumber: 2, idNumber: '330106202401010015', birthOrder: 1, classType: 'infant', careForm: 'temporary', daysAttended: 3 },
    ]);
    const csv = 'idNumber,birthOrder,classType,careForm,daysAttended\n330106202401010015,2,mixed,hourly,4\n';
    expect(await parseRosterSheet(Buffer.from(csv), 'r.csv')).toEqual([
      { rowNumber: 2, idNumber: '330106202401010015', birthOrder: 2, classType: 'mixed', careForm: 'hourly', daysAttended: 4 },
    ]);
    // UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves it (GB18030 is decoded by the shared sheet reader too).
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('身份证号,孩次,班型,托育形式,出勤天数\n330106202401010015,二孩,托小班,全日托,22\n'),
    ]);
    expect((await parseRosterSheet(bom, 'utf8.csv'))[0]).toMatchObject({
      rowNumber: 2,
      birthOrder: 2,
      classType: 'toddler',
      careForm: 'full_day',
      daysAttended: 22,
    });
  });
});
