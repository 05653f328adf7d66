import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EigenBackend } from "../linalg/wasm";
import { nativeEigenAvailable } from "../linalg/native";
import { writeNpyFile } from "../npy";
import { normalGenerator } from "../random";
import { runReference } from "../testing";
import { RankingPool } from "./pool";
import type { EsmSource, RankingTarget } from "./types";

/**
 * ESM-LogME against the reference (scripts/reference/logme_reference.py: torch float32 ESM forward pass as hfselect
 * runs it, numpy float64 LogME) on the inputs where a float32 Gram fails: BERT-pooler-like features that sit near
 * ±offset with a small spread, near-tied ESMs, both paths (gram n > d, kernel n ≤ d), every eigen backend,
 * classification and regression. The first ESM of each case is the identity: LogME on the raw features.
 *
 * Two bounds (docs/exactness.md): against numpy's LogME of the exact ESM output (float64 F from the same float32
 * inputs, the quantity the engine computes) within 1e-8; against hfselect's float32 F within 1e-6, or within the
 * reference's own float32 sensitivity where that is larger (the score of another valid float32 F, the exact one
 * rounded once, differs from torch's by more than 1e-6 on some saturated regression targets).
 */
interface Case {
  name: string;
  n: number;
  d: number;
  offset: number;
  spread: number;
  /** Classes (classification) or outputs (regression). */
  classes?: number;
  outputs?: number;
}

const CASES: Case[] = [
  { name: "2 classes, offset ±0.99, spread 1e-3", n: 50, d: 32, offset: 0.99, spread: 1e-3, classes: 2 },
  { name: "5 classes, offset ±0.95, spread 0.01", n: 10000, d: 32, offset: 0.95, spread: 0.01, classes: 5 },
  { name: "20 classes, offset ±0.99, spread 1e-3 (kernel)", n: 50, d: 64, offset: 0.99, spread: 1e-3, classes: 20 },
  { name: "3 classes, offset 0.9 (one sign), spread 0.01", n: 500, d: 64, offset: -0.9, spread: 0.01, classes: 3 },
  { name: "3 classes, offset ±0.95, spread 0.03", n: 1000, d: 64, offset: 0.95, spread: 0.03, classes: 3 },
  { name: "regression, 1 output, offset ±0.99, spread 1e-3", n: 1000, d: 64, offset: 0.99, spread: 1e-3, outputs: 1 },
  { name: "regression, 3 outputs, offset ±0.95, spread 0.01", n: 500, d: 32, offset: 0.95, spread: 0.01, outputs: 3 },
  { name: "regression, 2 outputs, offset ±0.99, spread 3e-3", n: 10000, d: 64, offset: 0.99, spread: 3e-3, outputs: 2 },
  { name: "4 classes, offset ±0.95, spread 0.01 (kernel)", n: 500, d: 768, offset: 0.95, spread: 0.01, classes: 4 },
  { name: "2 classes, offset ±0.95, spread 0.01", n: 1000, d: 768, offset: 0.95, spread: 0.01, classes: 2 },
  { name: "3 classes, well spread (control)", n: 1000, d: 64, offset: 0, spread: 1, classes: 3 },
];

const TOLERANCE = 1e-6;
const EXACT_TOLERANCE = 1e-8;
/** ESMs per case besides the identity: a few distinct maps and near-ties of the first. */
const ESMS = 5;

interface Built {
  target: RankingTarget;
  esms: { weight: Float32Array; bias: Float32Array }[];
}

/**
 * Features x_ij = ±offset + spread·z (the sign alternates over dimensions unless offset < 0), labels driven by
 * the centred features so the scores depend on the small spread, and ESMs W = I + ε·N/√d, b small.
 */
