import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eigenRhsTs, type EigenRhsResult } from "./eigen";

/** A symmetric eigen-solve with right-hand sides (see eigen.ts); `a` is read from its lower triangle. */
export interface EigenSolver {
  readonly kind: "wasm" | "ts";
  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number): EigenRhsResult;
}

/** Where `npm run build:wasm` puts the module: beside this file; the cwd fallback covers bundled server code. */
export function eigenWasmCandidates(): string[] {
  const out: string[] = [];
  try {
    out.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "eigen.wasm"));
  } catch {
    // import.meta.url is not a file: URL inside some bundles.
  }
  out.push(path.join(process.cwd(), "lib", "linalg", "eigen.wasm"));
  return out;
}

let compiled: WebAssembly.Module | null | undefined;

function compiledModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const file = eigenWasmCandidates().find((f) => existsSync(f));
    compiled = file ? new WebAssembly.Module(readFileSync(file)) : null;
  }
  return compiled;
}

interface EigenExports {
  tridiagonalizeRhs(a: number, n: number, z: number, nrhs: number, d: number, e: number, work: number): void;
  tql2Rhs(d: number, e: number, n: number, z: number, nrhs: number): number;
}

const BASE = 1024; // bytes left to the module's own static data
const PAGE = 65536;

class WasmEigenSolver implements EigenSolver {
  readonly kind = "wasm" as const;
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: EigenExports;

  constructor(wasm: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(wasm, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as EigenExports;
  }

  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number): EigenRhsResult {
    if (a.length < n * n || z.length < n * nrhs) throw new Error("eigen-solve: input smaller than n×n / n×C");
    const pa = BASE;
    const pz = pa + n * n * 8;
    const pd = pz + Math.max(1, n * nrhs) * 8;
    const pe = pd + n * 8;
    const pw = pe + n * 8;
    const end = pw + 5 * n * 8 + 16;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    const heap = new Float64Array(this.memory.buffer);
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

class TsEigenSolver implements EigenSolver {
  readonly kind = "ts" as const;
  solve(a: Float32Array | Float64Array, n: number, z: Float32Array | Float64Array, nrhs: number): EigenRhsResult {
    return eigenRhsTs(Float64Array.from(a.subarray(0, n * n)), n, Float64Array.from(z.subarray(0, n * nrhs)), nrhs);
  }
}

/** Whether lib/linalg/eigen.wasm was built and loads. */
export function wasmEigenAvailable(): boolean {
  return compiledModule() !== null;
}

/**
 * An eigen-solver instance (one per thread: the WASM one owns its memory). `auto` takes the WebAssembly kernel when
 * it is built and falls back to the TypeScript implementation otherwise.
 */
export function createEigenSolver(kind: "auto" | "wasm" | "ts" = "auto"): EigenSolver {
  if (kind === "ts") return new TsEigenSolver();
  const compiledWasm = compiledModule();
  if (compiledWasm) return new WasmEigenSolver(compiledWasm);
  if (kind === "wasm") throw new Error(`eigen.wasm not found (looked in ${eigenWasmCandidates().join(", ")}); run npm run build:wasm`);
  return new TsEigenSolver();
}
