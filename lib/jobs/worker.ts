import { availableParallelism } from "node:os";
import { jobLimits } from "../config";
import { RankingPool } from "../rank";
import type { RegistryContext } from "../registry";
import { BlobFileCache } from "./esm-cache";
import { parseJobOptions, type JobPhase } from "./options";
import { BaseModels, runRanking, runShard } from "./run";
import type { ShardSettings } from "./sharded";
import { ShardStore } from "./shards";
import { JobStore, newWorkerId, STALE_AFTER_MS } from "./store";

export interface JobWorkerOptions {
  /** Jobs run at once by this process (ESMHUB_JOB_CONCURRENCY, default 1). */
  concurrency?: number;
  /** Ranking threads (ESMHUB_RANK_THREADS, default CPUs − 1, at least 1): one core stays free for the site. */
  threads?: number;
  /** How often an idle worker looks for jobs and shards (ESMHUB_POLL_MS, default 1000). */
  pollMs?: number;
  heartbeatMs?: number;
  /** Progress rows are written at most this often. */
  progressMs?: number;
  log?: (message: string) => void;
  /**
   * ESMs per shard of a ranking split across every worker process of the queue (ESMHUB_SHARD_SIZE; default 128
   * on PostgreSQL, 0 = off on SQLite, where one process's threads already use the machine).
   */
  shardSize?: number;
  /** A job or shard whose worker sent no heartbeat for this long is given to another (ESMHUB_STALE_AFTER_MS). */
  staleAfterMs?: number;
  /** Seconds a job may run from its first claim (ESMHUB_JOB_TIME_LIMIT_S, default 3600; 0: none). */
  timeLimitS?: number;
  /** Every progress report of a job, unthrottled (for a terminal progress bar). */
  onProgress?: (jobId: string, p: { phase: JobPhase; done: number; total: number; rate: number | null }) => void;
}

class ShutdownSignal extends Error {
  constructor() {
    super("the worker is stopping");
  }
}

class TimeLimitSignal extends Error {
  constructor(seconds: number) {
    super(`the ranking ran longer than the time limit of ${seconds} s (ESMHUB_JOB_TIME_LIMIT_S) and was stopped`);
  }
}

