// Base models as repos of a running hub, end to end with the real clients: transformers writes checkpoints, the
// stock Python client uploads them, transformers loads them back through HF_ENDPOINT, and the hub embeds with the
// same repos (from its own registry) and ranks ESMs of one of them. The JS client uploads and downloads one too.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { downloadFile, uploadFiles } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBenchEsms } from "../../scripts/seed-rank-bench";
import { jobView, JobStore, parseJobOptions } from "../jobs";
import { BaseModels } from "../jobs/run";
import { JobWorker } from "../jobs/worker";
import { createRepo } from "../registry";
import { ingestTarget } from "../targets";
import { runReference } from "../testing/reference";
import { createUserWithToken, startTestHub, type TestHub } from "./testing";

const FAMILIES = ["bert", "distilbert", "roberta", "xlm-roberta", "bert-fp16"];
const POOLING: Record<string, string> = { bert: "pooler", distilbert: "cls", roberta: "cls", "xlm-roberta": "cls", "bert-fp16": "pooler" };
const CSV = readFileSync(path.join(import.meta.dirname, "..", "jobs", "fixtures", "reviews.csv"));

interface Uploaded { name: string; repo_id: string; commit: string; sha: string; info_id: string; files: string[]; embeddings: number[][] }

let hub: TestHub;
let work: string;
let token: string;
let texts: string[];
let uploaded: Uploaded[];
let models: BaseModels;
const savedDataDir = process.env.ESMHUB_DATA_DIR;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "esmhub-roundtrip-"));
  process.env.ESMHUB_DATA_DIR = path.join(work, "data");
  hub = await startTestHub();
  ({ token } = await createUserWithToken(hub.registry.db, "alice", "write"));
  texts = (JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "embed", "tokenizer", "torture.json"), "utf8")) as { strings: string[] }).strings.slice(0, 160);
  const out = await runReference<{ models: Uploaded[] }>(
    "checkpoint_roundtrip.py",
    { texts, owner: "alice", workdir: work, names: FAMILIES },
    {
      HF_ENDPOINT: hub.url, HF_TOKEN: token, HF_HOME: path.join(work, "hf-home"), HF_HUB_CACHE: path.join(work, "hf-home", "hub"),
      HF_HUB_OFFLINE: "0", HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_PROGRESS_BARS: "1",
    },
  );
  uploaded = out.models;
  models = new BaseModels(hub.registry);
}, 600_000);

afterAll(async () => {
  await models?.close();
  await hub?.close();
  if (savedDataDir === undefined) delete process.env.ESMHUB_DATA_DIR;
  else process.env.ESMHUB_DATA_DIR = savedDataDir;
  rmSync(work, { recursive: true, force: true });
});

describe("base-model checkpoints through the hub", () => {
  it("stores each upload as a model repo transformers loads back by id", async () => {
    expect(uploaded.map((u) => u.name)).toEqual(FAMILIES);
    for (const u of uploaded) {
      expect(u.sha).toBe(u.commit);
      expect(u.info_id).toBe(u.repo_id);
      expect(u.files).toEqual(expect.arrayContaining(["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"]));
      const repo = await hub.registry.db.repo.findFirst({ where: { fullName: u.repo_id }, include: { esm: true } });
      expect(repo?.esm).toBeNull();
    }
  });

  it.each(FAMILIES)("%s: the hub's embeddings from its own repo match transformers' from the same repo within 1e-5", async (name) => {
    const u = uploaded.find((m) => m.name === name)!;
    const model = await models.get(u.repo_id);
    expect(model.pooling).toBe(POOLING[name]);
    const out = await model.embed(texts);
    let worst = 0;
    u.embeddings.forEach((row, i) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(out.data[i * out.d + k] - v)))));
    expect(out.n).toBe(u.embeddings.length);
    expect(worst).toBeLessThan(1e-5);
    console.info(`checkpoint round trip ${name}: max |Δ| = ${worst.toExponential(2)}`);
  });

  it("runs a ranking job against ESMs of an uploaded base model", async () => {
    const base = uploaded.find((m) => m.name === "roberta")!.repo_id;
    await seedBenchEsms(hub.registry, { count: 4, dim: 48, baseModel: base, owner: "esmlab" });
    const alice = { id: (await hub.registry.db.user.findUniqueOrThrow({ where: { name: "alice" } })).id, name: "alice", scope: "write" as const };
    await ingestTarget(hub.registry, alice, { name: "reviews", filename: "reviews.csv", bytes: new Uint8Array(CSV), numExamples: 100 });
    const store = new JobStore(hub.registry.db, "sqlite");
    const worker = new JobWorker(hub.registry, { threads: 1, log: () => {} });
    try {
      const job = await store.submit(hub.registry, alice, { dataset: "alice/reviews", baseModel: base, options: parseJobOptions({ textEmb: false }) });
      await worker.drain();
      const view = (await jobView(hub.registry.db, job.id, { withResults: true }))!;
      expect(view.error).toBeNull();
      expect(view.status).toBe("done");
      expect(view.results.every((r) => r.esmRepo.startsWith("esmlab/") && Number.isFinite(r.score))).toBe(true);
      expect(view.results).toHaveLength(4);
    } finally {
      await worker.stop();
    }
  });

  it("takes the same checkpoint from the JS client and gives its bytes back", async () => {
    const folder = path.join(work, "local", "distilbert");
    const files = readdirSync(folder).map((f) => ({ path: f, content: new Blob([readFileSync(path.join(folder, f))]) }));
    const alice = { id: (await hub.registry.db.user.findUniqueOrThrow({ where: { name: "alice" } })).id, name: "alice", scope: "write" as const };
    await createRepo(hub.registry, alice, { kind: "esm", name: "distilbert-js" });
    await uploadFiles({ repo: "alice/distilbert-js", files, accessToken: token, hubUrl: hub.url, useXet: false });
    const blob = await downloadFile({ repo: "alice/distilbert-js", path: "model.safetensors", hubUrl: hub.url, accessToken: token });
    expect(Buffer.from(await blob!.arrayBuffer())).toEqual(readFileSync(path.join(folder, "model.safetensors")));
    const model = await models.get("alice/distilbert-js");
    const reference = uploaded.find((m) => m.name === "distilbert")!.embeddings;
    const out = await model.embed(texts.slice(0, 10));
    expect(Math.max(...reference.slice(0, 10).flatMap((row, i) => row.map((v, k) => Math.abs(out.data[i * out.d + k] - v))))).toBeLessThan(1e-5);
  });
});
