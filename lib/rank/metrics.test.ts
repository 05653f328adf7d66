import { describe, expect, it } from "vitest";
import { uniformGenerator } from "../random";
import { runReference } from "../testing";
import { evaluateRanking, ndcg, regretAtK } from "./metrics";

const gains = new Map([["a", 0.8], ["b", 0.7], ["c", 0.9], ["d", 0.6]]);

interface Table {
  target: string;
  true: Record<string, number>;
  preds: Record<string, number>;
  ks: number[];
}

/** Seeded performance tables: some with ties, some where the target's own row is the best, one source unranked by NaN-free preds. */
function tables(): Table[] {
  const out: Table[] = [];
  for (let t = 0; t < 30; t++) {
    const r = uniformGenerator(500 + t);
    const sources = 3 + Math.floor(r() * 40);
    const perf: Record<string, number> = { target: 0.5 + 0.45 * r() };
    const preds: Record<string, number> = {};
    for (let s = 0; s < sources; s++) {
      const p = 0.4 + 0.55 * r();
      perf[`s${s}`] = t % 3 === 0 ? Math.round(p * 20) / 20 : p; // every third table has tied performances
      preds[`s${s}`] = p + (t % 5) * 0.1 * (r() - 0.5);
    }
    out.push({ target: "target", true: perf, preds, ks: [1, 3, 5] });
  }
  return out;
}

describe("ranking metrics", () => {
  it("equal the paper's NDCG and regret@k (pandas, eval_utils definitions) on seeded tables", async () => {
    const all = tables();
    const { results } = await runReference<{ results: { ndcg: number; regret: Record<string, number> }[] }>("ranking_metrics.py", { tables: all });
    for (const [i, t] of all.entries()) {
      const order = Object.keys(t.preds).sort((a, b) => t.preds[b] - t.preds[a]);
      const perf = new Map(Object.entries(t.true).filter(([id]) => id !== t.target));
      const ours = evaluateRanking(order, perf, { ks: t.ks, baseline: t.true[t.target] });
      expect(ours.ndcg, `table ${i}`).toBeCloseTo(results[i].ndcg, 9);
      for (const k of t.ks) expect(ours.regret[k], `table ${i}, regret@${k}`).toBeCloseTo(results[i].regret[String(k)], 9);
    }
  });

  it("computes NDCG with the exponential gain on a hand-worked example", () => {
    // Predicted a, b, c, d: DCG = (2^80−1)/1 + (2^70−1)/log2 3 + (2^90−1)/2 + (2^60−1)/log2 5; ideal c, a, b, d.
    const g = (p: number) => 2 ** (100 * p) - 1;
    const dcg = g(0.8) + g(0.7) / Math.log2(3) + g(0.9) / 2 + g(0.6) / Math.log2(5);
    const ideal = g(0.9) + g(0.8) / Math.log2(3) + g(0.7) / 2 + g(0.6) / Math.log2(5);
    expect(ndcg(["a", "b", "c", "d"], gains)).toBeCloseTo((dcg / ideal) * 100, 9);
    expect(ndcg(["c", "a", "b", "d"], gains)).toBe(100);
  });

  it("computes regret@k in percent, the target's own row counting for the best", () => {
    const order = ["a", "b", "c", "d"];
    expect(regretAtK(order, gains, 1)).toBeCloseTo(((0.9 - 0.8) / 0.9) * 100, 12);
    expect(regretAtK(order, gains, 3)).toBe(0);
    expect(regretAtK(order, gains, 3, 0.95)).toBeCloseTo(((0.95 - 0.9) / 0.95) * 100, 12);
  });

  it("evaluates only ranked sources with a performance and lists the others", () => {
    const e = evaluateRanking(["z", "c", "a"], gains);
    expect(e.evaluated).toBe(2);
    expect(e.missing).toEqual(["z"]);
    expect(e.regret).toEqual({ 1: 0, 3: 0, 5: 0 });
  });

  it("refuses rankings it cannot evaluate", () => {
    expect(() => ndcg(["q"], gains)).toThrow(/no ranked source/);
    expect(() => regretAtK(["a"], new Map([["a", 0]]), 1)).toThrow(/best performance is 0/);
    expect(() => regretAtK(["a"], gains, 0)).toThrow(/positive integer/);
    expect(() => ndcg(["a"], new Map([["a", 80]]))).toThrow(/fractions/);
  });
});
