/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) of short ASCII messages under one key, in JavaScript. The
 * draw's generator computes one HMAC block per 5⅓ numbers it reads, ~50,000 for a province, and
 * node:crypto's createHmac costs a native object per block: two thirds of the generator's time
 * (bench/draw.mjs). With the key's two padded blocks hashed once, each HMAC here is two
 * compressions. The bytes are node:crypto's (hmac-sha256.spec.ts).
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;
/** Longest message that fits one block with its padding (0x80 and the 8-byte length). */
const MAX_MESSAGE = BLOCK - 9;

/** SHA-256's compression of one block (big-endian words w[0..15]; w[16..63] are overwritten) into `state`. */
function compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

export class ShortMessageHmac {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);

  /** `key`: at most 64 bytes (a SHA-256 digest here). */
  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new RangeError('ShortMessageHmac: keys longer than 64 bytes are not supported');
    for (const [pad, into] of [
      [0x36, this.inner],
      [0x5c, this.outer],
    ] as const) {
      this.w.fill(0);
      for (let i = 0; i < BLOCK; i++) this.w[i >> 2]! |= ((key[i] ?? 0) ^ pad) << (24 - 8 * (i & 3));
      into.set(INITIAL);
      compress(into, this.w);
    }
  }

  /** Writes HMAC-SHA256(key, message) (32 bytes) into `out` at `offset`. `message`: ASCII, at most 55 characters. */
  digestInto(message: string, out: Buffer, offset: number): void {
    const { w, state } = this;
    const n = message.length;
    if (n > MAX_MESSAGE) throw new RangeError(`ShortMessageHmac: message longer than ${MAX_MESSAGE} characters`);
    w.fill(0, 0, 16);
    for (let i = 0; i < n; i++) {
      const code = message.charCodeAt(i);
      if (code > 0x7f) throw new RangeError('ShortMessageHmac: message is not ASCII');
      w[i >> 2]! |= code << (24 - 8 * (i & 3));
    }
    w[n >> 2]! |= 0x80 << (24 - 8 * (n & 3));
    w[15] = (BLOCK + n) * 8;
    state.set(this.inner);
    compress(state, w);
    for (let i = 0; i < 8; i++) w[i] = state[i]!;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (BLOCK + 32) * 8;
    state.set(this.outer);
    compress(state, w);
    for (let i = 0; i < 8; i++) out.writeInt32BE(state[i]!, offset + 4 * i);
  }
}
