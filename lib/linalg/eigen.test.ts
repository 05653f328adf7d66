import { describe, expect, it } from "vitest";
import { eigenRhsTs } from "./eigen";
import { centeredRandom, gramProblem } from "./test-problems";
import { createEigenSolver, wasmEigenAvailable } from "./wasm";

/** Checks trace, Frobenius norm, ‖Vᵀz‖ = ‖z‖ and Σ λ (vᵢᵀz)² = zᵀAz: together they pin down λ and Vᵀz. */
function checkInvariants(a: Float64Array, n: number, z: Float64Array, nrhs: number, lam: Float64Array, proj: Float64Array) {
  let trace = 0;
  let fro = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  for (let i = 0; i < n * n; i++) fro += a[i] * a[i];
  const scale = Math.sqrt(fro);
  expect(Math.abs(lam.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(1e-10 * scale * n);
  expect(Math.abs(lam.reduce((s, x) => s + x * x, 0) - fro)).toBeLessThan(1e-10 * fro);
  for (let c = 0; c < nrhs; c++) {
    let zz = 0;
    let pp = 0;
    let zaz = 0;
    let lpp = 0;
    for (let i = 0; i < n; i++) {
      zz += z[i * nrhs + c] ** 2;
      pp += proj[i * nrhs + c] ** 2;
      lpp += lam[i] * proj[i * nrhs + c] ** 2;
      let az = 0;
      for (let j = 0; j < n; j++) az += a[i * n + j] * z[j * nrhs + c];
      zaz += z[i * nrhs + c] * az;
    }
    expect(Math.abs(pp - zz)).toBeLessThan(1e-12 * zz);
    expect(Math.abs(lpp - zaz)).toBeLessThan(1e-10 * scale * zz);
  }
}

/** Pairs (λ, |vᵀz|) sorted by λ, to compare solvers independent of order and eigenvector sign. */
function spectrum(lam: Float64Array, proj: Float64Array, nrhs: number): number[][] {
  return [...lam].map((l, i) => [l, ...Array.from({ length: nrhs }, (_, c) => Math.abs(proj[i * nrhs + c]))]).sort((x, y) => x[0] - y[0]);
}

describe("eigen-solve with right-hand sides", () => {
  it("diagonalises a 2×2 by hand", () => {
    // A = [[2, 1], [1, 2]]: λ = 1, 3 with v = (1, −1)/√2, (1, 1)/√2; z = (1, 0) → |vᵀz| = 1/√2 for both.
    const r = eigenRhsTs(new Float64Array([2, 1, 1, 2]), 2, new Float64Array([1, 0]), 1);
    const s = spectrum(r.eigenvalues, r.projections, 1);
    expect(s[0][0]).toBeCloseTo(1, 14);
    expect(s[1][0]).toBeCloseTo(3, 14);
    expect(s[0][1]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(s[1][1]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it("handles n = 1, a diagonal matrix and a zero matrix", () => {
    expect([...eigenRhsTs(new Float64Array([5]), 1, new Float64Array([2]), 1).projections]).toEqual([2]);
    const diag = eigenRhsTs(new Float64Array([3, 0, 0, 0, 1, 0, 0, 0, 2]), 3, new Float64Array([1, 2, 3]), 1);
    expect(spectrum(diag.eigenvalues, diag.projections, 1)).toEqual([[1, 2], [2, 3], [3, 1]]);
    const zero = eigenRhsTs(new Float64Array(16), 4, new Float64Array([1, 1, 1, 1]), 1);
    expect([...zero.eigenvalues]).toEqual([0, 0, 0, 0]);
  });

  for (const [n, m, nrhs] of [[7, 20, 3], [33, 40, 2], [64, 30, 5], [130, 200, 1]] as const) {
    it(`satisfies the spectral invariants (n=${n}, rank ${Math.min(n, m)}, C=${nrhs})`, () => {
      const { a, z } = gramProblem(n, m, nrhs, n * 31 + m);
      const r = eigenRhsTs(Float64Array.from(a), n, z, nrhs);
      checkInvariants(a, n, z, nrhs, r.eigenvalues, r.projections);
    });
  }

  it("has the WebAssembly builds (npm run build:wasm), the fused one preferred", () => {
    expect(wasmEigenAvailable("simd")).toBe(true);
    expect(wasmEigenAvailable("relaxed-simd")).toBe(true); // Node 20 via the V8 flag, Node 22+ natively
    // auto prefers the native backend where OpenBLAS loads (native.test.ts); among the WASM builds, the fused one.
    expect(createEigenSolver("wasm").kind).toBe("wasm");
    expect(createEigenSolver("wasm").build).toBe("relaxed-simd");
  });

  for (const [n, m, nrhs] of [[1, 3, 1], [2, 5, 2], [5, 9, 3], [6, 6, 1], [37, 50, 3], [128, 140, 4], [257, 300, 2]] as const) {
    // Full-rank problems only: within a repeated eigenvalue the projections are not unique.
    for (const build of ["simd", "relaxed-simd"] as const) {
      it(`WASM (${build}) agrees with the TypeScript oracle (n=${n}, C=${nrhs})`, () => {
        const { a, z } = gramProblem(n, m, nrhs, 7 * n + m);
        const wasm = createEigenSolver("wasm", build).solve(a, n, z, nrhs);
        const ts = createEigenSolver("ts").solve(a, n, z, nrhs);
        checkInvariants(a, n, z, nrhs, wasm.eigenvalues, wasm.projections);
        const sw = spectrum(wasm.eigenvalues, wasm.projections, nrhs);
        const st = spectrum(ts.eigenvalues, ts.projections, nrhs);
        const top = sw[n - 1][0];
        for (let i = 0; i < n; i++) {
          expect(Math.abs(sw[i][0] - st[i][0])).toBeLessThan(1e-11 * top);
          for (let c = 1; c <= nrhs; c++) expect(Math.abs(sw[i][c] - st[i][c])).toBeLessThan(1e-7);
        }
      });
    }
  }

  for (const n of [1, 6, 7, 130]) {
    it(`affineRhs: WASM builds match the TypeScript W̃M to 1e-13 (n=${n})`, () => {
      const r = centeredRandom(n);
      const weight = Float32Array.from({ length: n * n }, r);
      const bias = Float32Array.from({ length: n }, r);
      const m = Float64Array.from({ length: (n + 1) * 3 }, r);
      const ts = createEigenSolver("ts").affineRhs(weight, bias, m, n, 3);
      // Hand check of one entry: bias·M[n] + Σ W[o,j]·M[j].
      let z0 = bias[0] * m[n * 3 + 1];
      for (let j = 0; j < n; j++) z0 += weight[j] * m[j * 3 + 1];
      expect(ts[1]).toBeCloseTo(z0, 14);
      for (const build of ["simd", "relaxed-simd"] as const) {
        const wasm = createEigenSolver("wasm", build).affineRhs(weight, bias, m, n, 3);
        for (let i = 0; i < n * 3; i++) expect(Math.abs(wasm[i] - ts[i])).toBeLessThan(1e-13 * (1 + n));
      }
    });
  }

  it("reuses one WASM instance across sizes (memory grows)", () => {
    const solver = createEigenSolver("wasm");
    for (const n of [300, 10, 300]) {
      const { a, z } = gramProblem(n, n + 5, 2, n);
      const r = solver.solve(a, n, z, 2);
      checkInvariants(a, n, z, 2, r.eigenvalues, r.projections);
    }
  });
});
