import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { affineRhsTs, eigenRhsTs, tql2Rhs, type EigenRhsResult } from "./eigen";
import { NativeEigenKernel, nativeEigenAvailable } from "./native";

/** A symmetric eigen-solve with right-hand sides (see eigen.ts); `a` is read from its lower triangle. */
export interface EigenSolver {
  readonly kind: EigenBackend;
  /** Which WebAssembly build runs (wasm only): `relaxed-simd` fuses multiply-adds, `simd` is the portable one. */
  readonly build?: WasmBuild;
  /** The shared library the native backend calls (native only). */
  readonly library?: string;
  /** `owned`: `a` is scratch the caller hands over, so a backend may overwrite it instead of copying it. */
  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number, owned?: boolean): EigenRhsResult;
  /** Z = W̃ M (n×C, float64) for W̃ = [W | b] (W n×n, b n) and M (n+1)×C row-major: an ESM's FᵀY = W̃ X̃ᵀY. */
  affineRhs(weight: Float32Array, bias: Float32Array, m: Float64Array, n: number, nrhs: number): Float64Array;
}

export type WasmBuild = "relaxed-simd" | "simd";

/** `native`: LAPACK through koffi (native.ts); `wasm`: the AssemblyScript kernel; `ts`: the TypeScript oracle. */
export type EigenBackend = "native" | "wasm" | "ts";
export type EigenChoice = "auto" | EigenBackend;

const BUILD_FILES: Record<WasmBuild, string> = { "relaxed-simd": "eigen-relaxed.wasm", simd: "eigen.wasm" };

/** Where `npm run build:wasm` puts a module: beside this file; the cwd fallback covers bundled server code. */
export function eigenWasmCandidates(file = BUILD_FILES.simd): string[] {
  const out: string[] = [];
  try {
    out.push(path.join(path.dirname(fileURLToPath(import.meta.url)), file));
  } catch {
    // import.meta.url is not a file: URL inside some bundles.
  }
  out.push(path.join(process.cwd(), "lib", "linalg", file));
  return out;
}

/**
 * Whether this V8 accepts relaxed SIMD. Node 20 (V8 11.3) has it behind a flag; V8 flags are per process, so
 * setting it here also covers worker threads. Node 22+ validates without the flag.
 * ESMHUB_WASM_RELAXED_SIMD=0 keeps the plain SIMD build (for comparisons).
 */
function relaxedSimdUsable(bytes: Buffer<ArrayBuffer>): boolean {
  if (process.env.ESMHUB_WASM_RELAXED_SIMD === "0") return false;
  if (WebAssembly.validate(bytes)) return true;
  try {
    setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return false;
  }
  return WebAssembly.validate(bytes);
}

const compiled = new Map<WasmBuild, WebAssembly.Module | null>();

function compiledModule(build: WasmBuild): WebAssembly.Module | null {
  if (!compiled.has(build)) {
    const file = eigenWasmCandidates(BUILD_FILES[build]).find((f) => existsSync(f));
    const bytes = file ? readFileSync(file) : null;
    const usable = bytes !== null && (build === "simd" || relaxedSimdUsable(bytes));
    compiled.set(build, usable ? new WebAssembly.Module(bytes) : null);
  }
  return compiled.get(build)!;
}

/** The fastest build that is present and runs here: relaxed SIMD first, then plain SIMD. */
function bestModule(): { build: WasmBuild; wasm: WebAssembly.Module } | null {
  for (const build of ["relaxed-simd", "simd"] as const) {
    const wasm = compiledModule(build);
    if (wasm) return { build, wasm };
  }
  return null;
}

interface EigenExports {
  tridiagonalizeRhs(a: number, n: number, z: number, nrhs: number, d: number, e: number, work: number): void;
  tql2Rhs(d: number, e: number, n: number, z: number, nrhs: number): number;
  affineRhs(w: number, b: number, n: number, mt: number, nrhs: number, z: number): void;
}

