import type { Command } from "commander";
import { JobWorker } from "../../lib/jobs/worker";
import { openLocalRegistry } from "./local-registry";

export function register(program: Command): void {
  program
    .command("worker")
    .description("run ranking jobs from the shared queue (this machine or another one with the same DATABASE_URL and blob store)")
    .option("--concurrency <n>", "jobs at once (default ESMHUB_JOB_CONCURRENCY or 1)")
    .option("--threads <n>", "ranking threads (default ESMHUB_RANK_THREADS or CPUs − 1)")
    .option("--once", "exit when the queue is empty instead of waiting for jobs")
    .action(async (opts: { concurrency?: string; threads?: string; once?: boolean }) => {
      const num = (v: string | undefined, flag: string) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
        return n;
      };
      const ctx = await openLocalRegistry();
      const worker = new JobWorker(ctx, { concurrency: num(opts.concurrency, "--concurrency"), threads: num(opts.threads, "--threads") });
      console.log(`esmhub worker ${worker.id}: waiting for ranking jobs (Ctrl-C stops; running jobs go back to the queue)`);
      if (opts.once) {
        await worker.drain();
        await worker.stop();
        await ctx.db.$disconnect();
        return;
      }
      worker.start();
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      console.log("esmhub worker: stopping");
      await worker.stop();
      await ctx.db.$disconnect();
    });
}
