import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { baseModelChoices, defaultBaseModel, jobView, JobStore, parseJobOptions } from "../../lib/jobs";
import { JobWorker } from "../../lib/jobs/worker";
import { getRepo, type Actor } from "../../lib/registry";
import { openLocalRegistry } from "./local-registry";

interface RankDatasetOptions {
  baseModel?: string;
  numExamples?: string;
  threads?: string;
  top?: string;
  corrected?: boolean;
  baselines: boolean;
  json?: boolean;
}

function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} must be an integer ≥ ${min}`);
  return n;
}

export function register(program: Command): void {
  program
    .command("rank-dataset")
    .description("rank every ESM of a base model for a target dataset repo of the local registry (runs the job in this process)")
    .argument("<repo>", "dataset repo id, owner/name")
    .option("--base-model <id>", "base model whose ESMs are ranked (default: the one with most ESMs)")
    .option("--num-examples <n>", "rows of the target to sample (default: the dataset's setting, 1,000)")
    .option("--threads <n>", "ranking worker threads (default: CPUs − 1)")
    .option("--top <k>", "print only the best k")
    .option("--corrected", "exact log evidence instead of the reference's (changes scores when n ≤ d)")
    .option("--no-baselines", "skip the LogME-on-base-embeddings and TextEmb baselines")
    .option("--json", "print the job as JSON (status, timings, baselines, results)")
    .action(async (repoId: string, opts: RankDatasetOptions) => {
      const numExamples = count(opts.numExamples, "--num-examples", 1);
      const threads = count(opts.threads, "--threads", 0);
      const top = count(opts.top, "--top", 1) ?? Infinity;
      const ctx = await openLocalRegistry();
      const store = new JobStore(ctx.db);
      const bar = process.stderr.isTTY && !opts.json ? new SingleBar({ format: "{phase} {bar} {value}/{total} {rate}", stream: process.stderr }) : null;
      const worker = new JobWorker(ctx, {
        threads,
        log: () => {},
        onProgress: (_id, p) => {
          if (!bar) return;
          bar.setTotal(Math.max(p.total, 1));
          bar.update(p.done, { phase: p.phase.padEnd(14), rate: p.rate ? `${p.rate.toFixed(1)} ESMs/s` : "" });
        },
      });
      try {
        const repo = await getRepo(ctx, "dataset", repoId);
        const owner = await ctx.db.user.findUnique({ where: { name: repo.owner } });
        if (!owner) throw new Error(`the owner ${repo.owner} of ${repoId} is not a user of this registry`);
        const actor: Actor = { id: owner.id, name: owner.name, scope: "write" };
        const baseModel = opts.baseModel ?? defaultBaseModel(await baseModelChoices(ctx));
        if (!baseModel) throw new Error("the registry has no ESMs to rank");
        const options = parseJobOptions({
          numExamples, evidence: opts.corrected ? "corrected" : "reference", logmeBaseline: opts.baselines, textEmb: opts.baselines,
        });
        const job = await store.submit(ctx, actor, { dataset: repoId, baseModel, options });
        bar?.start(1, 0, { phase: "queued", rate: "" });
        await worker.runJob(job.id);
        bar?.stop();
        const view = (await jobView(ctx.db, job.id))!;
        if (opts.json) {
          console.log(JSON.stringify({ ...view, results: view.results.slice(0, top) }, null, 2));
          if (view.status !== "done") process.exitCode = 1;
          return;
        }
        if (view.status !== "done") throw new Error(`ranking ${view.status}: ${view.error ?? "no reason recorded"}`);
        const rows = view.results.slice(0, top);
        const w = Math.max(3, ...rows.map((r) => r.esmRepo.length));
        const tw = Math.max(14, ...rows.map((r) => r.taskId.length));
        console.log(`ranking ${view.id}: ${view.dataset} with ${view.baseModel}, ${view.results.length} ESMs`);
        console.log(`${"rank".padStart(4)}  ${"source dataset".padEnd(tw)}  ${"subset".padEnd(12)}  ${"ESM".padEnd(w)}  score`);
        for (const r of rows) {
          console.log(`${String(r.rank).padStart(4)}  ${r.taskId.padEnd(tw)}  ${(r.subset ?? "").padEnd(12)}  ${r.esmRepo.padEnd(w)}  ${r.score.toFixed(6)}`);
        }
        const b = view.baselines;
        if (b?.logme) console.log("score" in b.logme ? `LogME on the base embeddings (no ESM): ${b.logme.score.toFixed(6)}` : `LogME baseline unavailable: ${b.logme.unavailable}`);
        if (b?.textEmb) console.log("ranked" in b.textEmb ? `TextEmb: ${b.textEmb.ranked.length} ESMs with source mean embeddings; best ${b.textEmb.ranked[0]?.esmRepo ?? "-"}` : `TextEmb unavailable: ${b.textEmb.unavailable}`);
        for (const s of view.skipped) console.error(`skipped ${s.esmRepo}: ${s.reason}`);
        const t = view.timings ?? {};
        console.log(`timings (s): target ${t.loadTarget}, embed ${t.embed}${t.embedCached ? " (cached)" : ""}, ranking ${t.rank} (weights ${t.loadWeights}, ESM-LogME ${t.esmLogme}), baselines ${t.baselines}, total ${t.total}`);
        if (view.synthetic) console.log("note: some ESMs have synthetic (untrained demo) weights; their scores say nothing about transfer");
        console.log("advice: try the top 5 as candidates, not only the first");
      } finally {
        bar?.stop();
        await worker.stop();
        await ctx.db.$disconnect();
      }
    });
}
