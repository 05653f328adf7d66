import type { Command } from "commander";
import { logme } from "../../lib/logme";
import { readNpyFile } from "../../lib/npy";

export function register(program: Command): void {
  program
    .command("logme")
    .description("LogME score of features for labels (fixed-point variant, hfselect settings)")
    .requiredOption("--features <file>", "features, .npy of shape (n, d), float32/float64")
    .requiredOption("--labels <file>", "labels, .npy of shape (n,) class ids, or (n,) / (n, t) regression targets")
    .option("--regression", "treat labels as real-valued regression targets")
    .option("--corrected", "exact log evidence (adds the (D−k)·ln α term the reference omits when n ≤ d)")
    .action(async (opts: { features: string; labels: string; regression?: boolean; corrected?: boolean }) => {
      const f = await readNpyFile(opts.features);
      const y = await readNpyFile(opts.labels);
      if (f.shape.length !== 2) throw new Error(`${opts.features}: features must be 2-D (n, d), got shape (${f.shape.join(", ")})`);
      if (f.data instanceof BigInt64Array || f.data instanceof Int32Array) throw new Error(`${opts.features}: features must be float32 or float64`);
      const [n, d] = f.shape;
      if (y.shape[0] !== n) throw new Error(`${opts.labels} has ${y.shape[0] ?? 0} rows but ${opts.features} has ${n}`);
      const score = logme(f.data, n, d, y.data, { task: opts.regression ? "regression" : "classification", evidence: opts.corrected ? "corrected" : "reference" });
      console.log(JSON.stringify({ score }));
    });
}
