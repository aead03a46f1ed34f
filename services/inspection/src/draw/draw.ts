/**
 * 双随机 — the verifiable random draw, as a pure function of its published record.
 *
 * Anyone can re-run a plan's draw from what the public routes show (this file and hmac-sha256.ts
 * need nothing but Node's crypto):
 *
 * 0. Fetch the record. `GET /api/v1/public/inspection-plans/:id` gives the seed commitment, pool
 *    hash, seed and public entropy, and `drawInput` without its per-institution parts: algorithm,
 *    departments, inspectorsPerDepartment, ratios, inspectors per department, and `pool` (counts).
 *    `GET …/:id/pool?page=1&pageSize=500`, page 2, … until `pool.institutions` entries are read,
 *    give the pool in pool order: `{ institutionId, name, grade, conflicts, lastTime }`.
 *    `GET …/:id/draws` pages give the result in draw order. Rebuild the draw input
 *    (`rebuildDrawInput` below does it): the view's algorithm, departments,
 *    inspectorsPerDepartment, ratios and inspectors; `institutions` = every pool entry as
 *    `{ id: institutionId, grade }` in pool order; `conflicts[institutionId]` = the entry's
 *    `conflicts` and `lastTime[institutionId]` = its `lastTime`, each only when not empty. The
 *    canonical JSON of the rebuilt input hashes to `poolHash` (step 1): a missing, added or
 *    altered pool entry shows there.
 *
 * 1. Commit. Before the draw the platform publishes `seedCommitment = SHA-256(seed)` (hex of the
 *    UTF-8 seed, a 64-hex-character random value) and `poolHash = SHA-256(canonicalJson(drawInput))`:
 *    the pool of filed institutions with their credit grades, the inspector pool per department,
 *    recorded conflicts of interest and last-time inspectors, the ratios and the algorithm name.
 *    canonicalJson = JSON with object keys sorted at every level, no spaces.
 * 2. Reveal. At the draw the seed is published together with `publicEntropy`, a value announced
 *    at the draw (a witness's number, a lottery result) that nobody knew at commit time.
 * 3. Generator `shanyu-draw/v1`: key K = SHA-256(seed ‖ 0x0A ‖ publicEntropy) (UTF-8; an empty
 *    string when there is no public entropy); block i = HMAC-SHA256(K, "shanyu-draw/v1:" + i)
 *    for i = 0, 1, 2, … (i in decimal); the byte stream is block 0 ‖ block 1 ‖ …, read 6 bytes at a
 *    time as a big-endian unsigned 48-bit integer x. `below(n)`: with L = 2^48 − (2^48 mod n),
 *    read x until x < L (no modulo bias), return x mod n.
 * 4. `pick(list, k)`: partial Fisher–Yates — for i = 0 … k−1: j = i + below(len − i), swap
 *    list[i] and list[j]; the first k elements in that order.
 * 5. Institutions, stratum by stratum in the order A, B, C, D: the stratum is the pool's
 *    institutions of that grade in pool order (sorted by id); k = ⌈N × r⌉ with the ratio r taken
 *    in units of 1/10000 (integer arithmetic); pick(stratum, k). `shanyu-draw/v2` (plans whose
 *    policy puts registered institutions not yet filed in the pool): the grade strata hold only
 *    the entries with `filed: true`, and a fifth stratum, after D, holds the entries with
 *    `filed: false` whatever their grade, with the ratio `ratios.unfiled`; the generator's block
 *    label is "shanyu-draw/v2:" + i. A drawn entry then carries `filed` too.
 * 6. Inspectors, for each drawn institution in draw order and each department in `departments`
 *    order: candidates = the department's pool (sorted by id) without the inspectors in conflict
 *    with the institution; if at least m = inspectorsPerDepartment of them did not inspect it last
 *    time, those are the candidates (last-time avoidance), else all conflict-free candidates are;
 *    pick(candidates, m).
 * The single byte stream is consumed in exactly this order.
 */
import { createHash } from 'node:crypto';
import { ShortMessageHmac } from './hmac-sha256.js';

export const DRAW_ALGORITHM = 'shanyu-draw/v1';
/** The generator with registered-but-unfiled institutions as their own stratum (step 5). */
export const DRAW_ALGORITHM_V2 = 'shanyu-draw/v2';
const ALGORITHMS = [DRAW_ALGORITHM, DRAW_ALGORITHM_V2];
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface DrawInput {
  algorithm: string;
  departments: string[];
  inspectorsPerDepartment: number;
  ratios: Record<Grade, number> & { unfiled?: number };
  institutions: { id: string; grade: Grade; filed?: boolean }[];
  inspectors: Record<string, string[]>;
  conflicts: Record<string, Record<string, string[]>>;
  lastTime: Record<string, Record<string, string[]>>;
}