function build(c: Case, seed: number): Built {
  const { n, d } = c;
  const r = normalGenerator(seed);
  const x = new Float32Array(n * d);
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const z = r() / Math.sqrt(1 + j / 8);
      const sign = c.offset < 0 || j % 2 === 0 ? 1 : -1;
      x[i * d + j] = sign * Math.abs(c.offset) + c.spread * z;
      centred[i * d + j] = z;
    }
  }
  const latent = () => {
    const u = Float64Array.from({ length: d }, () => r());
    return Float64Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += centred[i * d + j] * u[j];
      return s / Math.sqrt(d) + 0.3 * r();
    });
  };
  let labels: BigInt64Array | Float64Array;
  let task: RankingTarget["task"];
  if (c.classes) {
    const v = latent();
    const sorted = [...v].sort((a, b) => a - b);
    const cuts = Array.from({ length: c.classes - 1 }, (_, k) => sorted[Math.floor(((k + 1) * n) / c.classes!)]);
    labels = BigInt64Array.from(v, (x) => BigInt(cuts.filter((t) => x >= t).length));
    task = "classification";
  } else {
    const t = c.outputs!;
    labels = new Float64Array(n * t);
    for (let k = 0; k < t; k++) {
      const v = latent();
      for (let i = 0; i < n; i++) labels[i * t + k] = 2 * v[i] + k;
    }
    task = "regression";
  }
  const esms: Built["esms"] = [];
  const identity = new Float32Array(d * d);
  for (let i = 0; i < d; i++) identity[i * d + i] = 1;
  esms.push({ weight: identity, bias: new Float32Array(d) });
  for (let e = 0; e < ESMS; e++) {
    const weight = new Float32Array(d * d);
    // ESMs 3 and 4 are near-ties of ESM 2: the same map with a perturbation 100× smaller than ESM 2's own.
    const base = e >= 2 ? esms[2].weight : identity;
    const eps = e >= 2 ? 1e-4 * e : 0.02 * (e + 1);
    for (let k = 0; k < d * d; k++) weight[k] = base[k] + (eps * r()) / Math.sqrt(d);
    const bias = Float32Array.from({ length: d }, () => 0.01 * r());
    esms.push({ weight, bias });
  }
  return { target: { embeddings: x, n, d, labels, task }, esms };
}

const backends: EigenBackend[] = [...(nativeEigenAvailable() ? (["native"] as const) : []), "wasm", "ts"];