function envInt(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * Claims queued ranking jobs from the database and runs them: heartbeats while running (which also carry
 * cancellation), stale-claim recovery at start and on every idle poll, results written in one transaction.
 */
export class JobWorker {
  readonly id = newWorkerId();
  readonly store: JobStore;
  private readonly pool: RankingPool;
  private readonly cache: BlobFileCache;
  private readonly models: BaseModels;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly progressMs: number;
  private readonly log: (message: string) => void;
  private readonly onProgressHook: JobWorkerOptions["onProgress"];
  private readonly shards: ShardSettings;
  private readonly timeLimitS: number;
  private readonly running = new Set<Promise<void>>();
  private readonly controllers = new Map<string, AbortController>();
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly ctx: RegistryContext, options: JobWorkerOptions = {}) {
    this.store = new JobStore(ctx.db);
    this.cache = new BlobFileCache(ctx.blobs);
    this.models = new BaseModels(ctx);
    this.concurrency = Math.max(1, options.concurrency ?? envInt("ESMHUB_JOB_CONCURRENCY") ?? 1);
    const threads = options.threads ?? envInt("ESMHUB_RANK_THREADS") ?? Math.max(1, availableParallelism() - 1);
    this.pool = new RankingPool({ size: threads });
    this.pollMs = options.pollMs ?? envInt("ESMHUB_POLL_MS") ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.progressMs = options.progressMs ?? 400;
    this.log = options.log ?? ((m) => console.log(`esmhub worker: ${m}`));
    this.onProgressHook = options.onProgress;
    this.timeLimitS = options.timeLimitS ?? jobLimits().timeLimitS;
    this.shards = {
      store: new ShardStore(ctx.db),
      workerId: this.id,
      size: options.shardSize ?? envInt("ESMHUB_SHARD_SIZE") ?? (this.store.kind === "postgres" ? 128 : 0),
      heartbeatMs: this.heartbeatMs,
      staleAfterMs: options.staleAfterMs ?? envInt("ESMHUB_STALE_AFTER_MS") ?? STALE_AFTER_MS,
      pollMs: Math.min(250, this.pollMs),
    };
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Claims and runs one given queued job; false when it was not queued. */
  async runJob(jobId: string): Promise<boolean> {
    if (!(await this.store.claimJob(jobId, this.id))) return false;
    await this.execute(jobId);
    return true;
  }

  /** Processes queued jobs until none is left (for the CLI and tests). */
  async drain(): Promise<void> {
    await this.recover();
    for (;;) {
      const job = await this.store.claim(this.id);
      if (!job) break;
      await this.execute(job.id);
    }
  }

  /** Stops claiming; jobs still running are handed back to the queue so another worker (or the next start) resumes them. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    for (const c of this.controllers.values()) c.abort(new ShutdownSignal());
    await Promise.all(this.running);
    await this.pool.close();
    await this.models.close();
  }

  private async recover() {
    const { requeued, failed } = await this.store.recoverStale(new Date(), this.shards.staleAfterMs);
    if (requeued || failed) this.log(`recovered stale rankings: ${requeued} queued again, ${failed} failed`);
    const shards = await this.shards.store.recoverStale(this.shards.staleAfterMs);
    if (shards) this.log(`recovered ${shards} stale ranking shard(s)`);
  }

  /** Scores one shard of another worker's sharded ranking; never throws. */
  private async executeShard(shardId: string, run: (signal: AbortSignal) => Promise<boolean>): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(shardId, controller);
    try {
      await run(controller.signal);
    } catch (err) {
      this.log(`shard ${shardId} failed: ${(err as Error).message}`);
    } finally {
      if (controller.signal.aborted) await this.shards.store.release(shardId, this.id).catch(() => {});
      this.controllers.delete(shardId);
    }
  }

  private async run(): Promise<void> {
    await this.recover().catch((err) => this.log(`recovery failed: ${(err as Error).message}`));
    let lastRecovery = Date.now();
    while (!this.stopped) {
      try {
        if (this.running.size < this.concurrency) {
          const job = await this.store.claim(this.id);
          if (job) {
            const p: Promise<void> = this.execute(job.id).finally(() => {
              this.running.delete(p);
              this.wake();
            });
            this.running.add(p);
            continue;
          }
          const shard = this.shards.size > 0 ? await this.shards.store.claim(this.id) : null;
          if (shard) {
            const deps = { ctx: this.ctx, pool: this.pool, cache: this.cache, models: this.models };
            const p: Promise<void> = this.executeShard(shard.id, (signal) => runShard(deps, this.shards, shard, signal)).finally(() => {
              this.running.delete(p);
              this.wake();
            });
            this.running.add(p);
            continue;
          }
        }
        if (Date.now() - lastRecovery > 10_000) {
          lastRecovery = Date.now();
          await this.recover();
        }
      } catch (err) {
        this.log(`queue error: ${(err as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        timer.unref?.();
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Runs one claimed job to its end; never throws. */
  async execute(jobId: string): Promise<void> {
    const job = await this.store.db.rankingJob.findUnique({ where: { id: jobId }, include: { datasetRepo: { select: { fullName: true } } } });
    if (!job) return;
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    let lost = false;
    const beat = setInterval(() => {
      this.store.heartbeat(jobId, this.id).then(
        (h) => {
          if (!h.owned) {
            lost = true;
            controller.abort(new Error("another worker took this ranking over"));
          }
          if (h.cancelRequested && !controller.signal.aborted) controller.abort(new Error("cancelled by the user"));
        },
        (err) => this.log(`heartbeat failed for ${jobId}: ${(err as Error).message}`),
      );
    }, this.heartbeatMs);
    beat.unref?.();
    // Per claim; a job is claimed at most MAX_ATTEMPTS times, so its total time stays bounded too.
    const limitS = this.timeLimitS;
    const deadline = limitS > 0 ? setTimeout(() => controller.abort(new TimeLimitSignal(limitS)), limitS * 1000) : null;
    deadline?.unref?.();

    let lastWrite = 0;
    let lastPhase: JobPhase | null = null;
    let write: Promise<void> = Promise.resolve();
    const onProgress = (p: { phase: JobPhase; done: number; total: number; rate: number | null }) => {
      this.onProgressHook?.(jobId, p);
      const now = Date.now();
      if (p.phase === lastPhase && now - lastWrite < this.progressMs && p.done < p.total) return;
      lastWrite = now;
      lastPhase = p.phase;
      write = write.then(() => this.store.progress(jobId, this.id, p)).catch(() => {});
    };

    const started = Date.now();
    try {
      const options = parseJobOptions(JSON.parse(job.options));
      this.log(`ranking ${job.datasetRepo.fullName} with ${job.baseModel} (job ${jobId}, attempt ${job.attempts})`);
      const outcome = await runRanking(
        { ctx: this.ctx, pool: this.pool, cache: this.cache, models: this.models },
        { jobId, dataset: job.datasetRepo.fullName, commitId: job.datasetCommitId, baseModel: job.baseModel, options },
        { signal: controller.signal, onProgress, shards: this.shards },
      );
      await write;
      const saveStarted = performance.now();
      await this.store.progress(jobId, this.id, { phase: "saving", done: outcome.total, total: outcome.total });
      outcome.timings.save = Math.round(performance.now() - saveStarted) / 1000;
      const saved = await this.store.complete(jobId, this.id, outcome.rows, { baselines: outcome.baselines, timings: outcome.timings, total: outcome.total });
      this.log(saved ? `job ${jobId} done in ${((Date.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(outcome.timings)})` : `job ${jobId} was taken over; results dropped`);
    } catch (err) {
      await write;
      if (controller.signal.reason instanceof ShutdownSignal) {
        await this.store.release(jobId, this.id);
        this.log(`job ${jobId} handed back to the queue (worker stopping)`);
      } else if (controller.signal.reason instanceof TimeLimitSignal) {
        await this.store.fail(jobId, this.id, controller.signal.reason.message);
        this.log(`job ${jobId} stopped: time limit`);
      } else if (controller.signal.aborted && !lost) {
        await this.store.markCancelled(jobId, this.id);
        this.log(`job ${jobId} cancelled`);
      } else if (!lost) {
        const message = (err as Error).message || String(err);
        await this.store.fail(jobId, this.id, message);
        this.log(`job ${jobId} failed: ${message}`);
      }
    } finally {
      clearInterval(beat);
      if (deadline) clearTimeout(deadline);
      this.controllers.delete(jobId);
    }
  }
}
