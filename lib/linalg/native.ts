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
    probed = { lapack: { library, dsytrd, dormtr }, reason: "" };
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

  tridiagonalize(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number): Tridiagonal {
    if (a.length < n * n || z.length < n * nrhs) throw new Error("eigen-solve: input smaller than n×n / n×C");
    const { dsytrd, dormtr } = this.lapack;
    const g = Float64Array.from(a.subarray(0, n * n)); // float64 from the Gram onward; LAPACK overwrites it
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
