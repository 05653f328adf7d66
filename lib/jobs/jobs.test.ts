import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBenchEsms } from "../../scripts/seed-rank-bench";
import { writeTinyBert } from "../../scripts/tiny-bert/write";
import { loadBaseModel } from "../embed";
import { parseEsmWeights } from "../esm";
import { rankEsms, type EsmSource } from "../rank";
import { commitFiles, commitManifest, createRepo, getFile, readBlob, streamToBytes, DEMO_BASE_MODEL_ID, type Actor } from "../registry";
import { ingestTarget, loadRankingSample } from "../targets";
import { jobView, JobStore, parseJobOptions } from "./index";
import { tempRegistry } from "./test-helpers";
import { JobWorker } from "./worker";

const CSV = new Uint8Array(readFileSync(path.join(import.meta.dirname, "fixtures", "reviews.csv")));
const DEMO_MODEL_DIR = path.resolve(import.meta.dirname, "..", "..", "models", "esmhub-demo-bert-tiny");

let env: Awaited<ReturnType<typeof tempRegistry>>;
let alice: Actor;
let worker: JobWorker;
let store: JobStore;

beforeAll(async () => {
  env = await tempRegistry("esmhub-jobs-");
  alice = env.alice;
  store = new JobStore(env.ctx.db, "sqlite");
  worker = new JobWorker(env.ctx, { threads: 1, log: () => {} });
  await seedBenchEsms(env.ctx, { count: 12, dim: 32, meanEvery: 4 });
  await ingestTarget(env.ctx, alice, { name: "reviews", filename: "reviews.csv", bytes: CSV, numExamples: 200 });
});

afterAll(async () => {
  await worker.stop();
  await env.ctx.db.$disconnect();
  rmSync(env.dir, { recursive: true, force: true });
});

describe("target ingestion", () => {
  it("stores the file, its ranking config and a card, and the dataset row", async () => {
    const { commit } = await getFile(env.ctx, "dataset", "alice/reviews", "main", "README.md");
    const paths = (await commitManifest(env.ctx, commit.id)).map((f) => f.path);
    expect(paths).toEqual([".gitattributes", "README.md", "data/target.csv", "esmhub-target.json"]);
    const config = JSON.parse(new TextDecoder().decode(await streamToBytes(await (await getFile(env.ctx, "dataset", "alice/reviews", "main", "esmhub-target.json")).open())));
    expect(config).toMatchObject({ file: "data/target.csv", textColumns: ["review"], labelColumn: "sentiment", taskType: "classification", numExamples: 200, seed: 42, labelNames: ["negative", "positive"] });
    const row = await env.ctx.db.dataset.findUnique({ where: { id: "alice/reviews" } });
    expect(row).toMatchObject({ taskType: "classification", numRows: 240, labelColumn: "sentiment" });
    expect(JSON.parse(row!.textColumns!)).toEqual(["review"]);
  });

  it("honours column and task overrides", async () => {
    const out = await ingestTarget(env.ctx, alice, { name: "stars", filename: "r.csv", bytes: CSV, textColumns: ["review"], labelColumn: "stars", taskType: "regression" });
    expect(out.config).toMatchObject({ labelColumn: "stars", taskType: "regression", numExamples: 1000 });
    expect(out.selected).toBe(240);
  });

  const bad: [string, Uint8Array, object, RegExp][] = [
    ["an empty file", new Uint8Array(), {}, /empty/i],
    ["a missing column", CSV, { labelColumn: "nope" }, /not in the file/],
    ["a one-class target", new TextEncoder().encode("text,label\na,1\nb,1\nc,1\n"), {}, /only one class/],
    ["an unreadable encoding", Uint8Array.from([0x74, 0x2c, 0x6c, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a]), {}, /UTF-8/],
  ];
  for (const [what, bytes, opts, message] of bad) {
    it(`refuses ${what} and stores nothing`, async () => {
      const repos = await env.ctx.db.repo.count();
      const blobs = env.ctx.blobs.map.size;
      await expect(ingestTarget(env.ctx, alice, { name: "bad-target", filename: "t.csv", bytes, ...opts })).rejects.toThrow(message);
      expect(await env.ctx.db.repo.count()).toBe(repos);
      expect(env.ctx.blobs.map.size).toBe(blobs);
      expect(await env.ctx.db.dataset.findUnique({ where: { id: "alice/bad-target" } })).toBeNull();
    });
  }

  it("refuses files over the size limit", async () => {
    process.env.ESMHUB_MAX_TARGET_MB = "0.001";
    try {
      await expect(ingestTarget(env.ctx, alice, { name: "big", filename: "t.csv", bytes: CSV })).rejects.toThrow(/limit is/);
    } finally {
      delete process.env.ESMHUB_MAX_TARGET_MB;
    }
  });
});

