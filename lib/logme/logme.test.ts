import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readNpy } from "../npy";
import { createEigenSolver } from "../linalg/wasm";
import { logme, type LogmeOptions } from "./index";

const fixtures = path.join(import.meta.dirname, "..", "..", "fixtures", "logme");

/** method.md §2.4: F[i,j] = sin(0.37·(i+1)·(j+1)) + 0.1·cos(1.3·i − 0.7·j). */
function goldenFeatures(n: number, d: number): Float64Array {
  const f = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) f[i * d + j] = Math.sin(0.37 * (i + 1) * (j + 1)) + 0.1 * Math.cos(1.3 * i - 0.7 * j);
  return f;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const golden: { name: string; n: number; d: number; labels: number[]; task: "classification" | "regression"; score: number }[] = [
  { name: "A", n: 50, d: 8, labels: range(50).map((i) => i % 3), task: "classification", score: -0.871345501584606 },
  { name: "B (N ≤ D)", n: 10, d: 16, labels: range(10).map((i) => i % 2), task: "classification", score: 0.70660737647288 },
  { name: "C", n: 40, d: 6, labels: range(40).flatMap((i) => [0, 1].map((c) => Math.cos(0.5 * i + c) + 0.05 * i)), task: "regression", score: -1.75287331485056 },
  { name: "D", n: 40, d: 6, labels: range(40).map((i) => Math.cos(0.5 * i) + 0.05 * i), task: "regression", score: -1.75443711115549 },
  { name: "E (class 2 absent)", n: 50, d: 8, labels: range(50).map((i) => [0, 1, 3][i % 3]), task: "classification", score: 0.924799336447176 },
];

describe("LogME", () => {
  for (const [kind, build] of [["wasm", "relaxed-simd"], ["wasm", "simd"], ["ts", undefined]] as const) {
    for (const g of golden) {
      it(`matches golden case ${g.name} to 1e-12 (${build ?? kind} eigen-solve)`, () => {
        const score = logme(goldenFeatures(g.n, g.d), g.n, g.d, g.labels, { task: g.task, solver: createEigenSolver(kind, build) });
        expect(Math.abs(score - g.score)).toBeLessThan(1e-12);
      });
    }
  }

  it("reproduces thuml's 11-iteration cap when asked", () => {
    const a = golden[0];
    expect(Math.abs(logme(goldenFeatures(a.n, a.d), a.n, a.d, a.labels, { maxIterations: 11 }) - -0.869780088553625)).toBeLessThan(1e-12);
    const b = golden[1];
    expect(Math.abs(logme(goldenFeatures(b.n, b.d), b.n, b.d, b.labels, { maxIterations: 11 }) - 0.322920690126128)).toBeLessThan(1e-12);
  });

  const cases = JSON.parse(readFileSync(path.join(fixtures, "cases.json"), "utf8")).cases as {
    name: string; features: string; labels: string; task: "classification" | "regression"; n: number; d: number; score: number;
  }[];
  for (const c of cases) {
    it(`matches the reference on fixture ${c.name} to 1e-9`, () => {
      const f = readNpy(readFileSync(path.join(fixtures, c.features)));
      const y = readNpy(readFileSync(path.join(fixtures, c.labels)));
      expect(f.shape).toEqual([c.n, c.d]);
      const score = logme(f.data as Float32Array, c.n, c.d, y.data as ArrayLike<number | bigint>, { task: c.task });
      expect(Math.abs(score - c.score)).toBeLessThan(1e-9);
    });
  }

  it("adds the omitted (D−k)·ln α term only in the corrected variant", () => {
    const b = golden[1];
    const f = goldenFeatures(b.n, b.d);
    const reference = logme(f, b.n, b.d, b.labels);
    const corrected = logme(f, b.n, b.d, b.labels, { evidence: "corrected" });
    // N ≤ D drops D − N = 6 log-det terms, each −½ ln α / N with α ≫ 1 here: the reference is inflated.
    expect(corrected).toBeLessThan(reference);
    // With N > D and full rank, k = D and both variants agree.
    const a = golden[0];
    const fa = goldenFeatures(a.n, a.d);
    expect(logme(fa, a.n, a.d, a.labels, { evidence: "corrected" })).toBe(logme(fa, a.n, a.d, a.labels));
  });

  describe("bad input", () => {
    const f = goldenFeatures(20, 4);
    const ok = range(20).map((i) => i % 2);
    const run = (features: Float64Array, n: number, labels: ArrayLike<number | bigint>, options: LogmeOptions = {}) => () => logme(features, n, 4, labels, options);
    it("refuses a single class", () => expect(run(f, 20, new Array(20).fill(1))).toThrow(/at least two classes/));
    it("refuses a constant regression target", () => expect(run(f, 20, new Array(20).fill(0.5), { task: "regression" })).toThrow(/constant/));
    it("refuses NaN or Inf features", () => {
      const bad = Float64Array.from(f);
      bad[9] = Number.NaN;
      expect(run(bad, 20, ok)).toThrow(/NaN at row 2, column 1/);
      bad[9] = Number.POSITIVE_INFINITY;
      expect(run(bad, 20, ok)).toThrow(/Infinity/);
    });
    it("refuses n < 2", () => expect(() => logme(f.subarray(0, 4), 1, 4, [0])).toThrow(/at least 2 examples/));
    it("refuses mismatched n", () => expect(run(f, 20, ok.slice(0, 19))).toThrow(/19 labels for 20 feature rows/));
    it("refuses non-integer class labels", () => expect(run(f, 20, ok.map((v) => v + 0.5))).toThrow(/must be integers/));
    it("refuses negative class labels", () => expect(run(f, 20, ok.map((v) => v - 1))).toThrow(/non-negative/));
    it("refuses NaN labels", () => expect(run(f, 20, [...ok.slice(1), Number.NaN], { task: "regression" })).toThrow(/finite/));
  });
});
