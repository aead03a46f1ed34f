import { describe, expect, it } from 'vitest';
import { DIVISION_TABLE, DIVISION_TABLE_SOURCE, type DivisionRow } from './division-table.js';
import {
  anyDivisionContains,
  checkDivisionTable,
  childrenOf,
  divisionContains,
  divisionFullName,
  divisionLevelOf,
  divisionPath,
  findDivision,
  isDivisionCodeFormat,
  isKnownDivision,
  parentCounty,
  streetsOf,
} from './divisions.js';

describe('division table', () => {
  it('is consistent: formats, levels, parents, no duplicates', () => {
    expect(checkDivisionTable(DIVISION_TABLE)).toEqual([]);
  });

  it('names its source', () => {
    expect(DIVISION_TABLE_SOURCE).toContain('GB/T 2260');
    expect(DIVISION_TABLE_SOURCE).toContain('GB/T 10114');
    expect(DIVISION_TABLE_SOURCE).toContain('民政部');
  });

  it('covers the places the platform is piloted in', () => {
    const expected: Record<string, string> = {
      '330000': '浙江省',
      '330100': '杭州市',
      '330102': '上城区',
      '330105': '拱墅区',
      '330106': '西湖区',
      '330108': '滨江区',
      '330109': '萧山区',
      '330110': '余杭区',
      '330111': '富阳区',
      '330112': '临安区',
      '330113': '临平区',
      '330114': '钱塘区',
      '330122': '桐庐县',
      '330127': '淳安县',
      '330182': '建德市',
      '330300': '温州市',
      '330381': '瑞安市',
      '371000': '威海市',
      '371002': '环翠区',
      '500101': '万州区',
      '440100': '广州市',
      '350200': '厦门市',
      '320200': '无锡市',
      '150600': '鄂尔多斯市',
      '330106001': '北山街道',
      '330106002': '西溪街道',
      '330106004': '翠苑街道',
      '330106005': '古荡街道',
      '330106008': '西湖街道',
      '330106011': '留下街道',
      '330106012': '转塘街道',
      '330106013': '蒋村街道',
      '330106014': '灵隐街道',
      '330106015': '文新街道',
      '330106109': '三墩镇',
      '330106110': '双浦镇',
      '371002001': '环翠楼街道',
      '371002002': '鲸园街道',
      '371002003': '竹岛街道',
    };
    for (const [code, name] of Object.entries(expected)) expect(findDivision(code)?.name, code).toBe(name);
  });

  it('has every district of Hangzhou under 330100', () => {
    expect(childrenOf('330100').map((r) => r.code)).toEqual([
      '330102',
      '330105',
      '330106',
      '330108',
      '330109',
      '330110',
      '330111',
      '330112',
      '330113',
      '330114',
      '330122',
      '330127',
      '330182',
    ]);
  });
});

describe('checkDivisionTable', () => {
  const ok: DivisionRow[] = [
    { code: '330000', name: '浙江省', level: 'province', parent: null },
    { code: '330100', name: '杭州市', level: 'city', parent: '330000' },
    { code: '330106', name: '西湖区', level: 'county', parent: '330100' },
    { code: '330106109', name: '三墩镇', level: 'street', parent: '330106' },
  ];

  it('accepts a well-formed table', () => {
    expect(checkDivisionTable(ok)).toEqual([]);
  });

  it('reports duplicates, bad formats, wrong levels, missing or wrong parents', () => {
    const problems = checkDivisionTable([
      ...ok,
      { code: '330106', name: '西湖区', level: 'county', parent: '330100' },
      { code: '33010', name: '短码', level: 'county', parent: '330100' },
      { code: '330108', name: '滨江区', level: 'city', parent: '330100' },
      { code: '330381', name: '瑞安市', level: 'county', parent: '330300' },
      { code: '330108001', name: '某街道', level: 'street', parent: '330106' },
      { code: '440103', name: '荔湾区', level: 'county', parent: '330100' },
    ]);
    expect(problems.join('\n')).toMatch(/330106: duplicate/);
    expect(problems.join('\n')).toMatch(/33010: not a 6- or 9-digit code/);
    expect(problems.join('\n')).toMatch(/330108: level city/);
    expect(problems.join('\n')).toMatch(/330381: parent 330300 is not in the table/);
    expect(problems.join('\n')).toMatch(/330108001: parent 330106 does not enclose it/);
    expect(problems.join('\n')).toMatch(/440103: parent 330100 does not enclose it/);
  });
});

describe('code format and level', () => {
  it('accepts 6 or 9 digits only', () => {
    expect(isDivisionCodeFormat('330106')).toBe(true);
    expect(isDivisionCodeFormat('330106109')).toBe(true);
    for (const bad of ['33010', '3301061', '33010610', '3301061090', '33010A', ' 330106', '', 330106]) {
      expect(isDivisionCodeFormat(bad), String(bad)).toBe(false);
    }
  });

  it('derives the level from the code structure', () => {
    expect(divisionLevelOf('330000')).toBe('province');
    expect(divisionLevelOf('330100')).toBe('city');
    expect(divisionLevelOf('330106')).toBe('county');
    expect(divisionLevelOf('330106109')).toBe('street');
    expect(divisionLevelOf('3301')).toBeUndefined();
  });
});

