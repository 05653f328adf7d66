/**
 * One ranking job of the 1,553-ESM pool (d = 768) on a PostgreSQL queue, run by 1, 2 and 3 `esmhub worker`
 * processes that split it into shards (lib/jobs/sharded.ts). Part of `npm run bench:rank`; prints figures only.
 *
 * Everything lives in a throw-away database on the PostgreSQL server named by DATABASE_URL or TEST_DATABASE_URL
 * (or the one scripts/ci/start-postgres.sh starts) and a temporary data folder: a random-weight BERT with hidden
 * size 768 (one layer: the embedding is not what is timed), the ESMs published through the registry, and the demo
 * target (1,000 SMS messages).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../../lib/db";
import { buildDemoTarget } from "../../lib/demo/target";
import { JobStore } from "../../lib/jobs/store";
import type { JobTimings } from "../../lib/jobs/options";
import { migrate } from "../../lib/migrate";
import { createBlobStore } from "../../lib/storage";
import { ingestTarget } from "../../lib/targets";
import { benchActor, seedBenchEsms } from "../seed-rank-bench";
import { writeTinyBert } from "../tiny-bert/write";

const root = path.resolve(import.meta.dirname, "..", "..");
const BASE_MODEL = "rank-bench/bert-768";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The PostgreSQL server to use: from the environment, else the one the test scripts start (reused when up). */
async function serverUrl(): Promise<string | null> {
  for (const v of [process.env.DATABASE_URL, process.env.TEST_DATABASE_URL]) if (v?.startsWith("postgres")) return v;
  const started = spawnSync("bash", [path.join(root, "scripts", "ci", "start-postgres.sh"), "--auto"], { encoding: "utf8" });
  if (started.status !== 0) return null;
  const env = await readFile(path.join(root, ".ci-work", "postgres.env"), "utf8").catch(() => "");
  return /TEST_DATABASE_URL=(\S+)/.exec(env)?.[1] ?? null;
}

async function onServer(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function benchWorkers(esms: number, counts = [1, 2, 3]): Promise<void> {
  const server = await serverUrl();
  if (!server) {
    console.log("\nSharded job benchmark skipped: no PostgreSQL (set DATABASE_URL=postgresql://… or install postgresql)");
    return;
  }
  const name = `esmhub_bench_${randomBytes(4).toString("hex")}`;
  await onServer(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const work = await mkdtemp(path.join(tmpdir(), "bench-workers-"));
  const children: ChildProcess[] = [];
  const db = createDb({ kind: "postgres", url: url.toString() });
  try {
    await migrate({ kind: "postgres", url: url.toString() });
    const dataDir = path.join(work, "data");
    const modelsDir = path.join(work, "models");
    await writeTinyBert(path.join(modelsDir, BASE_MODEL.replace("/", "--")), {
      id: BASE_MODEL, dims: { hidden: 768, heads: 12, layers: 1, intermediate: 768, maxPositions: 512, typeVocab: 2 },
    });
    const ctx = { db, blobs: createBlobStore({ ESMHUB_DATA_DIR: dataDir }) };
    console.log(`\nOne ${esms}-ESM ranking job (d = 768, n = 1000) on a PostgreSQL queue, split into shards of 128 ESMs`);
    const seedStarted = performance.now();
    await seedBenchEsms(ctx, { count: esms, dim: 768, baseModel: BASE_MODEL });
    console.log(`  published ${esms} ESMs in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    const actor = await benchActor(ctx);
    const target = await buildDemoTarget();
    const csv = target.files.find((f) => f.path.endsWith(".csv"))!;
    await ingestTarget(ctx, actor, { name: "bench-target", filename: path.basename(csv.path), bytes: csv.content, textColumns: ["text"], labelColumn: "label" });

    const store = new JobStore(db, "postgres");
    const env = {
      ...process.env, DATABASE_URL: url.toString(), ESMHUB_DATA_DIR: dataDir, ESMHUB_MODELS_DIR: modelsDir,
      ESMHUB_RANK_THREADS: "1", ESMHUB_POLL_MS: "100", ESMHUB_SEED: "0",
    };
    console.log(`  ${availableParallelism()} CPUs; each worker process ranks on 1 thread (ESMHUB_RANK_THREADS=1, the default here)`);
    console.log("  workers |  wall s | ranking s | ESMs/s | speed-up");
    let first = 0;
    for (const count of counts) {
      const job = await store.submit(ctx, actor, { dataset: `${actor.name}/bench-target`, baseModel: BASE_MODEL, options: { evidence: "reference", logmeBaseline: false, textEmb: false } });
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        children.push(spawn(process.execPath, [path.join(root, "bin", "esmhub.mjs"), "worker"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }));
      }
      let row = await store.get(job.id);
      while (row && (row.status === "queued" || row.status === "running")) {
        await sleep(100);
        row = await store.get(job.id);
      }
      const wall = (performance.now() - started) / 1000;
      for (const c of children.splice(0)) c.kill("SIGTERM");
      if (row?.status !== "done") throw new Error(`job ${job.id} ended ${row?.status}: ${row?.error}`);
      const timings = JSON.parse(row.timings ?? "{}") as JobTimings;
      const rank = timings.rank ?? wall;
      first ||= rank;
      console.log(`  ${String(count).padStart(7)} | ${wall.toFixed(1).padStart(7)} | ${rank.toFixed(1).padStart(9)} | ${(esms / rank).toFixed(1).padStart(6)} | ${(first / rank).toFixed(2)}×`);
      await sleep(1000);
    }
    console.log("  (wall: submit to done, including process start and target embedding; ranking: the job's ranking phase)");
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await db.$disconnect();
    await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await rm(work, { recursive: true, force: true });
  }
}
