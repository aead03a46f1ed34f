import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_V2,
  DrawError,
  DrawStream,
  type DrawInput,
  type Grade,
  draw,
  poolHashOf,
  rebuildDrawInput,
  redraw,
  sampleSize,
  sha256Hex,
  verifyDraw,
} from './draw.js';

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

function input(overrides: Partial<DrawInput> = {}): DrawInput {
  const institutions = ids(40, 'inst').map((id, i) => ({ id, grade: (['A', 'B', 'C', 'D'] as Grade[])[i % 4]! }));
  return {
    algorithm: DRAW_ALGORITHM,
    departments: ['fire', 'health', 'market'],
    inspectorsPerDepartment: 2,
    ratios: { A: 0.05, B: 0.1, C: 0.3, D: 1 },
    institutions,
    inspectors: { fire: ids(5, 'fire'), health: ids(4, 'health'), market: ids(3, 'market') },
    conflicts: {},
    lastTime: {},
    ...overrides,
  };
}

const seed = () => randomBytes(32).toString('hex');

describe('the draw is a pure function of its published record', () => {
  it('gives the same institutions and inspectors for the same seed and public entropy', () => {
    const s = seed();
    const a = draw(input(), s, '福彩3D 581');
    const b = draw(structuredClone(input()), s, '福彩3D 581');
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
  });

  it('gives a different draw for a different seed or different public entropy', () => {
    const s = seed();
    const base = JSON.stringify(draw(input(), s, 'x'));
    expect(JSON.stringify(draw(input(), seed(), 'x'))).not.toBe(base);
    expect(JSON.stringify(draw(input(), s, 'y'))).not.toBe(base);
  });

  it('redraw(publishedRecord) reproduces the stored result and verifyDraw checks commitment, pool and result', () => {
    const s = seed();
    const drawInput = input();
    const record = { seed: s, seedCommitment: sha256Hex(s), publicEntropy: null, poolHash: poolHashOf(drawInput), drawInput, result: draw(drawInput, s, null) };
    const published = JSON.parse(JSON.stringify(record));
    expect(redraw(published)).toEqual(record.result);
    expect(verifyDraw(published)).toEqual({ ok: true, problems: [] });

    const forgedSeed = { ...published, seed: seed() };
    expect(verifyDraw(forgedSeed).problems).toContain('seed does not match seedCommitment');
    const swappedPool = { ...published, drawInput: { ...published.drawInput, institutions: published.drawInput.institutions.slice(1) } };
    expect(verifyDraw(swappedPool).problems).toContain('drawInput does not match poolHash');
    const editedResult = { ...published, result: published.result.slice(1) };
    expect(verifyDraw(editedResult).problems).toContain('re-running the draw gives a different result');
  });

  it('rebuilds the whole input from the published parts and the pool pages: same hash, same draw; an edited pool entry changes the hash', () => {
    const full = input({
      conflicts: { 'inst-00003': { fire: ['fire-00001'] } },
      lastTime: { 'inst-00003': { health: ['health-00000', 'health-00002'] }, 'inst-00007': { market: ['market-00001'] } },
    });
    // What the plan view and the /pool pages carry (names aside).
    const { institutions, conflicts, lastTime, ...parts } = full;
    const pool = institutions.map((i) => ({ institutionId: i.id, grade: i.grade, conflicts: conflicts[i.id] ?? {}, lastTime: lastTime[i.id] ?? {} }));
    const rebuilt = rebuildDrawInput(JSON.parse(JSON.stringify({ ...parts, pool: { institutions: 40 } })), JSON.parse(JSON.stringify(pool)));
    expect(poolHashOf(rebuilt)).toBe(poolHashOf(full));
    const s = seed();
    const result = draw(full, s, 'e').map((r) => ({ ...r, name: 'x', alerts: [], inspectionId: null }));
    expect(verifyDraw({ seed: s, seedCommitment: sha256Hex(s), publicEntropy: 'e', poolHash: poolHashOf(full), drawInput: rebuilt, result })).toEqual({
      ok: true,
      problems: [],
    });
    const edited = pool.map((e) => (e.institutionId === 'inst-00003' ? { ...e, conflicts: {} } : e));
    expect(poolHashOf(rebuildDrawInput(parts, edited))).not.toBe(poolHashOf(full));
  });

  it('draws ⌈N × r⌉ per grade and at least two inspectors per department, all distinct', () => {
    const result = draw(input(), seed(), null);
    const byGrade = (g: Grade) => result.filter((r) => r.grade === g).length;
    // 10 institutions of each grade: A ⌈0.5⌉ = 1, B 1, C 3, D 10.
    expect([byGrade('A'), byGrade('B'), byGrade('C'), byGrade('D')]).toEqual([1, 1, 3, 10]);
    for (const r of result) {
      for (const department of ['fire', 'health', 'market']) {
        expect(r.inspectors[department]).toHaveLength(2);
        expect(new Set(r.inspectors[department]).size).toBe(2);
      }
    }
    expect(new Set(result.map((r) => r.institutionId)).size).toBe(result.length);
  });

  it('computes sample sizes in integer arithmetic (0.1 × 30 is 3, not 4)', () => {
    expect(sampleSize(30, 0.1)).toBe(3);
    expect(sampleSize(8, 0.1)).toBe(1);
    expect(sampleSize(0, 0.3)).toBe(0);
    expect(sampleSize(7, 1)).toBe(7);
    expect(sampleSize(7, 0)).toBe(0);
    expect(sampleSize(1_000, 0.05)).toBe(50);
  });
});