describe('lookups', () => {
  it('findDivision returns the row with its parent, or undefined', () => {
    expect(findDivision('330106109')).toEqual({ code: '330106109', name: '三墩镇', level: 'street', parent: '330106' });
    expect(findDivision('330381')).toEqual({ code: '330381', name: '瑞安市', level: 'county', parent: '330300' });
    expect(findDivision('500101')?.parent).toBe('500000');
    expect(findDivision('999999')).toBeUndefined();
  });

  it('findDivision returns a copy the caller cannot use to change the table', () => {
    const row = findDivision('330106')!;
    row.name = 'changed';
    expect(findDivision('330106')?.name).toBe('西湖区');
  });

  it('isKnownDivision', () => {
    expect(isKnownDivision('330106')).toBe(true);
    expect(isKnownDivision('330106109')).toBe(true);
    expect(isKnownDivision('330106999')).toBe(false);
    expect(isKnownDivision('330103')).toBe(false); // 下城区, abolished 2021
  });

  it('parentCounty: a street → its county, a county → itself, others undefined', () => {
    expect(parentCounty('330106109')).toBe('330106');
    expect(parentCounty('371002001')).toBe('371002');
    expect(parentCounty('330106')).toBe('330106');
    expect(parentCounty('330100')).toBeUndefined();
    expect(parentCounty('330000')).toBeUndefined();
    expect(parentCounty('abc')).toBeUndefined();
  });

  it('streetsOf lists a county’s streets and towns by code', () => {
    const xihu = streetsOf('330106');
    expect(xihu).toHaveLength(12);
    expect(xihu.map((s) => s.code)).toEqual([
      '330106001',
      '330106002',
      '330106004',
      '330106005',
      '330106008',
      '330106011',
      '330106012',
      '330106013',
      '330106014',
      '330106015',
      '330106109',
      '330106110',
    ]);
    expect(xihu.find((s) => s.code === '330106109')?.name).toBe('三墩镇');
    expect(streetsOf('371002').map((s) => s.name)).toEqual(['环翠楼街道', '鲸园街道', '竹岛街道']);
    expect(streetsOf('330100')).toEqual([]);
    expect(streetsOf('330108')).toEqual([]);
  });

  it('divisionPath and divisionFullName walk up to the province', () => {
    expect(divisionPath('330106109').map((r) => r.name)).toEqual(['浙江省', '杭州市', '西湖区', '三墩镇']);
    expect(divisionFullName('330106109')).toBe('浙江省杭州市西湖区三墩镇');
    expect(divisionFullName('371002001')).toBe('山东省威海市环翠区环翠楼街道');
    expect(divisionFullName('500101')).toBe('重庆市万州区');
    expect(divisionPath('999999')).toEqual([]);
    expect(divisionFullName('999999')).toBeUndefined();
  });
});

describe('divisionContains', () => {
  it('a division contains itself', () => {
    for (const c of ['330000', '330100', '330106', '330106109']) expect(divisionContains(c, c)).toBe(true);
  });

  it('a province contains its cities, counties and streets', () => {
    expect(divisionContains('330000', '330100')).toBe(true);
    expect(divisionContains('330000', '330106')).toBe(true);
    expect(divisionContains('330000', '330381')).toBe(true);
    expect(divisionContains('330000', '330106109')).toBe(true);
    expect(divisionContains('330000', '371002')).toBe(false);
    expect(divisionContains('500000', '500101')).toBe(true);
  });

  it('a city contains its counties and their streets, not other cities’', () => {
    expect(divisionContains('330100', '330106')).toBe(true);
    expect(divisionContains('330100', '330106109')).toBe(true);
    expect(divisionContains('330100', '330182')).toBe(true);
    expect(divisionContains('330100', '330381')).toBe(false);
    expect(divisionContains('330100', '330000')).toBe(false);
    expect(divisionContains('371000', '371002001')).toBe(true);
  });

  it('a county contains its streets, not its neighbours or its parents', () => {
    expect(divisionContains('330106', '330106109')).toBe(true);
    expect(divisionContains('330106', '330106001')).toBe(true);
    expect(divisionContains('330106', '330108')).toBe(false);
    expect(divisionContains('330106', '330108001')).toBe(false);
    expect(divisionContains('330106', '330100')).toBe(false);
    expect(divisionContains('330106', '330000')).toBe(false);
    // A 6-digit code that merely starts with the county's digits is not inside it.
    expect(divisionContains('330106', '3301061')).toBe(false);
  });

  it('a street contains only itself', () => {
    expect(divisionContains('330106109', '330106110')).toBe(false);
    expect(divisionContains('330106109', '330106')).toBe(false);
  });

  it('works for codes outside the bundled table (structure only)', () => {
    expect(divisionContains('420000', '420106001')).toBe(true);
    expect(divisionContains('420100', '420106')).toBe(true);
  });

  it('is false for malformed codes', () => {
    expect(divisionContains('33', '330106')).toBe(false);
    expect(divisionContains('330106', '')).toBe(false);
    expect(divisionContains('', '')).toBe(false);
  });

  it('anyDivisionContains checks a list of scopes', () => {
    expect(anyDivisionContains(['330108', '330106'], '330106109')).toBe(true);
    expect(anyDivisionContains(['330108', '371002'], '330106109')).toBe(false);
    expect(anyDivisionContains([], '330106')).toBe(false);
  });
});
