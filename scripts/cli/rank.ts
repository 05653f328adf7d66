import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { readNpyFile } from "../../lib/npy";
import { esmFolderSources, RankingPool } from "../../lib/rank";

export function register(program: Command): void {
  program
    .command("rank")
    .description("rank ESMs for a target dataset by ESM-LogME (highest score first)")
    .requiredOption("--embeddings <file>", "base-model embeddings of the target, .npy (n, d) float32")
    .requiredOption("--labels <file>", "target labels, .npy (n,) class ids, or (n,) / (n, t) regression targets")
    .requiredOption("--esms <folder>", "folder of ESM folders (each with config.json and model.safetensors)")
    .option("--regression", "treat labels as real-valued regression targets")
    .option("--top <k>", "show only the best k")
    .option("--threads <n>", "worker threads (default: number of CPUs)")
    .option("--corrected", "exact log evidence instead of the reference's (changes scores when n ≤ d)")
    .option("--json", "print JSON: { path, ranking: [{ rank, id, taskId, subset, score }], skipped: [{ id, reason }] }")
    .action(async (opts: { embeddings: string; labels: string; esms: string; regression?: boolean; top?: string; threads?: string; corrected?: boolean; json?: boolean }) => {
      const top = opts.top === undefined ? Infinity : Number(opts.top);
      if (opts.top !== undefined && (!Number.isInteger(top) || top < 1)) throw new Error("--top must be a positive integer");
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 0)) throw new Error("--threads must be a non-negative integer");
      const x = await readNpyFile(opts.embeddings);
      const y = await readNpyFile(opts.labels);
      if (x.shape.length !== 2) throw new Error(`${opts.embeddings}: embeddings must be 2-D (n, d), got shape (${x.shape.join(", ")})`);
      if (!(x.data instanceof Float32Array || x.data instanceof Float64Array)) throw new Error(`${opts.embeddings}: embeddings must be float32 or float64`);
      const [n, d] = x.shape;
      if (y.shape[0] !== n) throw new Error(`${opts.labels} has ${y.shape[0] ?? 0} rows but ${opts.embeddings} has ${n}`);
      const sources = await esmFolderSources(opts.esms);
      if (sources.length === 0) throw new Error(`${opts.esms}: no ESM folders found`);

      const bar = process.stderr.isTTY && !opts.json ? new SingleBar({ format: "ranking {bar} {value}/{total} ESMs  {rate} ESMs/s", stream: process.stderr }) : null;
      bar?.start(sources.length, 0, { rate: "-" });
      const pool = new RankingPool({ size: threads });
      try {
        const result = await pool.rank(
          { embeddings: Float32Array.from(x.data), n, d, labels: y.data, task: opts.regression ? "regression" : "classification" },
          sources,
          { evidence: opts.corrected ? "corrected" : "reference", onProgress: (p) => bar?.update(p.done, { rate: p.esmsPerSecond.toFixed(1) }) },
        );
        bar?.stop();
        const ranking = result.ranked.slice(0, top).map((r) => ({
          rank: r.rank, id: r.id, taskId: r.meta.config?.taskId ?? null, subset: r.meta.config?.taskSubset ?? null, score: r.score,
        }));
        const skipped = result.skipped.map((s) => ({ id: s.id, reason: s.reason }));
        if (opts.json) {
          console.log(JSON.stringify({ path: result.path, ranking, skipped }, null, 2));
          return;
        }
        const idWidth = Math.max(4, ...ranking.map((r) => r.id.length));
        const taskWidth = Math.max(7, ...ranking.map((r) => (r.taskId ?? "").length));
        console.log(`${"rank".padStart(4)}  ${"ESM".padEnd(idWidth)}  ${"task id".padEnd(taskWidth)}  ${"subset".padEnd(10)}  score`);
        for (const r of ranking) {
          console.log(`${String(r.rank).padStart(4)}  ${r.id.padEnd(idWidth)}  ${(r.taskId ?? "").padEnd(taskWidth)}  ${(r.subset ?? "").padEnd(10)}  ${r.score.toFixed(6)}`);
        }
        for (const s of skipped) console.error(`skipped ${s.id}: ${s.reason}`);
      } finally {
        bar?.stop();
        await pool.close();
      }
    });
}
