import { makeResidentId, maskResidentId } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { excerptAround, findResidentIds, maskResidentIds } from './resident-id-scanner.js';

const ID = makeResidentId('33010619900101123'); // 西湖区, 1990-01-01
const ID_X = '11010519491231002X'; // GB 11643-1999's own example, check character X

describe('findResidentIds (GB 11643-1999 numbers in the clear)', () => {
  it.each([
    ['a JSON reply', JSON.stringify({ idNumber: ID, name: '王丽' })],
    ['a log line', `{"level":"info","msg":"vetting ${ID} done"}`],
    ['letters around it', `idNumber=x${ID}y`],
    ['Chinese around it', `身份证号${ID}已核验`],
    ['a lower-case x check character', `证件 ${ID_X.toLowerCase()} 。`],
    ['a URL', `/api/v1/staff?idNumber=${ID}&x=1`],
    ['a CSV cell', `王丽,${ID},保育员`],
  ])('finds one in %s', (_, text) => {
    const found = findResidentIds(text);
    expect(found).toHaveLength(1);
    expect([ID, ID_X]).toContain(found[0]!.id);
  });

  it('finds every one of several, with their positions', () => {
    const text = `${ID} and ${ID_X}`;
    expect(findResidentIds(text)).toEqual([
      { id: ID, index: 0 },
      { id: ID_X, index: 23 },
    ]);
  });

  it.each([
    ['a masked number', maskResidentId(ID)],
    ['a wrong check character', ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0')],
    ['an unknown province prefix', makeResidentIdLike('99')],
    ['an impossible birth date', '330106199002301234'],
    ['a birth date in the future', makeResidentIdLike('33', '2999')],
    ['part of a longer number (19 digits)', `9${ID}`],
    ['17 digits only', ID.slice(0, 17)],
    ['a USCC', '91330106MA2CDX0010'],
    ['a millisecond timestamp and a snowflake id', '1763800000000 1234567890123456789'],
    ['a SHA-256 keyed hash', 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdefabcd'],
  ])('ignores %s', (_, text) => {
    expect(findResidentIds(text)).toEqual([]);
  });

  it('masks every number in an excerpt, so a report does not leak it again', () => {
    const text = `前缀 ${ID} 中间 ${ID_X} 后缀`;
    const [first] = findResidentIds(text);
    const excerpt = excerptAround(text, first!);
    expect(excerpt).toContain(maskResidentId(ID));
    expect(excerpt).toContain(maskResidentId(ID_X));
    expect(findResidentIds(excerpt)).toEqual([]);
    expect(maskResidentIds(`x${ID}`)).toBe(`x${maskResidentId(ID)}`);
  });
});

/** 18 digits with a correct MOD 11-2 check character but otherwise invalid (prefix or birth year). */
function makeResidentIdLike(prefix: string, year = '1990'): string {
  const first17 = `${prefix}0106${year}0101123`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
