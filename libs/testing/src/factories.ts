import { randomInt, randomUUID } from 'node:crypto';
import { type Actor, makeUscc } from '@shanyu/common';

/** A fresh schema name, so each test file works on its own tables. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 for a for-profit company (9 1) or a non-profit unit (5 2) in 西湖区. */
export function randomUscc(nature: 'for_profit' | 'non_profit' = 'for_profit'): string {
  const head = nature === 'for_profit' ? '91' : '52';
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_BODY[randomInt(USCC_BODY.length)];
  return makeUscc(`${head}330106${org}`);
}

export function testActor(overrides: Partial<Actor> = {}): Actor {
  return { department: 'market', role: 'official', userId: `user-${randomUUID()}`, divisions: ['330106'], ...overrides };
}

/** A registration that passes every validation rule; override what a test is about. */
export function institutionRequest(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试托育园${randomInt(100_000)}`,
    uscc: randomUscc((overrides.nature as 'for_profit' | 'non_profit') ?? 'for_profit'),
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'half_day'],
    divisionCode: '330106109',
    address: '杭州市西湖区三墩镇振华路 1 号',
    floor: 1,
    buildingAreaM2: 420.5,
    outdoorAreaM2: 80,
    places: { infant: 10, toddler: 15, older: 20, mixed: 0 },
    ...overrides,
  };
}
