import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/** The definition: a JSON round trip, keys sorted at every level, stringified. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value === undefined ? null : JSON.parse(JSON.stringify(value))));
}

describe('canonicalJson', () => {
  const cases: [string, unknown][] = [
    ['undefined', undefined],
    ['scalars', [null, true, false, 0, -0, 1.5, -2e-7, 1e21, 'text', '引号"\\\n\u2028']],
    ['nested objects', { b: 1, a: { d: [1, { z: null, y: 'x' }], c: '' }, ä: 2, A: 3, '': 4 }],
    ['a staff view', { id: 'e1', vetting: { status: 'pending', reason: null }, flags: [], credentials: [{ id: 'c', expiresOn: null }] }],
    ['non-finite numbers', { n: NaN, i: Infinity }],
    ['undefined members', { a: undefined, b: [undefined, 1] }],
    ['dates and toJSON', { at: new Date('2026-03-01T00:00:00Z'), t: { toJSON: () => ({ y: 1, x: 2 }) } }],
    ['keys that are array indexes', { 10: 'a', 2: 'b', x: 'c', '01': 'd' }],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    [
      'a class instance',
      new (class Row {
        b = 1;
        a = 2;
      })(),
    ],
    ['a null-prototype object', Object.assign(Object.create(null), { b: 1, a: 2 })],
  ];
  it.each(cases)('%s: the same text as the round-trip definition', (_, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });
});
