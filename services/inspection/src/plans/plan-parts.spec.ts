import { randomUUID } from 'node:crypto';
import type { DrawnInstitution } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { drawnParts, poolPositionOf } from './draw-plan.use-case.js';
import { maxDrawsPageSize } from './plan.queries.js';

const DEPARTMENTS = ['health', 'market', 'fire', 'police', 'education', 'hrss', 'civil', 'street'];
const drawnOf = (n: number, departments: number, m: number): DrawnInstitution[] =>
  Array.from({ length: n }, () => ({
    institutionId: randomUUID(),
    grade: 'B',
    inspectors: Object.fromEntries(DEPARTMENTS.slice(0, departments).map((d) => [d, Array.from({ length: m }, () => randomUUID())])),
  }));

describe("a draw published in parts and read in pages stays within NATS's 1 MB", () => {
  it('splits the drawn institutions into parts of at most the part size, in draw order', () => {
    const drawn = drawnOf(1_201, 2, 2);
    const parts = drawnParts(drawn, 500);
    expect(parts.map((p) => p.length)).toEqual([500, 500, 201]);
    expect(parts.flat()).toEqual(drawn);
    expect(drawnParts([], 500)).toEqual([[]]); // a draw of nobody still announces itself, in one part
  });

  it('closes a part early when its entries are large (8 departments × 10 inspectors)', () => {
    const drawn = drawnOf(1_000, 8, 10);
    const parts = drawnParts(drawn, 500);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(512 * 1024 + 4096);
    expect(parts.flat()).toEqual(drawn);
  });

  it('allows pages of 500 drawn institutions for the usual 2 inspectors per department, fewer at the extreme', () => {
    expect(maxDrawsPageSize(7, 2)).toBe(500);
    const most = maxDrawsPageSize(8, 10);
    expect(most).toBeLessThan(500);
    const page = drawnOf(most, 8, 10).map((d) => ({ ...d, name: '某某街道某某托育服务有限公司', alerts: [], inspectionId: randomUUID() }));
    expect(Buffer.byteLength(JSON.stringify({ ok: true, data: { items: page, total: 9_999, page: 1, pageSize: most } }))).toBeLessThan(1024 * 1024);
  });
});

describe('the pool position of a drawn institution', () => {
  it('is its 1-based place in the pool sorted by id, and an id outside the pool is an error', () => {
    const pool = Array.from({ length: 1_001 }, () => ({ id: randomUUID() })).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const [n, entry] of pool.entries()) expect(poolPositionOf(pool, entry.id)).toBe(n + 1);
    expect(() => poolPositionOf(pool, randomUUID())).toThrow(/not in the plan's pool/);
    expect(() => poolPositionOf([], randomUUID())).toThrow();
  });
});
