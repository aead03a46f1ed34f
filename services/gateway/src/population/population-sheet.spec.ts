import type { DomainError } from '@shanyu/common';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parsePopulationSheet } from './population-sheet.js';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人口数据');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('population sheet parsing', () => {
  it('reads an .xlsx with Chinese headers below a title row, numbers as numbers, keeping sheet row numbers', async () => {
    const rows = await parsePopulationSheet(
      await xlsx([
        ['西湖区人口数据（2025）'],
        ['区划代码', '年份', '常住人口', '3岁以下婴幼儿数', '数据来源'],
        [330106004, 2025, 90_000, 2_100, '翠苑街道'],
        [],
        ['330106005', '2025', '80000', 1_900, '古荡街道'],
        ['330106011', '20x5', 1.5, 3, '留下街道'],
      ]),
      'population.xlsx',
    );
    expect(rows).toEqual([
      { rowNumber: 3, row: { divisionCode: '330106004', year: 2025, residentPopulation: 90_000, childrenUnder3: 2_100, source: '翠苑街道' } },
      { rowNumber: 5, row: { divisionCode: '330106005', year: 2025, residentPopulation: 80_000, childrenUnder3: 1_900, source: '古荡街道' } },
      // Left as written for the registry's validation to name.
      { rowNumber: 6, row: { divisionCode: '330106011', year: '20x5', residentPopulation: '1.5', childrenUnder3: 3, source: '留下街道' } },
    ]);
  });

  it('reads the English CSV header too, and refuses a sheet without the columns, naming the file', async () => {
    const csv = Buffer.from('divisionCode,year,residentPopulation,childrenUnder3,source\n330106,2025,1180000,29500,统计公报\n');
    expect(await parsePopulationSheet(csv, 'p.csv')).toEqual([
      { rowNumber: 2, row: { divisionCode: '330106', year: 2025, residentPopulation: 1_180_000, childrenUnder3: 29_500, source: '统计公报' } },
    ]);
    const refused = await parsePopulationSheet(
      await xlsx([
        ['区划代码', '年份'],
        ['330106', 2025],
      ]),
      'p.xlsx',
    ).catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: [{ field: '(file)', message: expect.stringContaining('常住人口') }] });
    expect(await parsePopulationSheet(Buffer.alloc(0)).catch((e: DomainError) => e.details?.[0]?.field)).toBe('(file)');
  });
});
