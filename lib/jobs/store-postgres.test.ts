import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db";
import { migrate } from "../migrate";
import { createRepo, createUser, resolveRevision } from "../registry";
import { createBlobStore } from "../storage";
import { createTestPostgresDatabase, type TestDatabase } from "../testing";
import { JobStore } from "./store";

// The PostgreSQL claim (UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)) with workers on separate connections.
describe("the job queue on PostgreSQL", () => {
  let database: TestDatabase;
  let dir: string;
  const clients: Db[] = [];

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-pg-jobs-"));
    await migrate({ kind: "postgres", url: database.url });
    for (let i = 0; i < 3; i++) clients.push(createDb({ kind: "postgres", url: database.url }));
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives every queued job to exactly one of several racing workers, oldest first", async () => {
    const db = clients[0];
    const ctx = { db, blobs: createBlobStore({ ESMHUB_DATA_DIR: dir }) };
    const user = await createUser(db, { name: "alice" });
    await createRepo(ctx, { id: user.id, name: "alice", scope: "write" }, { kind: "dataset", name: "target" });
    const { repo, commit } = await resolveRevision(ctx, "dataset", "alice/target", "main");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const job = await db.rankingJob.create({
        data: { datasetRepoId: repo.id, datasetCommitId: commit.id, baseModel: "esmhub/demo-bert-tiny", createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
      });
      ids.push(job.id);
    }

    const stores = clients.map((c) => new JobStore(c, "postgres"));
    const claimed = await Promise.all(stores.map(async (store, w) => {
      const mine: string[] = [];
      for (let job = await store.claim(`w${w}`); job; job = await store.claim(`w${w}`)) {
        expect(job).toMatchObject({ status: "running", claimedBy: `w${w}`, attempts: 1 });
        mine.push(job.id);
      }
      return mine;
    }));

    const all = claimed.flat();
    expect(all.sort()).toEqual([...ids].sort());
    for (const mine of claimed) expect(mine).toEqual([...mine].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
    expect(await db.rankingJob.count({ where: { status: "queued" } })).toBe(0);
  });
});