const BASE = 1024; // bytes left to the module's own static data
const PAGE = 65536;

/** A solver that can also finish a tridiagonal reduced elsewhere (the native backend's second half). */
interface PortableEigenSolver extends EigenSolver {
  /** QL on (d, e) with e[i] = T[i][i−1], rotations applied to the rows of z; all three updated in place. */
  tql2Rhs(d: Float64Array, e: Float64Array, n: number, z: Float64Array, nrhs: number): void;
}

class WasmEigenSolver implements PortableEigenSolver {
  readonly kind = "wasm" as const;
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: EigenExports;

  constructor(wasm: WebAssembly.Module, readonly build: WasmBuild) {
    const instance = new WebAssembly.Instance(wasm, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as EigenExports;
  }

  /** The memory as doubles, grown to at least `end` bytes. */
  private heap(end: number): Float64Array {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    return new Float64Array(this.memory.buffer);
  }

  affineRhs(weight: Float32Array, bias: Float32Array, m: Float64Array, n: number, nrhs: number): Float64Array {
    if (weight.length < n * n || bias.length < n || m.length < (n + 1) * nrhs) throw new Error("affineRhs: input smaller than n×n / n / (n+1)×C");
    const pw = BASE;
    const pb = pw + Math.ceil((n * n * 4) / 16) * 16;
    const pm = pb + Math.ceil((n * 4) / 16) * 16;
    const pz = pm + (n + 1) * nrhs * 8;
    const heap = this.heap(pz + n * nrhs * 8);
    new Float32Array(this.memory.buffer, pw, n * n).set(weight.subarray(0, n * n));
    new Float32Array(this.memory.buffer, pb, n).set(bias.subarray(0, n));
    for (let j = 0; j <= n; j++) for (let c = 0; c < nrhs; c++) heap[pm / 8 + c * (n + 1) + j] = m[j * nrhs + c];
    this.exports.affineRhs(pw, pb, n, pm, nrhs, pz);
    return heap.slice(pz / 8, pz / 8 + n * nrhs);
  }

  tql2Rhs(d: Float64Array, e: Float64Array, n: number, z: Float64Array, nrhs: number): void {
    const pd = BASE;
    const pe = pd + n * 8;
    const pz = pe + n * 8;
    const heap = this.heap(pz + Math.max(1, n * nrhs) * 8);
    heap.set(d.subarray(0, n), pd / 8);
    heap.set(e.subarray(0, n), pe / 8);
    heap.set(z.subarray(0, n * nrhs), pz / 8);
    if (this.exports.tql2Rhs(pd, pe, n, pz, nrhs) !== 0) throw new Error(`eigen-solve did not converge (n = ${n})`);
    d.set(heap.subarray(pd / 8, pd / 8 + n));
    z.set(heap.subarray(pz / 8, pz / 8 + n * nrhs));
  }

  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number): EigenRhsResult {
    if (a.length < n * n || z.length < n * nrhs) throw new Error("eigen-solve: input smaller than n×n / n×C");
    const pa = BASE;
    const pz = pa + n * n * 8;
    const pd = pz + Math.max(1, n * nrhs) * 8;
    const pe = pd + n * 8;
    const pw = pe + n * 8;
    const heap = this.heap(pw + 5 * n * 8 + 16);
    heap.set(a.length === n * n ? a : a.subarray(0, n * n), pa / 8);
    heap.set(z.length === n * nrhs ? z : z.subarray(0, n * nrhs), pz / 8);
    this.exports.tridiagonalizeRhs(pa, n, pz, nrhs, pd, pe, pw);
    if (this.exports.tql2Rhs(pd, pe, n, pz, nrhs) !== 0) throw new Error(`eigen-solve did not converge (n = ${n})`);
    return {
      eigenvalues: heap.slice(pd / 8, pd / 8 + n),
      projections: heap.slice(pz / 8, pz / 8 + n * nrhs),
    };
  }
}

