import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { databaseTarget, jobLimits, type DatabaseKind } from "../config";
import type { Db } from "../db";
import { baseModelAliases, canonicalBaseModel } from "../esm";
import { resolveRevision, RegistryError, type Actor, type RegistryContext } from "../registry";
import type { JobBaselines, JobOptions, JobPhase, JobTimings } from "./options";

/** A running job whose heartbeat is older than this belongs to a worker that died. */
export const STALE_AFTER_MS = 30_000;
/** Claims per job: a job whose worker died is queued again once, then failed. */
export const MAX_ATTEMPTS = 2;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface SubmitInput {
  dataset: string;
  baseModel: string;
  options: JobOptions;
  revision?: string;
}

export interface ResultRow {
  position: number;
  esmRepo: string;
  taskId: string;
  subset: string | null;
  language: string | null;
  taskType: string | null;
  score: number | null;
  skipReason: string | null;
}

/** The ranking queue in the database: every state change is one conditional write, so workers can share it. */
export class JobStore {
  constructor(readonly db: Db, readonly kind: DatabaseKind = databaseTarget().kind) {}

  /** Queues a ranking of a dataset repo's commit; refuses datasets the actor cannot see and base models without ESMs. */
  async submit(ctx: RegistryContext, actor: Actor | null, input: SubmitInput) {
    if (!actor) throw new RegistryError("Unauthorized", "sign in or send a write token to start a ranking");
    const { repo, commit } = await resolveRevision(ctx, "dataset", input.dataset, input.revision ?? "main");
    if (repo.private && repo.owner !== actor.name) throw new RegistryError("RepoNotFound", `dataset ${input.dataset} not found`);
    const baseModel = canonicalBaseModel(input.baseModel);
    const esms = await this.db.esmInfo.count({ where: { baseModel: { in: baseModelAliases(baseModel) }, repo: { is: { private: false } } } });
    if (esms === 0) throw new RegistryError("InvalidInput", `no ESMs are published for base model ${baseModel}`);
    const { maxActivePerUser } = jobLimits();
    if (maxActivePerUser > 0) {
      const active = await this.db.rankingJob.count({ where: { createdById: actor.id, status: { in: ["queued", "running"] } } });
      if (active >= maxActivePerUser) {
        throw new RegistryError("TooManyRequests", `you have ${active} rankings queued or running; the limit is ${maxActivePerUser} at once (wait for one to finish or cancel one)`);
      }
    }
    return this.db.rankingJob.create({
      data: { datasetRepoId: repo.id, datasetCommitId: commit.id, baseModel, options: JSON.stringify(input.options), createdById: actor.id, total: esms },
    });
  }

  get(id: string) {
    return this.db.rankingJob.findUnique({ where: { id }, include: { datasetRepo: { select: { fullName: true, private: true, owner: true } } } });
  }

  /** Atomically takes the oldest queued job for this worker, or returns null. */
  async claim(workerId: string) {
    const now = new Date();
    if (this.kind === "postgres") {
      const rows = await this.db.$queryRaw<{ id: string }[]>`
        UPDATE "RankingJob" SET "status" = 'running', "phase" = 'loading target', "claimedBy" = ${workerId},
          "heartbeatAt" = ${now}, "startedAt" = ${now}, "attempts" = "attempts" + 1
        WHERE "id" = (SELECT "id" FROM "RankingJob" WHERE "status" = 'queued' AND "cancelRequested" = false
                      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "id"`;
      return rows[0] ? this.db.rankingJob.findUnique({ where: { id: rows[0].id } }) : null;
    }
    // SQLite: pick a candidate, then a conditional UPDATE; losing a race just means trying the next one.
    for (let i = 0; i < 5; i++) {
      const next = await this.db.rankingJob.findFirst({ where: { status: "queued", cancelRequested: false }, orderBy: { createdAt: "asc" }, select: { id: true } });
      if (!next) return null;
      const { count } = await this.db.rankingJob.updateMany({
        where: { id: next.id, status: "queued" },
        data: { status: "running", phase: "loading target", claimedBy: workerId, heartbeatAt: now, startedAt: now, attempts: { increment: 1 } },
      });
      if (count === 1) return this.db.rankingJob.findUnique({ where: { id: next.id } });
    }
    return null;
  }