export interface DrawnInstitution {
  institutionId: string;
  grade: Grade;
  filed?: boolean;
  inspectors: Record<string, string[]>;
}

/** Everything a plan publishes about its draw. */
export interface PublishedDraw {
  seedCommitment: string;
  seed: string;
  publicEntropy: string | null;
  poolHash: string;
  drawInput: DrawInput;
  result: DrawnInstitution[];
}

export class DrawError extends Error {
  override name = 'DrawError';
  constructor(
    message: string,
    readonly department: string,
    readonly institutionId: string,
  ) {
    super(message);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

export const poolHashOf = (input: DrawInput): string => sha256Hex(canonicalJson(input));

const TWO_48 = 2 ** 48;
/** HMAC blocks computed at a time (the stream is the same; a few unread blocks at the end cost nothing). */
const BLOCKS_AT_ONCE = 64;

/** The `shanyu-draw/v1` and `/v2` generator (see the file comment): the same but for the block label. */
export class DrawStream {
  private readonly hmac: ShortMessageHmac;
  private counter = 0;
  private bytes = Buffer.alloc(0);
  private at = 0;

  constructor(
    seed: string,
    publicEntropy: string | null,
    private readonly algorithm: string = DRAW_ALGORITHM,
  ) {
    this.hmac = new ShortMessageHmac(
      createHash('sha256')
        .update(`${seed}\n${publicEntropy ?? ''}`, 'utf8')
        .digest(),
    );
  }

  private next48(): number {
    if (this.bytes.length - this.at < 6) this.refill();
    const x = this.bytes.readUIntBE(this.at, 6);
    this.at += 6;
    return x;
  }

  /** The unread bytes followed by the stream's next blocks. */
  private refill(): void {
    const rest = this.bytes.length - this.at;
    const bytes = Buffer.allocUnsafe(rest + 32 * BLOCKS_AT_ONCE);
    this.bytes.copy(bytes, 0, this.at);
    for (let i = 0; i < BLOCKS_AT_ONCE; i++) this.hmac.digestInto(`${this.algorithm}:${this.counter++}`, bytes, rest + 32 * i);
    this.bytes = bytes;
    this.at = 0;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_48) throw new RangeError(`below(n): n must be an integer in 1…2^48, got ${n}`);
    const limit = TWO_48 - (TWO_48 % n);
    for (;;) {
      const x = this.next48();
      if (x < limit) return x % n;
    }
  }

  /**
   * k elements of `list` by partial Fisher–Yates, in draw order. The swaps are kept in a map
   * instead of a copy of the list: picking 2 of a department's 700 inspectors for each of 16,500
   * drawn institutions would otherwise copy 80 million entries (bench/draw.mjs). Same result:
   * position i is never read again after step i, so only position j's new element is kept.
   */
  pick<T>(list: readonly T[], k: number): T[] {
    const n = list.length;
    const count = Math.min(k, n);
    const swapped = new Map<number, T>();
    const out: T[] = new Array<T>(count);
    for (let i = 0; i < count; i++) {
      const j = i + this.below(n - i);
      const ai = swapped.has(i) ? swapped.get(i)! : list[i]!;
      out[i] = swapped.has(j) ? swapped.get(j)! : list[j]!;
      swapped.set(j, ai);
    }
    return out;
  }
}

/** ⌈N × r⌉ with r in units of 1/10000. */
export function sampleSize(n: number, ratio: number): number {
  const basisPoints = Math.round(ratio * 10_000);
  return Math.min(n, Math.floor((n * basisPoints + 9_999) / 10_000));
}

/** Runs the draw. Throws DrawError when a department has too few conflict-free inspectors for an institution. */
export function draw(input: DrawInput, seed: string, publicEntropy: string | null): DrawnInstitution[] {
  if (!ALGORITHMS.includes(input.algorithm)) throw new Error(`unknown draw algorithm ${input.algorithm}`);
  const v2 = input.algorithm === DRAW_ALGORITHM_V2;
  const stream = new DrawStream(seed, publicEntropy, input.algorithm);
  const drawn: { id: string; grade: Grade; filed?: boolean }[] = [];
  for (const grade of GRADES) {
    const stratum = input.institutions.filter((i) => i.grade === grade && (!v2 || i.filed === true));
    drawn.push(...stream.pick(stratum, sampleSize(stratum.length, input.ratios[grade] ?? 0)));
  }
  if (v2) {
    const unfiled = input.institutions.filter((i) => i.filed === false);
    drawn.push(...stream.pick(unfiled, sampleSize(unfiled.length, input.ratios.unfiled ?? 0)));
  }
  const m = input.inspectorsPerDepartment;
  return drawn.map(({ id, grade, filed }) => {
    const inspectors: Record<string, string[]> = {};
    for (const department of input.departments) {
      // Most institutions have no conflicts and no last-time inspectors: no filtering then.
      const conflicted = input.conflicts[id]?.[department] ?? [];
      const last = input.lastTime[id]?.[department] ?? [];
      const all = input.inspectors[department] ?? [];
      const free = conflicted.length ? all.filter((x) => !conflicted.includes(x)) : all;
      if (free.length < m) {
        throw new DrawError(`部门 ${department} 对机构 ${id} 可抽取的执法人员只有 ${free.length} 名，少于 ${m} 名`, department, id);
      }
      const fresh = last.length ? free.filter((x) => !last.includes(x)) : free;
      inspectors[department] = stream.pick(fresh.length >= m ? fresh : free, m);
    }
    return v2 ? { institutionId: id, grade, filed: filed === true, inspectors } : { institutionId: id, grade, inspectors };
  });
}

/** The draw input as a plan view publishes it: everything but the per-institution parts. */
export type PublishedDrawInputParts = Pick<DrawInput, 'algorithm' | 'departments' | 'inspectorsPerDepartment' | 'ratios' | 'inspectors'>;

/** One entry of a plan's pool page (`GET …/inspection-plans/:id/pool`). */
export interface PoolEntry {
  institutionId: string;
  grade: Grade;
  filed: boolean;
  conflicts: Record<string, string[]>;
  lastTime: Record<string, string[]>;
}

/** Step 0 of the file comment: the whole draw input from the plan view's `drawInput` and every pool entry in pool order. */
export function rebuildDrawInput(published: PublishedDrawInputParts, pool: readonly PoolEntry[]): DrawInput {
  const input: DrawInput = {
    algorithm: published.algorithm,
    departments: published.departments,
    inspectorsPerDepartment: published.inspectorsPerDepartment,
    ratios: published.ratios,
    institutions: pool.map((e) =>
      published.algorithm === DRAW_ALGORITHM_V2 ? { id: e.institutionId, grade: e.grade, filed: e.filed } : { id: e.institutionId, grade: e.grade },
    ),
    inspectors: published.inspectors,
    conflicts: {},
    lastTime: {},
  };
  for (const e of pool) {
    if (Object.keys(e.conflicts).length) input.conflicts[e.institutionId] = e.conflicts;
    if (Object.keys(e.lastTime).length) input.lastTime[e.institutionId] = e.lastTime;
  }
  return input;
}

/** Re-runs a published draw: the same record always gives the same institutions and inspectors. */
export function redraw(record: Pick<PublishedDraw, 'drawInput' | 'seed' | 'publicEntropy'>): DrawnInstitution[] {
  return draw(record.drawInput, record.seed, record.publicEntropy);
}

/**
 * What a member of the public checks: the seed matches its commitment, the pool its hash, the
 * result the re-run. `drawInput`: the whole input, e.g. `rebuildDrawInput(view.drawInput, allPoolEntries)`.
 */
export function verifyDraw(record: PublishedDraw): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  if (sha256Hex(record.seed) !== record.seedCommitment) problems.push('seed does not match seedCommitment');
  if (poolHashOf(record.drawInput) !== record.poolHash) problems.push('drawInput does not match poolHash');
  const sorted = [...record.drawInput.institutions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (canonicalJson(sorted) !== canonicalJson(record.drawInput.institutions)) problems.push('institution pool is not sorted by id');
  try {
    // Result entries may carry more than the draw decides (the /draws pages add name, alerts, inspectionId).
    const result = record.result.map(({ institutionId, grade, filed, inspectors }) =>
      filed === undefined ? { institutionId, grade, inspectors } : { institutionId, grade, filed, inspectors },
    );
    if (canonicalJson(redraw(record)) !== canonicalJson(result)) problems.push('re-running the draw gives a different result');
  } catch (e) {
    problems.push(`re-running the draw failed: ${(e as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