class TsEigenSolver implements PortableEigenSolver {
  readonly kind = "ts" as const;
  tql2Rhs(d: Float64Array, e: Float64Array, n: number, z: Float64Array, nrhs: number): void {
    tql2Rhs(d, e, n, z, nrhs);
  }

  affineRhs(weight: Float32Array, bias: Float32Array, m: Float64Array, n: number, nrhs: number): Float64Array {
    return affineRhsTs(weight, bias, m, n, nrhs);
  }

  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number, owned = false): EigenRhsResult {
    const g = owned && a instanceof Float64Array && a.length === n * n ? a : Float64Array.from(a.subarray(0, n * n));
    return eigenRhsTs(g, n, Float64Array.from(z.subarray(0, n * nrhs)), nrhs);
  }
}

/**
 * LAPACK's reduction + Qᵀz (native.ts), then the portable kernel's tql2 on the right-hand sides (WASM when built:
 * it beats the TypeScript one); FᵀY also comes from the portable kernel, which is not where the time goes.
 */
class NativeEigenSolver implements EigenSolver {
  readonly kind = "native" as const;
  private readonly kernel = new NativeEigenKernel();
  private readonly portable = portableSolver("auto");
  readonly library = this.kernel.library;

  affineRhs(weight: Float32Array, bias: Float32Array, m: Float64Array, n: number, nrhs: number): Float64Array {
    return this.portable.affineRhs(weight, bias, m, n, nrhs);
  }

  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number, owned = false): EigenRhsResult {
    const { d, e, qtz } = this.kernel.tridiagonalize(a, n, z, nrhs, owned);
    this.portable.tql2Rhs(d, e, n, qtz, nrhs);
    return { eigenvalues: d, projections: qtz };
  }
}

/** Whether a WebAssembly build (`npm run build:wasm`) is present and loads; with `build`, that one. */
export function wasmEigenAvailable(build?: WasmBuild): boolean {
  return build ? compiledModule(build) !== null : bestModule() !== null;
}

export { nativeEigenAvailable };

/** ESMHUB_EIGEN=native|wasm|ts forces a backend wherever `auto` is asked for (workers inherit it). */
export function eigenChoiceFromEnv(): EigenChoice {
  const v = process.env.ESMHUB_EIGEN?.trim().toLowerCase();
  if (!v || v === "auto") return "auto";
  if (v === "native" || v === "wasm" || v === "ts") return v;
  throw new Error(`ESMHUB_EIGEN must be native, wasm, ts or auto, got ${JSON.stringify(process.env.ESMHUB_EIGEN)}`);
}

function portableSolver(kind: "auto" | "wasm" | "ts", build?: WasmBuild): PortableEigenSolver {
  if (kind === "ts") return new TsEigenSolver();
  const chosen = build ? { build, wasm: compiledModule(build) } : bestModule();
  if (chosen?.wasm) return new WasmEigenSolver(chosen.wasm, chosen.build);
  if (kind === "wasm" || build) {
    const file = BUILD_FILES[build ?? "simd"];
    throw new Error(`${file} not found or not supported here (looked in ${eigenWasmCandidates(file).join(", ")}); run npm run build:wasm`);
  }
  return new TsEigenSolver();
}

/**
 * An eigen-solver instance (one per thread: the WASM one owns its memory, the native one its LAPACK workspace).
 * `auto` follows ESMHUB_EIGEN when set; otherwise it takes the native backend when koffi and OpenBLAS load here,
 * else the fastest WebAssembly build that runs here, else the TypeScript implementation. A forced backend that
 * cannot run throws; `build` picks a WASM build.
 */
export function createEigenSolver(kind: EigenChoice = "auto", build?: WasmBuild): EigenSolver {
  if (kind === "ts" || kind === "wasm" || build) return portableSolver(kind === "ts" ? "ts" : "wasm", build);
  const choice = kind === "auto" ? eigenChoiceFromEnv() : kind;
  if (choice === "native" || (choice === "auto" && nativeEigenAvailable())) return new NativeEigenSolver();
  return portableSolver(choice);
}