  /** Claims one given queued job (the CLI runs the job it submitted itself). */
  async claimJob(id: string, workerId: string) {
    const now = new Date();
    const { count } = await this.db.rankingJob.updateMany({
      where: { id, status: "queued" },
      data: { status: "running", phase: "loading target", claimedBy: workerId, heartbeatAt: now, startedAt: now, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /** Renews the claim; false when the job is no longer this worker's (recovered by another, or finished). */
  async heartbeat(id: string, workerId: string): Promise<{ owned: boolean; cancelRequested: boolean }> {
    const { count } = await this.db.rankingJob.updateMany({ where: { id, claimedBy: workerId, status: "running" }, data: { heartbeatAt: new Date() } });
    if (count === 0) return { owned: false, cancelRequested: true };
    const row = await this.db.rankingJob.findUnique({ where: { id }, select: { cancelRequested: true } });
    return { owned: true, cancelRequested: row?.cancelRequested ?? true };
  }

  async progress(id: string, workerId: string, p: { phase: JobPhase; done?: number; total?: number; rate?: number | null }) {
    await this.db.rankingJob.updateMany({
      where: { id, claimedBy: workerId, status: "running" },
      data: { phase: p.phase, done: p.done, total: p.total, rate: p.rate, heartbeatAt: new Date() },
    });
  }

  /** Stores the results and marks the job done in one transaction, if this worker still owns it. */
  async complete(id: string, workerId: string, rows: ResultRow[], extra: { baselines: JobBaselines; timings: JobTimings; total: number }): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.rankingJob.updateMany({
        where: { id, claimedBy: workerId, status: "running" },
        data: {
          status: "done", phase: "done", done: extra.total, total: extra.total, finishedAt: new Date(),
          baselines: JSON.stringify(extra.baselines), timings: JSON.stringify(extra.timings), error: null,
        },
      });
      if (count === 0) return false;
      await tx.rankingResult.deleteMany({ where: { jobId: id } });
      const chunk = 500;
      for (let i = 0; i < rows.length; i += chunk) {
        await tx.rankingResult.createMany({ data: rows.slice(i, i + chunk).map((r) => ({ jobId: id, ...r })) });
      }
      return true;
    });
  }

  async fail(id: string, workerId: string, error: string, timings?: JobTimings) {
    await this.db.rankingJob.updateMany({
      where: { id, claimedBy: workerId, status: "running" },
      data: { status: "failed", phase: "failed", error: error.slice(0, 2000), finishedAt: new Date(), ...(timings ? { timings: JSON.stringify(timings) } : {}) },
    });
  }

  /** Hands a running job back to the queue (worker shutting down); it does not count as an attempt. */
  async release(id: string, workerId: string) {
    await this.db.rankingJob.updateMany({
      where: { id, claimedBy: workerId, status: "running" },
      data: { status: "queued", phase: "queued", claimedBy: null, heartbeatAt: null, done: 0, rate: null, attempts: { decrement: 1 } },
    });
  }

  async markCancelled(id: string, workerId: string) {
    await this.db.rankingJob.updateMany({
      where: { id, claimedBy: workerId, status: "running" },
      data: { status: "cancelled", phase: "cancelled", finishedAt: new Date() },
    });
  }

  /** Cancels a queued job at once; a running one stops at its worker's next heartbeat. Only its creator may. */
  async cancel(id: string, actor: Actor | null) {
    const job = await this.db.rankingJob.findUnique({ where: { id } });
    if (!job) throw new RegistryError("EntryNotFound", `ranking ${id} not found`);
    if (!actor || actor.scope !== "write" || (job.createdById && job.createdById !== actor.id)) {
      throw new RegistryError("Forbidden", "only the user who started this ranking can cancel it");
    }
    await this.db.rankingJob.updateMany({
      where: { id, status: "queued" },
      data: { status: "cancelled", phase: "cancelled", cancelRequested: true, finishedAt: new Date() },
    });
    await this.db.rankingJob.updateMany({ where: { id, status: "running" }, data: { cancelRequested: true } });
    return this.db.rankingJob.findUnique({ where: { id } });
  }

  /**
   * Jobs whose worker stopped heart-beating (crash, restart, killed machine): queued again if they have
   * attempts left, else failed with the reason. Safe to run from every worker at once.
   */
  async recoverStale(now = new Date(), staleAfterMs = STALE_AFTER_MS): Promise<{ requeued: number; failed: number }> {
    const cutoff = new Date(now.getTime() - staleAfterMs);
    const deadHere = await this.deadLocalClaims();
    const stale = { status: "running", OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }, { id: { in: deadHere } }] };
    const failed = await this.db.rankingJob.updateMany({
      where: { ...stale, AND: [{ OR: [{ attempts: { gte: MAX_ATTEMPTS } }, { cancelRequested: true }] }] },
      data: {
        status: "failed", phase: "failed", finishedAt: now,
        error: `the worker running this ranking stopped (no heartbeat for ${Math.round(staleAfterMs / 1000)} s) and it had been tried ${MAX_ATTEMPTS} times; start it again`,
      },
    });
    const requeued = await this.db.rankingJob.updateMany({
      where: { ...stale, attempts: { lt: MAX_ATTEMPTS }, cancelRequested: false },
      data: { status: "queued", phase: "queued", claimedBy: null, heartbeatAt: null, done: 0, rate: null, error: "resumed: the worker running it stopped (e.g. a server restart)" },
    });
    return { requeued: requeued.count, failed: failed.count };
  }

  /** Running jobs claimed by a process of this machine that no longer exists: no need to wait for the heartbeat. */
  private async deadLocalClaims(): Promise<string[]> {
    const prefix = `${hostname()}:`;
    const rows = await this.db.rankingJob.findMany({ where: { status: "running", claimedBy: { startsWith: prefix } }, select: { id: true, claimedBy: true } });
    return rows.filter((r) => {
      const pid = Number(r.claimedBy!.slice(prefix.length).split(":")[0]);
      if (!Number.isInteger(pid) || pid === process.pid) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === "ESRCH";
      }
    }).map((r) => r.id);
  }

  results(id: string) {
    return this.db.rankingResult.findMany({ where: { jobId: id }, orderBy: [{ position: "asc" }, { esmRepo: "asc" }] });
  }
}
