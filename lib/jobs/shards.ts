import type { Db } from "../db";

/**
 * One ranking's ESMs split into shards in the job queue's database, so that every free `esmhub worker` process
 * scores part of it. The worker that claimed the job creates the shards, scores them like any other worker, and
 * merges them; a shard whose worker stops heart-beating goes back to the queue. Every state change is one
 * conditional write, as for jobs (store.ts).
 */

/** One scored (or skipped) ESM of a shard. */
export interface ShardResult {
  esm: string;
  score: number | null;
  reason: string | null;
}

/** Claims per shard before its ESMs are reported as skipped with the last error. */
export const MAX_SHARD_ATTEMPTS = 3;

export type ClaimedShard = NonNullable<Awaited<ReturnType<ShardStore["claim"]>>>;

export class ShardStore {
  constructor(readonly db: Db) {}

  /**
   * The job's shards: created from `groups` unless the job already has exactly these (a resumed job keeps its
   * finished shards and queues its stopped ones again); a job whose ESM list changed since starts over.
   */
  async ensure(jobId: string, groups: string[][]): Promise<void> {
    const have = await this.db.rankingShard.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { esms: true } });
    if (have.length === groups.length && have.every((s, i) => s.esms === JSON.stringify(groups[i]))) {
      await this.db.rankingShard.updateMany({ where: { jobId, status: "stopped" }, data: { status: "queued", done: 0 } });
      return;
    }
    await this.db.$transaction([
      this.db.rankingShard.deleteMany({ where: { jobId } }),
      this.db.rankingShard.createMany({ data: groups.map((esms, index) => ({ jobId, index, esms: JSON.stringify(esms) })) }),
    ]);
  }

  /** Takes the first queued shard (of `jobId`, when given) of a running, uncancelled job, or returns null. */
  async claim(workerId: string, jobId?: string) {
    for (let i = 0; i < 5; i++) {
      const next = await this.db.rankingShard.findFirst({
        where: { status: "queued", ...(jobId ? { jobId } : {}), job: { is: { status: "running", cancelRequested: false } } },
        orderBy: [{ job: { createdAt: "asc" } }, { index: "asc" }],
        select: { id: true },
      });
      if (!next) return null;
      const { count } = await this.db.rankingShard.updateMany({
        where: { id: next.id, status: "queued" },
        data: { status: "running", claimedBy: workerId, heartbeatAt: new Date(), done: 0, attempts: { increment: 1 } },
      });
      if (count === 1) {
        return this.db.rankingShard.findUnique({
          where: { id: next.id },
          include: { job: { select: { id: true, baseModel: true, options: true, datasetCommitId: true, datasetRepo: { select: { fullName: true } } } } },
        });
      }
    }
    return null;
  }

  /** Renews the claim and records progress; `stop` when the shard is no longer this worker's or the job ended. */
  async heartbeat(id: string, workerId: string, done: number): Promise<{ stop: boolean }> {
    const { count } = await this.db.rankingShard.updateMany({ where: { id, claimedBy: workerId, status: "running" }, data: { heartbeatAt: new Date(), done } });
    if (count === 0) return { stop: true };
    const row = await this.db.rankingShard.findUnique({ where: { id }, select: { job: { select: { status: true, cancelRequested: true } } } });
    return { stop: !row || row.job.status !== "running" || row.job.cancelRequested };
  }

  async complete(id: string, workerId: string, results: ShardResult[]): Promise<boolean> {
    const { count } = await this.db.rankingShard.updateMany({
      where: { id, claimedBy: workerId, status: "running" },
      data: { status: "done", results: JSON.stringify(results), done: results.length, heartbeatAt: new Date() },
    });
    return count === 1;
  }

  /** Hands a shard back (worker stopping, or a failure with attempts left). */
  async release(id: string, workerId: string): Promise<void> {
    await this.db.rankingShard.updateMany({ where: { id, claimedBy: workerId, status: "running" }, data: { status: "queued", claimedBy: null, heartbeatAt: null, done: 0 } });
  }

  /** Ends every unfinished shard of a job that was cancelled or failed: helpers stop at their next heartbeat. */
  async stop(jobId: string): Promise<void> {
    await this.db.rankingShard.updateMany({ where: { jobId, status: { in: ["queued", "running"] } }, data: { status: "stopped", claimedBy: null } });
  }

  /** Running shards whose worker stopped heart-beating (killed, crashed) go back to the queue. */
  async recoverStale(staleAfterMs: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - staleAfterMs);
    const { count } = await this.db.rankingShard.updateMany({
      where: { status: "running", OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
      data: { status: "queued", claimedBy: null, heartbeatAt: null, done: 0 },
    });
    return count;
  }

  /** ESMs finished over all shards of the job, and whether every shard is done. */
  async progress(jobId: string): Promise<{ done: number; finished: boolean }> {
    const shards = await this.db.rankingShard.findMany({ where: { jobId }, select: { status: true, done: true } });
    return { done: shards.reduce((s, x) => s + x.done, 0), finished: shards.length > 0 && shards.every((s) => s.status === "done") };
  }

  /** Every shard's results in shard order (call once `progress` says finished). */
  async results(jobId: string): Promise<ShardResult[]> {
    const shards = await this.db.rankingShard.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { results: true } });
    return shards.flatMap((s) => (s.results ? (JSON.parse(s.results) as ShardResult[]) : []));
  }
}

/** Splits ids into consecutive groups of at most `size`. */
export function shardGroups(ids: string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