describe('shanyu-draw/v2: registered institutions not yet filed as their own stratum', () => {
  // Every fourth institution is unfiled, whatever its grade.
  const v2 = () => {
    const base = input();
    return input({
      algorithm: DRAW_ALGORITHM_V2,
      ratios: { ...base.ratios, unfiled: 0.5 },
      institutions: base.institutions.map((i, n) => ({ ...i, filed: n % 4 !== 3 })),
    });
  };

  it('draws ⌈N × r⌉ of each grade among the filed, then ⌈N × r_unfiled⌉ of the unfiled whatever their grade, each entry saying which', () => {
    const record = v2();
    const drawn = draw(record, seed(), null);
    const filed = record.institutions.filter((i) => i.filed);
    const unfiled = record.institutions.filter((i) => !i.filed);
    for (const g of ['A', 'B', 'C', 'D'] as const) {
      const n = filed.filter((i) => i.grade === g).length;
      expect(drawn.filter((d) => d.filed && d.grade === g)).toHaveLength(sampleSize(n, record.ratios[g]));
    }
    expect(drawn.filter((d) => d.filed === false)).toHaveLength(sampleSize(unfiled.length, 0.5));
    // The unfiled stratum comes after the grade strata, in draw order.
    const firstUnfiled = drawn.findIndex((d) => d.filed === false);
    expect(drawn.slice(firstUnfiled).every((d) => d.filed === false)).toBe(true);
  });

  it('is a different generator from v1 (its own block label) and verifies the same way; v1 records are unchanged', () => {
    const s = seed();
    const record = v2();
    const drawn = draw(record, s, 'e');
    expect(draw(record, s, 'e')).toEqual(drawn);
    expect(verifyDraw({ seedCommitment: sha256Hex(s), seed: s, publicEntropy: 'e', poolHash: poolHashOf(record), drawInput: record, result: drawn })).toEqual({
      ok: true,
      problems: [],
    });
    const v1 = input();
    expect(draw(v1, s, 'e').every((d) => d.filed === undefined)).toBe(true);
    const three = (stream: DrawStream) => [1, 2, 3].map(() => stream.below(1_000_000));
    expect(three(new DrawStream(s, 'e', DRAW_ALGORITHM_V2))).not.toEqual(three(new DrawStream(s, 'e')));
  });
});

describe('conflicts of interest and last-time inspectors', () => {
  it('never draws an inspector in conflict with the institution, over many seeds', () => {
    const base = input({ ratios: { A: 1, B: 1, C: 1, D: 1 } });
    const conflicted = base.institutions[0]!.id;
    const conflicts = { [conflicted]: { fire: ['fire-00000', 'fire-00001', 'fire-00002'], market: ['market-00000'] } };
    for (let i = 0; i < 300; i++) {
      const row = draw({ ...base, conflicts }, seed(), null).find((r) => r.institutionId === conflicted)!;
      expect(row.inspectors.fire!.sort()).toEqual(['fire-00003', 'fire-00004']);
      expect(row.inspectors.market!.sort()).toEqual(['market-00001', 'market-00002']);
    }
  });

  it("avoids last time's inspectors while enough others remain, and falls back when they do not", () => {
    const base = input({ ratios: { A: 1, B: 1, C: 1, D: 1 } });
    const id = base.institutions[1]!.id;
    const lastTime = { [id]: { fire: ['fire-00000', 'fire-00001'], market: ['market-00000', 'market-00001'] } };
    const seenMarket = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const row = draw({ ...base, lastTime }, seed(), null).find((r) => r.institutionId === id)!;
      expect(row.inspectors.fire!.some((x) => x === 'fire-00000' || x === 'fire-00001')).toBe(false);
      // Market has 3 inspectors: avoiding 2 would leave 1 < 2, so all three are candidates again.
      row.inspectors.market!.forEach((x) => seenMarket.add(x));
    }
    expect([...seenMarket].sort()).toEqual(['market-00000', 'market-00001', 'market-00002']);
  });

  it('refuses, naming the department, when conflicts leave fewer than the required inspectors', () => {
    const base = input({ ratios: { A: 1, B: 1, C: 1, D: 1 } });
    const id = base.institutions[2]!.id;
    try {
      draw({ ...base, conflicts: { [id]: { market: ['market-00000', 'market-00001'] } } }, seed(), null);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DrawError);
      expect((e as DrawError).department).toBe('market');
      expect((e as DrawError).institutionId).toBe(id);
    }
  });
});

