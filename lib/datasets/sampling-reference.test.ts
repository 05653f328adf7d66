import { describe, expect, it } from "vitest";
import { uniformGenerator } from "../random";
import { runReference } from "../testing";
import { prepareTarget } from "./prepare";
import type { Row } from "./types";

/**
 * The target sample against the real `datasets` library (scripts/reference/sampling.py): the −1 filter,
 * shuffle(seed).select, no shuffle when every row is taken, and string labels encoded on the sample.
 */
interface Case {
  rows: Row[];
  regression: boolean;
  num_examples: number | null;
  seed: number;
}

function cases(): Case[] {
  const out: Case[] = [];
  const classes = ["neutral", "Positive", "negative", "ÉTÉ", "z-rare", "ß"];
  for (let t = 0; t < 24; t++) {
    const r = uniformGenerator(900 + t);
    const n = 5 + Math.floor(r() * 400);
    const kind = t % 3; // 0: string labels, 1: integer labels with −1, 2: regression
    const rows: Row[] = Array.from({ length: n }, (_, i) => {
      // One rare string class appears in a single row, so most samples lack it.
      const label = kind === 0 ? (i === n - 1 ? "z-rare" : classes[Math.floor(r() * 4)]) : kind === 1 ? Math.floor(r() * 4) - 1 : Math.round(r() * 5000) / 1000;
      return { text: `row ${i} ${r().toString(36).slice(2, 8)}`, label };
    });
    const numExamples = t % 4 === 3 ? null : [1000, 50, 3, 17][t % 4];
    out.push({ rows, regression: kind === 2, num_examples: numExamples, seed: [42, 0, 7, 123456][t % 4] });
  }
  return out;
}

describe("target sampling equals datasets' shuffle(seed).select", () => {
  it("texts, label ids and class names on seeded tables", async () => {
    const all = cases();
    const { results } = await runReference<{ results: { texts: string[]; labels: number[]; names: string[] | null }[] }>("sampling.py", { cases: all });
    let sawMissingClass = false;
    for (const [i, c] of all.entries()) {
      const ours = prepareTarget(c.rows, {
        textColumns: ["text"], labelColumn: "label", taskType: c.regression ? "regression" : "classification", numExamples: c.num_examples, seed: c.seed,
      });
      const ref = results[i];
      expect(ours.texts, `case ${i}`).toEqual(ref.texts);
      expect(Array.from(ours.labels), `case ${i}`).toEqual(ref.labels);
      if (ref.names) {
        expect(ours.labelNames, `case ${i}`).toEqual(ref.names);
        if (!ref.names.includes("z-rare")) sawMissingClass = true;
      }
    }
    expect(sawMissingClass).toBe(true);
  }, 120_000);
});
