import { describe, expect, it } from "vitest";
import { evaluateRanking, ndcg, regretAtK } from "./metrics";

const gains = new Map([["a", 80], ["b", 70], ["c", 90], ["d", 60]]);

describe("ranking metrics", () => {
  it("computes NDCG on a hand-worked example", () => {
    // Predicted order a, b, c, d: DCG = 80/log2(2) + 70/log2(3) + 90/log2(4) + 60/log2(5)
    //   = 80 + 44.16508 + 45 + 25.84279 = 195.00787.
    // Ideal order c, a, b, d: 90 + 80/log2(3) + 70/2 + 60/log2(5) = 90 + 50.47438 + 35 + 25.84279 = 201.31717.
    expect(ndcg(["a", "b", "c", "d"], gains)).toBeCloseTo(195.00787 / 201.31717, 5);
    expect(ndcg(["c", "a", "b", "d"], gains)).toBe(1);
    // NDCG@2: (80 + 70/log2 3) / (90 + 80/log2 3) = 124.16508 / 140.47438.
    expect(ndcg(["a", "b", "c", "d"], gains, 2)).toBeCloseTo(124.16508 / 140.47438, 5);
  });

  it("shifts negative gains so that relevances are non-negative", () => {
    const g = new Map([["x", -2], ["y", 1]]);
    // rel = (0, 3): order y, x is ideal; x, y gives 0 + 3/log2(3) against 3.
    expect(ndcg(["x", "y"], g)).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it("computes regret@k in percent", () => {
    const order = ["a", "b", "c", "d"];
    expect(regretAtK(order, gains, 1)).toBeCloseTo(((90 - 80) / 90) * 100, 12);
    expect(regretAtK(order, gains, 3)).toBe(0);
    expect(regretAtK(["d", "b", "a", "c"], gains, 1)).toBeCloseTo((30 / 90) * 100, 12);
  });

  it("evaluates only ranked sources with a gain and lists the others", () => {
    const e = evaluateRanking(["z", "c", "a"], gains);
    expect(e.evaluated).toBe(2);
    expect(e.missing).toEqual(["z"]);
    expect(e.regret).toEqual({ 1: 0, 3: 0, 5: 0 });
    expect(e.ndcg).toBe(1);
  });

  it("refuses rankings it cannot evaluate", () => {
    expect(() => ndcg(["q"], gains)).toThrow(/no ranked source/);
    expect(() => regretAtK(["a"], new Map([["a", 0]]), 1)).toThrow(/best gain is 0/);
    expect(() => regretAtK(["a"], gains, 0)).toThrow(/positive integer/);
  });
});
