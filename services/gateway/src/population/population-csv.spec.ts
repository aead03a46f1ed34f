import { DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { parsePopulationCsv } from './population-csv.js';

const HEADER = 'divisionCode,year,residentPopulation,childrenUnder3,source';

function problemOf(text: string) {
  try {
    parsePopulationCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).details?.[0];
  }
  throw new Error('parsed');
}

describe('parsePopulationCsv', () => {
  it('keeps a quoted source with commas, quotes and a line break whole; numbers become numbers', () => {
    const text = `\uFEFF${HEADER}\r\n330106,2025,1180000,29500,"西湖区统计公报，2025,第 3 页"\r\n\r\n330106109,2025,160000,4100,"三墩镇""七普""
推算"\r\n`;
    expect(parsePopulationCsv(text)).toEqual([
      { divisionCode: '330106', year: 2025, residentPopulation: 1_180_000, childrenUnder3: 29_500, source: '西湖区统计公报，2025,第 3 页' },
      { divisionCode: '330106109', year: 2025, residentPopulation: 160_000, childrenUnder3: 4_100, source: '三墩镇"七普"\n推算' },
    ]);
  });

  it('takes the columns in any order and passes values it cannot read as numbers on as text', () => {
    expect(parsePopulationCsv('source, year ,divisionCode,childrenUnder3,residentPopulation\n"a, b",20x5,330106,10,-5\n')).toEqual([
      { divisionCode: '330106', year: '20x5', residentPopulation: -5, childrenUnder3: 10, source: 'a, b' },
    ]);
  });

  it('refuses no data, a missing column and malformed CSV as validation errors', () => {
    expect(problemOf(`${HEADER}\n`)).toMatchObject({ code: 'csvEmpty' });
    expect(problemOf('divisionCode,year,source\n330106,2025,x\n')).toMatchObject({
      field: 'line 1',
      code: 'csvHeader',
      message: '表头缺少列：residentPopulation、childrenUnder3',
    });
    expect(problemOf(`${HEADER}\n330106,2025,1,1,"unclosed\n`)).toMatchObject({ code: 'csvFormat' });
  });
});