/** The published algorithm written out literally (copy the list, swap, filter with sets): draw() must match it exactly. */
function referenceDraw(input: DrawInput, s: string, entropy: string | null) {
  const stream = new DrawStream(s, entropy);
  const pick = <T>(list: readonly T[], k: number): T[] => {
    const a = [...list];
    const count = Math.min(k, a.length);
    for (let i = 0; i < count; i++) {
      const j = i + stream.below(a.length - i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, count);
  };
  const drawn: { id: string; grade: Grade }[] = [];
  for (const grade of ['A', 'B', 'C', 'D'] as Grade[]) {
    const stratum = input.institutions.filter((i) => i.grade === grade);
    drawn.push(...pick(stratum, sampleSize(stratum.length, input.ratios[grade] ?? 0)));
  }
  const m = input.inspectorsPerDepartment;
  return drawn.map(({ id, grade }) => {
    const inspectors: Record<string, string[]> = {};
    for (const department of input.departments) {
      const conflicted = new Set(input.conflicts[id]?.[department] ?? []);
      const last = new Set(input.lastTime[id]?.[department] ?? []);
      const free = (input.inspectors[department] ?? []).filter((x) => !conflicted.has(x));
      const fresh = free.filter((x) => !last.has(x));
      inspectors[department] = pick(fresh.length >= m ? fresh : free, m);
    }
    return { institutionId: id, grade, inspectors };
  });
}

describe("the optimised draw gives exactly the published algorithm's result", () => {
  it('matches the literal algorithm over 200 seeds with conflicts and last-time inspectors', () => {
    const institutions = ids(300, 'inst').map((id, i) => ({ id, grade: (['A', 'B', 'C', 'D'] as Grade[])[i % 4]! }));
    const inspectors = { fire: ids(9, 'fire'), health: ids(6, 'health'), market: ids(4, 'market') };
    const conflicts: DrawInput['conflicts'] = {};
    const lastTime: DrawInput['lastTime'] = {};
    institutions.forEach(({ id }, i) => {
      if (i % 3 === 0) conflicts[id] = { fire: [inspectors.fire[i % 9]!, inspectors.fire[(i + 4) % 9]!], market: [inspectors.market[i % 4]!] };
      if (i % 5 === 0) lastTime[id] = { fire: [inspectors.fire[(i + 1) % 9]!], health: inspectors.health.slice(0, 5 - (i % 2) * 4) };
    });
    const big = input({ institutions, inspectors, conflicts, lastTime, inspectorsPerDepartment: 3, ratios: { A: 0.2, B: 0.5, C: 0.7, D: 1 } });
    for (let i = 0; i < 200; i++) {
      const s = seed();
      const entropy = i % 2 ? `entropy ${i}` : null;
      expect(draw(big, s, entropy)).toEqual(referenceDraw(big, s, entropy));
    }
  }, 30_000); // 200 full draws: seconds on a busy 2-core machine
});

describe('statistics of the generator and of the sampling (stated tolerances)', () => {
  it('below(n) is uniform: chi-square over 70,000 draws of n = 7 stays under 22.46 (df 6, p = 0.001)', () => {
    // A fixed seed: with a random one a uniform generator still fails this 1 time in 1,000.
    const stream = new DrawStream('5a'.repeat(32), null);
    const counts = Array(7).fill(0) as number[];
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[stream.below(7)]!++;
    const expected = n / 7;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.46);
  });

  it('holds the ratios per grade on a large pool (10,000 institutions: exact ⌈N × r⌉ per grade)', () => {
    const grades: Grade[] = [...Array(2_000).fill('A'), ...Array(5_000).fill('B'), ...Array(2_000).fill('C'), ...Array(1_000).fill('D')];
    const institutions = grades.map((grade) => ({ id: randomUUID(), grade })).sort((a, b) => (a.id < b.id ? -1 : 1));
    const result = draw(input({ institutions }), seed(), null);
    const count = (g: Grade) => result.filter((r) => r.grade === g).length;
    expect({ A: count('A'), B: count('B'), C: count('C'), D: count('D') }).toEqual({ A: 100, B: 500, C: 600, D: 1_000 });
  });

  it('gives every institution the same chance: inclusion counts over 400 seeds stay within 5 standard deviations of 400 × r', () => {
    // 200 grade-B institutions at r = 0.1: each is drawn Binomial(400, 0.1) times — mean 40, sd 6.
    // With 200 institutions the chance that any strays beyond ±5 sd (±30) by luck is below 1e-4.
    const institutions = ids(200, 'b').map((id) => ({ id, grade: 'B' as Grade }));
    const base = input({ institutions, departments: [], inspectors: {} });
    const hits = new Map<string, number>();
    const runs = 400;
    for (let i = 0; i < runs; i++) for (const r of draw(base, seed(), null)) hits.set(r.institutionId, (hits.get(r.institutionId) ?? 0) + 1);
    const mean = runs * 0.1;
    const sd = Math.sqrt(runs * 0.1 * 0.9);
    for (const { id } of institutions) expect(Math.abs((hits.get(id) ?? 0) - mean)).toBeLessThan(5 * sd);
    const total = [...hits.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(runs * 20);
  });
});
