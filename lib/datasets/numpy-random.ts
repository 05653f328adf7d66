/**
 * numpy's `np.random.default_rng(seed).permutation(n)`, bit for bit: SeedSequence → PCG64 (XSL-RR 128/64) →
 * Generator.shuffle (Fisher–Yates from the last index down, masked-rejection draws with numpy's 32-bit
 * path and PCG64's buffered 32-bit halves). HF `datasets.shuffle(seed)` uses exactly this, so the
 * same seed selects the same target examples as the reference. BigInt keeps the 128-bit state exact.
 */

const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;
const M128 = (1n << 128n) - 1n;

// SeedSequence hashing constants (numpy/random/bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const PCG_MULT = 0x2360ed051fc65da44385df649fccf645n;

function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/** numpy `_coerce_to_uint32_array` for a non-negative integer seed: little-endian 32-bit words, [0] for 0. */
function seedWords(seed: bigint): number[] {
  if (seed < 0n) throw new RangeError("seed must be a non-negative integer");
  if (seed === 0n) return [0];
  const words: number[] = [];
  for (let s = seed; s > 0n; s >>= 32n) words.push(Number(s & M32));
  return words;
}

function seedSequenceState(seed: bigint, nWords32: number): Uint32Array {
  const entropy = seedWords(seed);
  const hashConst = { value: INIT_A };
  const hashmix = (v: number): number => {
    v = (v ^ hashConst.value) >>> 0;
    hashConst.value = mul32(hashConst.value, MULT_A);
    v = mul32(v, hashConst.value);
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  const out = new Uint32Array(nWords32);
  let h = INIT_B;
  for (let i = 0; i < nWords32; i++) {
    let v = (pool[i % POOL_SIZE] ^ h) >>> 0;
    h = mul32(h, MULT_B);
    v = mul32(v, h);
    out[i] = (v ^ (v >>> 16)) >>> 0;
  }
  return out;
}

/** numpy's PCG64 bit generator (not PCG64DXSM), seeded like `np.random.default_rng(seed)`. */
export class Pcg64 {
  private state = 0n;
  private readonly inc: bigint;
  private spare: number | null = null;

  constructor(seed: number | bigint) {
    if (typeof seed === "number" && !Number.isSafeInteger(seed)) throw new RangeError("seed must be an integer");
    const w = seedSequenceState(BigInt(seed), 8);
    const u64 = (i: number) => (BigInt(w[2 * i + 1]) << 32n) | BigInt(w[2 * i]);
    const initState = (u64(0) << 64n) | u64(1);
    const initSeq = (u64(2) << 64n) | u64(3);
    this.inc = ((initSeq << 1n) | 1n) & M128;
    this.step();
    this.state = (this.state + initState) & M128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULT + this.inc) & M128;
  }

  nextUint64(): bigint {
    this.step();
    const hi = this.state >> 64n;
    const x = (hi ^ this.state) & M64;
    const rot = hi >> 58n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
  }

  /** numpy hands out the low half of a 64-bit draw first and keeps the high half for the next call. */
  nextUint32(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const v = this.nextUint64();
    this.spare = Number(v >> 32n);
    return Number(v & M32);
  }

  /**
   * numpy `random_interval(max)`: a uniform integer in [0, max] by masked rejection. This, not Lemire's
   * bounded method, is what `Generator.shuffle`/`permutation` call (checked against numpy 2.4).
   */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError("interval above 2^32 - 1 is not needed here");
    let mask = max;
    for (const s of [1, 2, 4, 8, 16]) mask |= mask >>> s;
    mask >>>= 0;
    let v: number;
    while ((v = (this.nextUint32() & mask) >>> 0) > max);
    return v;
  }
}

/** `np.random.default_rng(seed).permutation(n)`. */
export function numpyPermutation(n: number, seed: number | bigint): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError("n must be a non-negative integer");
  const rng = new Pcg64(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const j = rng.interval(i);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
