import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logme } from "../logme";
import { readNpy } from "../npy";
import { eigenRhsTs } from "./eigen";
import { gramProblem } from "./test-problems";
import { createEigenSolver, nativeEigenAvailable } from "./wasm";

/** Pairs (λ, |vᵀz|) sorted by λ: independent of eigenvalue order and eigenvector signs. */
function spectrum(lam: Float64Array, proj: Float64Array, nrhs: number): number[][] {
  return [...lam].map((l, i) => [l, ...Array.from({ length: nrhs }, (_, c) => Math.abs(proj[i * nrhs + c]))]).sort((x, y) => x[0] - y[0]);
}

const fixtures = path.join(import.meta.dirname, "..", "..", "fixtures", "logme");

describe("native eigen-solve (koffi → OpenBLAS dsytrd + dormtr, then tql2)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("loads here (CI installs libopenblas0-pthread) and is what auto picks", () => {
    expect(nativeEigenAvailable()).toBe(true);
    const solver = createEigenSolver();
    expect(solver.kind).toBe("native");
    expect(solver.library).toMatch(/openblas/);
  });

  for (const [n, m, nrhs] of [[1, 3, 1], [2, 5, 2], [5, 9, 3], [37, 50, 3], [128, 140, 4], [257, 300, 2], [400, 500, 3]] as const) {
    it(`matches the TypeScript oracle: eigenvalues to 1e-8 relative, projections (n=${n}, C=${nrhs})`, () => {
      const { a, z } = gramProblem(n, m, nrhs, 11 * n + m, { decay: true });
      const native = createEigenSolver("native").solve(a, n, z, nrhs);
      const oracle = eigenRhsTs(Float64Array.from(a), n, z, nrhs);
      const sn = spectrum(native.eigenvalues, native.projections, nrhs);
      const so = spectrum(oracle.eigenvalues, oracle.projections, nrhs);
      let zz = 0;
      for (const x of z) zz += x * x;
      for (let i = 0; i < n; i++) {
        expect(Math.abs(sn[i][0] - so[i][0])).toBeLessThanOrEqual(1e-8 * Math.abs(so[i][0]));
        for (let c = 1; c <= nrhs; c++) expect(Math.abs(sn[i][c] - so[i][c])).toBeLessThan(1e-8 * Math.sqrt(zz));
      }
      // Vᵀz is a rotation of z: its norm is kept, per column.
      for (let c = 0; c < nrhs; c++) {
        let pp = 0;
        let zc = 0;
        for (let i = 0; i < n; i++) {
          pp += native.projections[i * nrhs + c] ** 2;
          zc += z[i * nrhs + c] ** 2;
        }
        expect(Math.abs(pp - zc)).toBeLessThan(1e-12 * zc);
      }
    });
  }

  it("reads only the lower triangle, takes float32 input and leaves its inputs alone", () => {
    const n = 20;
    const { a, z } = gramProblem(n, 30, 2, 5, { decay: true });
    const lower = Float64Array.from(a);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lower[i * n + j] = 1e6;
    const before = Float64Array.from(lower);
    const zBefore = Float64Array.from(z);
    const solver = createEigenSolver("native");
    const r = solver.solve(lower, n, z, 2);
    expect(lower).toEqual(before);
    expect(z).toEqual(zBefore);
    const ref = spectrum(eigenRhsTs(Float64Array.from(a), n, z, 2).eigenvalues, new Float64Array(n * 2), 2).map((p) => p[0]);
    const got = spectrum(r.eigenvalues, r.projections, 2).map((p) => p[0]);
    got.forEach((l, i) => expect(Math.abs(l - ref[i])).toBeLessThanOrEqual(1e-8 * Math.abs(ref[i])));
    const r32 = solver.solve(Float32Array.from(a), n, Float32Array.from(z), 2);
    expect(r32.eigenvalues.length).toBe(n);
    // The same solver instance handles a larger problem after a smaller one (the workspace grows).
    const big = gramProblem(200, 220, 3, 9, { decay: true });
    expect(solver.solve(big.a, 200, big.z, 3).eigenvalues.length).toBe(200);
  });

  const golden: { n: number; d: number; labels: number[]; score: number }[] = [
    { n: 50, d: 8, labels: Array.from({ length: 50 }, (_, i) => i % 3), score: -0.871345501584606 },
    { n: 10, d: 16, labels: Array.from({ length: 10 }, (_, i) => i % 2), score: 0.70660737647288 },
  ];
  for (const g of golden) {
    it(`LogME golden case n=${g.n}, d=${g.d} to 1e-12 with the native backend`, () => {
      const f = new Float64Array(g.n * g.d);
      for (let i = 0; i < g.n; i++) for (let j = 0; j < g.d; j++) f[i * g.d + j] = Math.sin(0.37 * (i + 1) * (j + 1)) + 0.1 * Math.cos(1.3 * i - 0.7 * j);
      expect(Math.abs(logme(f, g.n, g.d, g.labels, { solver: createEigenSolver("native") }) - g.score)).toBeLessThan(1e-12);
    });
  }

  const cases = JSON.parse(readFileSync(path.join(fixtures, "cases.json"), "utf8")).cases as {
    name: string; features: string; labels: string; task: "classification" | "regression"; n: number; d: number; score: number;
  }[];
  for (const c of cases) {
    it(`LogME fixture ${c.name} to 1e-9 with the native backend`, () => {
      const f = readNpy(readFileSync(path.join(fixtures, c.features)));
      const y = readNpy(readFileSync(path.join(fixtures, c.labels)));
      const score = logme(f.data as Float32Array, c.n, c.d, y.data as ArrayLike<number | bigint>, { task: c.task, solver: createEigenSolver("native") });
      expect(Math.abs(score - c.score)).toBeLessThan(1e-9);
    });
  }

  it("falls back to WebAssembly when the library is absent, and a forced native backend says why", async () => {
    vi.stubEnv("ESMHUB_OPENBLAS", path.join(import.meta.dirname, "missing", "libopenblas.so.0"));
    vi.resetModules(); // a fresh module: the probe runs once per thread and module instance
    const fresh = await import("./wasm");
    expect(fresh.nativeEigenAvailable()).toBe(false);
    expect(fresh.createEigenSolver().kind).toBe("wasm");
    expect(() => fresh.createEigenSolver("native")).toThrow(/native eigen-solve unavailable: OpenBLAS not found \(looked in .*missing/);
    vi.stubEnv("ESMHUB_EIGEN", "native");
    expect(() => fresh.createEigenSolver()).toThrow(/OpenBLAS not found/);
  });

  it("ESMHUB_EIGEN forces a backend for auto and rejects unknown names; an explicit kind wins", () => {
    vi.stubEnv("ESMHUB_EIGEN", "wasm");
    expect(createEigenSolver().kind).toBe("wasm");
    vi.stubEnv("ESMHUB_EIGEN", "TS");
    expect(createEigenSolver().kind).toBe("ts");
    expect(createEigenSolver("native").kind).toBe("native");
    vi.stubEnv("ESMHUB_EIGEN", "native");
    expect(createEigenSolver().kind).toBe("native");
    vi.stubEnv("ESMHUB_EIGEN", "lapack");
    expect(() => createEigenSolver()).toThrow(/ESMHUB_EIGEN must be native, wasm, ts or auto/);
  });
});