describe("ranking jobs", () => {
  it("ranks exactly as rankEsms on the same embeddings, with baselines and phase timings", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    expect(job).toMatchObject({ status: "queued", total: 12 });
    await worker.drain();
    const view = (await jobView(env.ctx.db, job.id))!;
    expect(view.status).toBe("done");
    expect(view.error).toBeNull();
    expect(view.results).toHaveLength(12);
    expect(view.synthetic).toBe(true);
    expect(Object.keys(view.timings!)).toEqual(expect.arrayContaining(["loadTarget", "embed", "rank", "loadWeights", "esmLogme", "total"]));

    // Independent path: the same sample, embedded directly, ESMs read straight from the registry.
    const { prepared } = await loadRankingSample(env.ctx, "alice/reviews", job.datasetCommitId);
    const model = await loadBaseModel(DEMO_MODEL_DIR);
    const x = await model.embed(prepared.texts);
    await model.close();
    const esms = await env.ctx.db.esmInfo.findMany({ include: { repo: true } });
    const sources: EsmSource<null>[] = await Promise.all(esms.map(async (e) => {
      const file = (await commitManifest(env.ctx, e.commitId)).find((f) => f.path === "model.safetensors")!;
      const w = parseEsmWeights(await readBlob(env.ctx, file.blobSha256));
      return { id: e.repo.fullName, meta: null, load: async () => ({ weight: w.weight.slice(), bias: w.bias.slice(), dim: w.dim }) };
    }));
    const expected = await rankEsms({ embeddings: x.data, n: x.n, d: x.d, labels: prepared.labels, task: "classification" }, sources, { size: 0 });
    expect(view.results.map((r) => r.esmRepo)).toEqual(expected.ranked.map((r) => r.id));
    view.results.forEach((r, i) => expect(r.score).toBeCloseTo(expected.ranked[i].score, 9));

    const identity = { id: "x", meta: null, load: async () => {
      const weight = new Float32Array(32 * 32);
      for (let i = 0; i < 32; i++) weight[i * 33] = 1;
      return { weight, bias: new Float32Array(32), dim: 32 };
    } };
    const base = await rankEsms({ embeddings: x.data, n: x.n, d: x.d, labels: prepared.labels, task: "classification" }, [identity], { size: 0 });
    expect((view.baselines!.logme as { score: number }).score).toBeCloseTo(base.ranked[0].score, 9);
    const textEmb = view.baselines!.textEmb as { ranked: { score: number }[] };
    expect(textEmb.ranked).toHaveLength(3);
    expect(textEmb.ranked[0].score).toBeGreaterThanOrEqual(textEmb.ranked[2].score);
  });

  it("reuses cached embeddings the second time", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({ textEmb: false }) });
    await worker.drain();
    const view = (await jobView(env.ctx.db, job.id))!;
    expect(view.status).toBe("done");
    expect(view.timings!.embedCached).toBe(true);
    expect(view.baselines!.textEmb).toBeUndefined();
  });

  it("ranks with a base model uploaded to this hub as a model repo, reloading it when the repo moves", async () => {
    const dir = path.join(env.dir, "uploaded-bert");
    await writeTinyBert(dir, { seed: 7 });
    const files = readdirSync(dir).filter((f) => f !== "onnx").map((f) => ({ path: f, content: new Uint8Array(readFileSync(path.join(dir, f))) }));
    await createRepo(env.ctx, alice, { kind: "esm", name: "tiny-base" });
    const first = await commitFiles(env.ctx, alice, { kind: "esm", repo: "alice/tiny-base", message: "checkpoint", files });
    await seedBenchEsms(env.ctx, { count: 3, dim: 32, baseModel: "alice/tiny-base", owner: "tinybase" });
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: "alice/tiny-base", options: parseJobOptions({ textEmb: false }) });
    await worker.drain();
    const view = (await jobView(env.ctx.db, job.id, { withResults: true }))!;
    expect(view.error).toBeNull();
    expect(view.status).toBe("done");
    expect(view.results).toHaveLength(3);
    // The job embedded with the repo's own bytes, copied from the blob store per commit.
    const copy = path.join(env.dir, "models", ".registry", first.commitId);
    expect(readFileSync(path.join(copy, "model.safetensors"))).toEqual(readFileSync(path.join(dir, "model.safetensors")));

    await writeTinyBert(dir, { seed: 8 });
    const second = await commitFiles(env.ctx, alice, {
      kind: "esm", repo: "alice/tiny-base", message: "new weights",
      files: [{ path: "model.safetensors", content: new Uint8Array(readFileSync(path.join(dir, "model.safetensors"))) }],
    });
    const again = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: "alice/tiny-base", options: parseJobOptions({ textEmb: false }) });
    await worker.drain();
    expect((await jobView(env.ctx.db, again.id))!.status).toBe("done");
    expect(readFileSync(path.join(env.dir, "models", ".registry", second.commitId, "model.safetensors"))).toEqual(readFileSync(path.join(dir, "model.safetensors")));
  });

  it("fails a job whose base model is not available locally, with the reason", async () => {
    await seedBenchEsms(env.ctx, { count: 1, dim: 768, baseModel: "bert-base-multilingual-uncased", owner: "mbert" });
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: "bert-base-multilingual-uncased", options: parseJobOptions({}) });
    expect(job.baseModel).toBe("google-bert/bert-base-multilingual-uncased");
    await worker.drain();
    const view = (await jobView(env.ctx.db, job.id))!;
    expect(view.status).toBe("failed");
    expect(view.error).toMatch(/is not on this hub \(upload it as a model repo/);
  });

  it("refuses a base model without ESMs at submit", async () => {
    await expect(store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: "roberta-base", options: parseJobOptions({}) })).rejects.toThrow(/no ESMs/);
  });

  it("lets exactly one worker claim a job", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    const claims = await Promise.all([store.claim("w1"), store.claim("w2"), store.claim("w3")]);
    expect(claims.filter(Boolean).map((c) => c!.id)).toEqual([job.id]);
    await store.fail(job.id, claims.find(Boolean)!.claimedBy!, "test over");
  });

  it("cancels a queued job at once and a running one at its next heartbeat", async () => {
    const queued = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    expect((await store.cancel(queued.id, alice))!.status).toBe("cancelled");
    expect(await store.claim("w")).toBeNull();

    const running = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    await store.claim("w");
    await store.cancel(running.id, alice);
    expect(await store.heartbeat(running.id, "w")).toEqual({ owned: true, cancelRequested: true });
    await expect(store.cancel(running.id, { id: "someone", name: "bob", scope: "write" })).rejects.toThrow(/only the user/);
    await store.markCancelled(running.id, "w");
  });

  it("queues a job whose worker died again once, then fails it with the reason", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    await store.claim("dead-worker");
    const later = new Date(Date.now() + 60_000);
    expect(await store.recoverStale(later)).toEqual({ requeued: 1, failed: 0 });
    expect((await store.get(job.id))!.status).toBe("queued");
    await store.claim("dead-worker-2");
    expect(await store.recoverStale(later)).toEqual({ requeued: 0, failed: 1 });
    const failed = (await store.get(job.id))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/stopped/);
  });

  it("resumes a recovered job to completion", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    await store.claim("crashed");
    await store.recoverStale(new Date(Date.now() + 60_000));
    await worker.drain();
    expect((await store.get(job.id))!.status).toBe("done");
    expect(await env.ctx.db.rankingResult.count({ where: { jobId: job.id } })).toBe(12);
  });

  it("limits the rankings one user has queued or running at once (ESMHUB_MAX_ACTIVE_JOBS)", async () => {
    const submit = () => store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    const jobs = [await submit(), await submit(), await submit()];
    await expect(submit()).rejects.toMatchObject({ code: "TooManyRequests", status: 429, message: expect.stringContaining("limit is 3") });
    await store.cancel(jobs[0].id, alice);
    jobs.push(await submit());
    for (const j of jobs.slice(1)) await store.cancel(j.id, alice);
  });

  it("fails a ranking that runs past its time limit, with the reason", async () => {
    const job = await store.submit(env.ctx, alice, { dataset: "alice/reviews", baseModel: DEMO_BASE_MODEL_ID, options: parseJobOptions({}) });
    const hurried = new JobWorker(env.ctx, { threads: 1, timeLimitS: 0.001, log: () => {} });
    expect(await hurried.runJob(job.id)).toBe(true);
    await hurried.stop();
    const failed = (await store.get(job.id))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/time limit of 0.001 s/);
    expect(await env.ctx.db.rankingResult.count({ where: { jobId: job.id } })).toBe(0);
  });
});
