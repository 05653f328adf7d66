import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBenchEsms } from "../../scripts/seed-rank-bench";
import { createDb, type Db } from "../db";
import { migrate } from "../migrate";
import { createUser, DEMO_BASE_MODEL_HIDDEN, DEMO_BASE_MODEL_ID, type Actor, type RegistryContext } from "../registry";
import { createBlobStore } from "../storage";
import { ingestTarget } from "../targets";
import { createTestPostgresDatabase, type TestDatabase } from "../testing";
import { JobStore } from "./store";
import { JobWorker } from "./worker";

/**
 * One ranking split across three `esmhub worker` processes on PostgreSQL, one of them killed while it holds a
 * shard: the job still finishes, and its results equal a single-worker ranking exactly.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const CSV = new Uint8Array(readFileSync(path.join(import.meta.dirname, "fixtures", "reviews.csv")));
const ESMS = 240;

let database: TestDatabase;
let dir: string;
let db: Db;
let ctx: RegistryContext;
let alice: Actor;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestPostgresDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "esmhub-shards-"));
  await migrate({ kind: "postgres", url: database.url });
  db = createDb({ kind: "postgres", url: database.url });
  ctx = { db, blobs: createBlobStore({ ESMHUB_DATA_DIR: dir }), knownBaseModels: { [DEMO_BASE_MODEL_ID]: DEMO_BASE_MODEL_HIDDEN } };
  const user = await createUser(db, { name: "alice", password: "correct horse" });
  alice = { id: user.id, name: user.name, scope: "write" };
  await seedBenchEsms(ctx, { count: ESMS, dim: 32 });
  await ingestTarget(ctx, alice, { name: "reviews", filename: "reviews.csv", bytes: CSV, numExamples: 200 });
}, 300_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await db?.$disconnect();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pidOf = (workerId: string | null) => Number(workerId?.split(":")[1]);
const rows = (jobId: string) => db.rankingResult.findMany({ where: { jobId }, orderBy: [{ position: "asc" }, { esmRepo: "asc" }], select: { position: true, esmRepo: true, score: true, skipReason: true } });

describe("a ranking sharded across worker processes on PostgreSQL", () => {
  it("survives a worker killed mid-shard and equals the single-worker result", async () => {
    const store = new JobStore(db, "postgres");
    const options = { evidence: "reference" as const, logmeBaseline: false, textEmb: false };

    const single = await store.submit(ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options });
    const alone = new JobWorker(ctx, { threads: 1, shardSize: 0, log: () => {} });
    expect(await alone.runJob(single.id)).toBe(true);
    await alone.stop();
    expect((await store.get(single.id))?.status).toBe("done");

    const sharded = await store.submit(ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options });
    const env = {
      ...process.env, DATABASE_URL: database.url, ESMHUB_DATA_DIR: dir, ESMHUB_SHARD_SIZE: "4", ESMHUB_POLL_MS: "50",
      ESMHUB_STALE_AFTER_MS: "5000", ESMHUB_RANK_THREADS: "1",
    };
    const logs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, [path.join(root, "bin", "esmhub.mjs"), "worker"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout!.on("data", (b: Buffer) => logs.push(`w${i}: ${b}`));
      child.stderr!.on("data", (b: Buffer) => logs.push(`w${i}: ${b}`));
      children.push(child);
    }

    // Kill a worker that holds a shard of a job it did not claim (a helper, mid-shard).
    let killed: number | null = null;
    const deadline = Date.now() + 120_000;
    while (killed === null && Date.now() < deadline) {
      const job = await db.rankingJob.findUnique({ where: { id: sharded.id }, select: { claimedBy: true, status: true } });
      if (job?.status === "done") break;
      const busy = await db.rankingShard.findFirst({ where: { jobId: sharded.id, status: "running", NOT: { claimedBy: job?.claimedBy ?? "" } }, select: { claimedBy: true } });
      const victim = children.find((c) => c.pid === pidOf(busy?.claimedBy ?? null));
      if (victim) {
        victim.kill("SIGKILL");
        killed = victim.pid!;
      } else {
        await sleep(10);
      }
    }
    expect(killed, `no helper held a shard; worker logs:\n${logs.join("")}`).not.toBeNull();

    let status = "";
    while (Date.now() < deadline) {
      status = (await store.get(sharded.id))!.status;
      if (status !== "queued" && status !== "running") break;
      await sleep(200);
    }
    expect(status, logs.join("")).toBe("done");

    const shards = await db.rankingShard.findMany({ where: { jobId: sharded.id } });
    expect(shards.length).toBe(ESMS / 4);
    expect(shards.every((s) => s.status === "done")).toBe(true);
    // The killed worker's shard was claimed again and finished by another process.
    expect(shards.some((s) => s.attempts >= 2)).toBe(true);
    expect(shards.some((s) => pidOf(s.claimedBy) === killed)).toBe(false);
    expect(new Set(shards.map((s) => pidOf(s.claimedBy))).size).toBeGreaterThanOrEqual(2);

    const expected = await rows(single.id);
    expect(expected.filter((r) => r.score !== null)).toHaveLength(ESMS);
    expect(await rows(sharded.id)).toEqual(expected);
    expect((await store.get(sharded.id))).toMatchObject({ done: ESMS, total: ESMS });
  }, 300_000);

  it("cancelling the ranking stops every shard on every worker", async () => {
    const store = new JobStore(db, "postgres");
    const job = await store.submit(ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: { evidence: "reference", logmeBaseline: false, textEmb: false } });
    const deadline = Date.now() + 120_000;
    let running = 0;
    while (Date.now() < deadline) {
      running = await db.rankingShard.count({ where: { jobId: job.id, status: "running" } });
      if (running >= 2) break;
      await sleep(10);
    }
    expect(running, "two workers scoring shards of the job").toBeGreaterThanOrEqual(2);
    await store.cancel(job.id, alice);

    let open = -1;
    while (Date.now() < deadline) {
      open = await db.rankingShard.count({ where: { jobId: job.id, status: { in: ["queued", "running"] } } });
      if (open === 0) break;
      await sleep(50);
    }
    expect(open).toBe(0);
    const done = await db.rankingShard.count({ where: { jobId: job.id, status: "done" } });
    expect(done).toBeLessThan(ESMS / 4);
    // Nothing of the cancelled job is scored afterwards, and the workers are free for the next ranking.
    await sleep(1500);
    expect(await db.rankingShard.count({ where: { jobId: job.id, status: "done" } })).toBe(done);
    expect((await store.get(job.id))?.status).toBe("cancelled");
    const next = await store.submit(ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: { evidence: "reference", logmeBaseline: false, textEmb: false } });
    let status = "";
    while (Date.now() < deadline) {
      status = (await store.get(next.id))!.status;
      if (status !== "queued" && status !== "running") break;
      await sleep(200);
    }
    expect(status).toBe("done");
  }, 300_000);
});
