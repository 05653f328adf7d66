import { existsSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The native half of the optional `native` eigen-solve backend: LAPACK's blocked Householder reduction `dsytrd_`
 * and `dormtr_` (Qᵀ applied to the C right-hand sides) from the system OpenBLAS, called through koffi (an FFI
 * with prebuilt binaries, so nothing is compiled). The caller finishes with the portable `tql2Rhs` (wasm.ts), so
 * the contract is unchanged: eigenvalues and Vᵀz, never V.
 */

/**
 * Where Debian's libopenblas0-pthread (or another OpenBLAS) is looked for; ESMHUB_OPENBLAS names one file
 * instead (a missing path turns the backend off, which is how tests simulate a machine without it).
 */
export function openblasCandidates(): string[] {
  const forced = process.env.ESMHUB_OPENBLAS;
  if (forced) return [forced];
  return [
    "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
    "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
    "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
    "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
    "/usr/lib64/libopenblas.so.0",
    "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
  ];
}

type Fn = (...args: unknown[]) => unknown;

interface Lapack {
  library: string;
  dsytrd: Fn;
  dormtr: Fn;
  dpotrf: Fn;
  dtrmm: Fn;
  dsyrk: Fn;
  dsymm: Fn;
  dgemm: Fn;
}

let probed: { lapack: Lapack | null; reason: string } | undefined;

/**
 * Loads koffi and OpenBLAS once per thread (koffi's handles are per isolate) and sets OpenBLAS to one thread:
 * the ranking pool already runs one ESM per worker on every core. Null, with the reason, when either is missing.
 */
function probe(): { lapack: Lapack | null; reason: string } {
  if (probed) return probed;
  const library = openblasCandidates().find((f) => existsSync(f));
  if (!library) {
    probed = { lapack: null, reason: `OpenBLAS not found (looked in ${openblasCandidates().join(", ")}; apt-get install libopenblas0-pthread)` };
    return probed;
  }
  try {
    // Required at run time, not imported: the backend is optional and koffi's native addon must stay unbundled.
    const koffi = createRequire(import.meta.url)("koffi") as typeof import("koffi");
    const lib = koffi.load(library);
    (lib.func("void openblas_set_num_threads(int)") as Fn)(1);
    // Fortran symbols: every argument by reference, then the hidden lengths of the character arguments.
    const dsytrd = lib.func("void dsytrd_(const char*, const int*, double*, const int*, double*, double*, double*, double*, const int*, int*, size_t)") as Fn;
    const dormtr = lib.func("void dormtr_(const char*, const char*, const char*, const int*, const int*, const double*, const int*, const double*, double*, const int*, double*, const int*, int*, size_t, size_t, size_t)") as Fn;
    const dpotrf = lib.func("void dpotrf_(const char*, const int*, double*, const int*, int*, size_t)") as Fn;
    // CBLAS level 3 in row-major order (101), so row-major arrays go in as they are.
    const dtrmm = lib.func("void cblas_dtrmm(int, int, int, int, int, int, int, double, const double*, int, double*, int)") as Fn;
    const dsyrk = lib.func("void cblas_dsyrk(int, int, int, int, int, double, const double*, int, double, double*, int)") as Fn;
    const dsymm = lib.func("void cblas_dsymm(int, int, int, int, int, double, const double*, int, const double*, int, double, double*, int)") as Fn;
    const dgemm = lib.func("void cblas_dgemm(int, int, int, int, int, int, double, const double*, int, const double*, int, double, double*, int)") as Fn;
    probed = { lapack: { library, dsytrd, dormtr, dpotrf, dtrmm, dsyrk, dsymm, dgemm }, reason: "" };
  } catch (err) {
    probed = { lapack: null, reason: `could not load ${library} through koffi: ${(err as Error).message}` };
  }
  return probed;
}

/** Whether the native backend loads here (koffi present, OpenBLAS found); probed once per thread. */
export function nativeEigenAvailable(): boolean {
  return probe().lapack !== null;
}

/** Why the native backend is off ("" when it is on). */
export function nativeEigenProblem(): string {
  return probe().reason;
}

const int1 = (x: number) => Int32Array.of(x);

/** T = Qᵀ A Q as tql2Rhs takes it (d diagonal, e[i] = T[i][i−1], e[0] = 0) and Qᵀ Z (n×C row-major). */
export interface Tridiagonal {
  d: Float64Array;
  e: Float64Array;
  qtz: Float64Array;
}

/**
 * Native eigen-solve state for one thread: the library handles and a LAPACK workspace kept across calls.
 * `a` is row-major with its lower triangle valid, which LAPACK (column-major) reads as the upper triangle ('U').
 */
export class NativeEigenKernel {
  readonly library: string;
  private readonly lapack: Lapack;
  private work = new Float64Array(1);

  constructor() {
    const { lapack, reason } = probe();
    if (!lapack) throw new Error(`native eigen-solve unavailable: ${reason}`);
    this.lapack = lapack;
    this.library = lapack.library;
  }

  /** The workspace LAPACK asks for (lwork = −1 query), grown when a larger call needs more. */
  private workspace(query: (work: Float64Array, lwork: Int32Array) => void): Float64Array {
    const best = new Float64Array(1);
    query(best, int1(-1));
    if (best[0] > this.work.length) this.work = new Float64Array(Math.ceil(best[0]));
    return this.work;
  }

  /**
   * `owned`: `a` is a Float64Array of exactly n×n that the caller no longer needs, so LAPACK may overwrite it
   * instead of a copy (the Gram the native products just wrote).
   */
  tridiagonalize(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number, owned = false): Tridiagonal {
    if (a.length < n * n || z.length < n * nrhs) throw new Error("eigen-solve: input smaller than n×n / n×C");
    const { dsytrd, dormtr } = this.lapack;
    const g = owned && a instanceof Float64Array && a.length === n * n ? a : Float64Array.from(a.subarray(0, n * n));
    const nn = int1(n);
    const d = new Float64Array(n);
    const off = new Float64Array(Math.max(1, n - 1));
    const tau = new Float64Array(Math.max(1, n - 1));
    const info = int1(0);
    // T = Qᵀ A Q with Q = H(n−1)…H(1) ('U': the reflectors are stored above the diagonal, last column first).
    const reduce = (work: Float64Array, lwork: Int32Array) => dsytrd("U", nn, g, nn, d, off, tau, work, lwork, info, 1);
    const work = this.workspace(reduce);
    reduce(work, int1(work.length));
    if (info[0] !== 0) throw new Error(`dsytrd failed (info ${info[0]})`);

    // Qᵀ Z on the right-hand sides, column-major n×C.
    const zc = new Float64Array(Math.max(1, n * nrhs));
    for (let i = 0; i < n; i++) for (let c = 0; c < nrhs; c++) zc[c * n + i] = z[i * nrhs + c];
    if (nrhs > 0 && n > 1) {
      const cols = int1(nrhs);
      const apply = (w: Float64Array, lwork: Int32Array) => dormtr("L", "U", "T", nn, cols, g, nn, tau, zc, nn, w, lwork, info, 1, 1, 1);
      const w = this.workspace(apply);
      apply(w, int1(w.length));
      if (info[0] !== 0) throw new Error(`dormtr failed (info ${info[0]})`);
    }
    const qtz = new Float64Array(n * nrhs);
    for (let i = 0; i < n; i++) for (let c = 0; c < nrhs; c++) qtz[i * nrhs + c] = zc[c * n + i];
    // dsytrd gives off[i] = T[i][i+1].
    const e = new Float64Array(n);
    e.set(off.subarray(0, n - 1), 1);
    return { d, e, qtz };
  }
}

const ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, UPPER = 121, LOWER = 122, LEFT = 141, RIGHT = 142, NON_UNIT = 131;

/** W̃ = [W | b] as a float64 d × (d+1) row-major matrix, written into `into` when it is large enough. */
export function augmentedWeights(weight: Float32Array, bias: Float32Array, d: number, into?: Float64Array): Float64Array {
  const d1 = d + 1;
  const wt = into && into.length >= d * d1 ? into.subarray(0, d * d1) : new Float64Array(d * d1);
  for (let i = 0; i < d; i++) {
    wt.set(weight.subarray(i * d, i * d + d), i * d1); // converting set: native code, ~10× a JS loop
    wt[i * d1 + d] = bias[i];
  }
  return wt;
}

/**
 * The S-form Gram G = W̃ S W̃ᵀ = FᵀF in float64 with OpenBLAS (one thread per worker, like the eigen-solve).
 * With the Cholesky factor S = LLᵀ (once per target) it is G = MMᵀ, M = W̃L: one dtrmm and one dsyrk, about half
 * the flops of two dgemms. Every product is float64 with float64 accumulation, so G carries only the rounding of a
 * float64 GEMM (≈ d·ε₆₄·‖W̃‖²‖S‖), the same order as the reference's own FᵀF from float64 F.
 */
export class NativeGramKernel {
  private readonly lapack: Lapack;

  constructor() {
    const { lapack, reason } = probe();
    if (!lapack) throw new Error(`native products unavailable: ${reason}`);
    this.lapack = lapack;
  }

  /** The lower Cholesky factor of S (m×m, symmetric), or null when S is not numerically positive definite. */
  cholesky(s: Float64Array, m: number): Float64Array | null {
    const l = Float64Array.from(s.subarray(0, m * m));
    const info = int1(0);
    // Row-major lower is column-major upper.
    this.lapack.dpotrf("U", int1(m), l, int1(m), info, 1);
    if (info[0] !== 0) return null;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) l[i * m + j] = 0;
    return l;
  }

  /** G (d×d row-major, lower triangle valid) from W̃ and the Cholesky factor L of S; W̃ is overwritten. */
  gramFromFactor(wt: Float64Array, factor: Float64Array, d: number, into?: Float64Array): Float64Array {
    const d1 = d + 1;
    // M = W̃ L in place of W̃, then G = M Mᵀ.
    this.lapack.dtrmm(ROW_MAJOR, RIGHT, LOWER, NO_TRANS, NON_UNIT, d, d1, 1, factor, d1, wt, d1);
    const g = into && into.length === d * d ? into : new Float64Array(d * d);
    this.lapack.dsyrk(ROW_MAJOR, LOWER, NO_TRANS, d, d1, 1, wt, d1, 0, g, d);
    return g;
  }

  /** G = (W̃ S) W̃ᵀ for an S without a Cholesky factor (rank-deficient target). */
  gramFromS(wt: Float64Array, s: Float64Array, d: number): Float64Array {
    const d1 = d + 1;
    const h = new Float64Array(d * d1);
    this.lapack.dsymm(ROW_MAJOR, RIGHT, UPPER, d, d1, 1, s, d1, wt, d1, 0, h, d1);
    const g = new Float64Array(d * d);
    this.lapack.dgemm(ROW_MAJOR, NO_TRANS, TRANS, d, d, d1, 1, h, d1, wt, d1, 0, g, d);
    return g;
  }
}