let work: string;
let built: Built[];
interface ReferenceScore {
  torch: number;
  rounded: number;
  exact: number;
}
let reference: ReferenceScore[][];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "esm-exact-"));
  built = CASES.map((c, i) => build(c, 1000 + i));
  const cases = [];
  for (const [i, b] of built.entries()) {
    const { n, d, embeddings, labels, task } = b.target;
    const dir = path.join(work, `case${i}`);
    const x = `${dir}-x.npy`;
    const y = `${dir}-y.npy`;
    await writeNpyFile(x, { data: embeddings, shape: [n, d] });
    await writeNpyFile(y, labels instanceof BigInt64Array ? { data: labels, shape: [n] } : { data: labels as Float64Array, shape: [n, labels.length / n] });
    const esms = [];
    for (const [k, e] of b.esms.entries()) {
      if (k === 0) {
        esms.push(null);
        continue;
      }
      const w = `${dir}-w${k}.npy`;
      const bb = `${dir}-b${k}.npy`;
      await writeNpyFile(w, { data: e.weight, shape: [d, d] });
      await writeNpyFile(bb, { data: e.bias, shape: [d] });
      esms.push({ w, b: bb });
    }
    cases.push({ x, y, regression: task === "regression", esms });
  }
  reference = (await runReference<{ scores: ReferenceScore[][] }>("logme_reference.py", { cases })).scores;
}, 300_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const order = (scores: number[]) => scores.map((s, i) => [s, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map((p) => p[1]);

describe("ESM-LogME equals the reference (torch float32 ESM, numpy float64 LogME) on saturated features", () => {
  for (const backend of backends) {
    it(`every case within ${TOLERANCE} and in the same order, eigen backend ${backend}`, async () => {
      const pool = new RankingPool({ size: 0, solver: backend });
      try {
        for (const [i, c] of CASES.entries()) {
          const { target, esms } = built[i];
          const sources: EsmSource<number>[] = esms.map((e, k) => ({ id: String(k), meta: k, load: async () => ({ ...e, dim: c.d }) }));
          const result = await pool.rank(target, sources);
          expect(result.skipped, c.name).toEqual([]);
          expect(result.path, c.name).toBe(c.n > c.d ? "gram" : "kernel");
          const ours = new Array<number>(esms.length);
          for (const r of result.ranked) ours[r.meta] = r.score;
          const ref = reference[i];
          const label = `${c.name} (n=${c.n}, d=${c.d}): ours ${ours.join(", ")} vs reference ${JSON.stringify(ref)}`;
          const exactDiff = Math.max(...ours.map((s, k) => Math.abs(s - ref[k].exact)));
          expect(exactDiff, label).toBeLessThan(EXACT_TOLERANCE);
          for (const [k, s] of ours.entries()) {
            const sensitivity = Math.abs(ref[k].torch - ref[k].rounded);
            expect(Math.abs(s - ref[k].torch), `${label}, ESM ${k}`).toBeLessThan(Math.max(TOLERANCE, 2 * sensitivity));
          }
          expect(order(ours), c.name).toEqual(order(ref.map((r) => r.exact)));
          // Against hfselect's float32 scores: the same order wherever their gap exceeds that noise.
          const noise = Math.max(TOLERANCE, ...ref.map((r) => 2 * Math.abs(r.torch - r.rounded)));
          for (let p = 0; p < ours.length; p++) {
            for (let q = 0; q < ours.length; q++) {
              if (ref[p].torch - ref[q].torch > 2 * noise) expect(ours[p], `${c.name}: ESM ${p} above ${q}`).toBeGreaterThan(ours[q]);
            }
          }
        }
      } finally {
        await pool.close();
      }
    }, 300_000);
  }

  it("the table holds near ties: ESMs 3 and 4 score within 0.01 of each other in every case", () => {
    for (const [i, c] of CASES.entries()) {
      const s = reference[i].map((r) => r.exact);
      expect(Math.abs(s[3] - s[4]), c.name).toBeLessThan(0.01);
    }
  });
});

describe("bad input never gives NaN or a noise-driven score", () => {
  const d = 16;
  const n = 200;
  const r = normalGenerator(77);
  const x = Float32Array.from({ length: n * d }, () => 0.95 + 0.01 * r());
  // Columns 1 and 2 duplicate column 0: S = X̃ᵀX̃ is singular (no Cholesky factor), FᵀF has null directions.
  for (let i = 0; i < n; i++) x[i * d + 1] = x[i * d + 2] = x[i * d];
  const labels = BigInt64Array.from({ length: n }, (_, i) => BigInt(x[i * d] > 0.95 ? 1 : 0));
  const target: RankingTarget = { embeddings: x, n, d, labels, task: "classification" };
  const weight = Float32Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0) + 0.05 * r());
  const bias = new Float32Array(d);

  it("a rank-deficient target gets the same finite score from every backend", async () => {
    const scores: number[] = [];
    for (const backend of backends) {
      const result = await new RankingPool({ size: 0, solver: backend }).rank(target, [{ id: "w", meta: null, load: async () => ({ weight, bias, dim: d }) }]);
      expect(result.skipped).toEqual([]);
      scores.push(result.ranked[0].score);
    }
    for (const s of scores) {
      expect(Number.isFinite(s)).toBe(true);
      expect(Math.abs(s - scores[0])).toBeLessThan(1e-8);
    }
  });

  it("non-finite weights or biases skip that ESM with the reason; others are scored", async () => {
    const nan = weight.slice();
    nan[5 * d + 3] = NaN;
    const inf = bias.slice();
    inf[2] = Infinity;
    const result = await new RankingPool({ size: 0 }).rank(target, [
      { id: "nan", meta: null, load: async () => ({ weight: nan, bias, dim: d }) },
      { id: "inf", meta: null, load: async () => ({ weight, bias: inf, dim: d }) },
      { id: "ok", meta: null, load: async () => ({ weight, bias, dim: d }) },
    ]);
    expect(result.ranked.map((e) => e.id)).toEqual(["ok"]);
    expect(result.skipped).toEqual([
      { id: "nan", meta: null, reason: "weight contains NaN at row 5, column 3" },
      { id: "inf", meta: null, reason: "bias contains Infinity at index 2" },
    ]);
  });

  it("non-finite features refuse the ranking, naming the first bad value", async () => {
    const bad = x.slice();
    bad[3 * d + 4] = NaN;
    await expect(new RankingPool({ size: 0 }).rank({ ...target, embeddings: bad }, [])).rejects.toThrow(/row 3, column 4/);
  });
});
