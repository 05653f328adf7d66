import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { migrate } from "../migrate";
import { commitFiles, createRepo, createUser, datasetWithEsms, visibleDatasetCount, type Actor, type RegistryContext } from "../registry";
import { createBlobStore } from "../storage";
import { ingestTarget } from "../targets";
import { listDatasets, parseDatasetList } from "./datasets";

/** Private ESMs and private targets leave no trace on the public dataset pages, index or counts. */
const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/esm-logme/esms/ESM_source_0");
let dir: string;
let db: Db;
let ctx: RegistryContext;
let alice: Actor;

async function publishEsm(name: string, taskId: string, language: string, isPrivate: boolean) {
  const config = { ...JSON.parse(readFileSync(path.join(FIXTURE, "config.json"), "utf8")), task_id: taskId, language };
  await createRepo(ctx, alice, { kind: "esm", name, private: isPrivate });
  await commitFiles(ctx, alice, {
    kind: "esm", repo: `alice/${name}`, message: "add", files: [
      { path: "config.json", content: new TextEncoder().encode(JSON.stringify(config)) },
      { path: "model.safetensors", content: new Uint8Array(readFileSync(path.join(FIXTURE, "model.safetensors"))) },
    ],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "esmhub-private-"));
  const target = { kind: "sqlite" as const, url: "file:" + path.join(dir, "db.sqlite") };
  await migrate(target);
  db = createDb(target);
  ctx = { db, blobs: createBlobStore({ ESMHUB_DATA_DIR: dir, S3_ENDPOINT: "", S3_BUCKET: "" }) };
  const user = await createUser(db, { name: "alice", password: "correct horse" });
  alice = { id: user.id, name: user.name, scope: "write" };
  await publishEsm("ESM_secret", "secret-corp/internal-tickets", "tlh", true);
  await publishEsm("ESM_public", "public/reviews", "en", false);
  const csv = new TextEncoder().encode("text,label\ngood,1\nbad,0\nfine,1\nawful,0\n");
  await ingestTarget(ctx, alice, { name: "private-target", filename: "t.csv", bytes: csv, private: true });
  await ingestTarget(ctx, alice, { name: "public-target", filename: "t.csv", bytes: csv });
});

afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("private repos on dataset pages", () => {
  it("a private ESM's task id has no dataset page facts", async () => {
    expect(await datasetWithEsms(db, "secret-corp/internal-tickets")).toEqual({ dataset: null, esms: [] });
    const shown = await datasetWithEsms(db, "public/reviews");
    expect(shown.dataset?.language).toBe("en");
    expect(shown.esms.map((e) => e.repo.fullName)).toEqual(["alice/ESM_public"]);
  });

  it("a private target's stats are not shown", async () => {
    expect((await datasetWithEsms(db, "alice/private-target")).dataset).toBeNull();
    expect((await datasetWithEsms(db, "alice/public-target")).dataset?.numRows).toBe(4);
  });

  it("the index and the home page count list only what is public", async () => {
    const listed = await listDatasets(db, parseDatasetList({}));
    expect(listed.items.map((i) => i.id).sort()).toEqual(["alice/public-target", "public/reviews"]);
    expect(listed.total).toBe(2);
    expect(await visibleDatasetCount(db)).toBe(2);
    const targets = await listDatasets(db, parseDatasetList({ kind: "target" }));
    expect(targets.items.map((i) => i.id)).toEqual(["alice/public-target"]);
  });
});
