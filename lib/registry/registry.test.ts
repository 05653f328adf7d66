import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { registryBackends as backends } from "./test-backends";
import {
  commitFiles, commitManifest, createRepo, createToken, createUser, actorFromToken, deleteRepo, getFile, resolveRevision,
  searchEsms, esmFacetCounts, streamToBytes, findRepo, recordDownload, RegistryError, type RegistryContext, type Actor,
} from "./index";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/esm-logme/esms");
const esmFiles = (folder: string) => [
  { path: "config.json", content: new Uint8Array(readFileSync(path.join(FIXTURES, folder, "config.json"))) },
  { path: "model.safetensors", content: new Uint8Array(readFileSync(path.join(FIXTURES, folder, "model.safetensors"))) },
];

describe.each(backends)("registry on $name", (backend) => {
  let dir: string;
  let ctx: RegistryContext;
  let db: Db;
  let alice: Actor;
  let bob: Actor;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-registry-"));
    ({ ctx, close } = await backend.open(dir));
    db = ctx.db;
    const a = await createUser(db, { name: "alice", password: "correct horse" });
    const b = await createUser(db, { name: "bob", password: "battery staple" });
    alice = { id: a.id, name: a.name, scope: "write" };
    bob = { id: b.id, name: b.name, scope: "write" };
  });

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function blobCount() {
    return db.blob.count();
  }

  describe("publishing", () => {
    it("publishes, lists and downloads an ESM byte-identical", async () => {
      await createRepo(ctx, alice, { kind: "esm", name: "ESM_source_0" });
      const files = esmFiles("ESM_source_0");
      const { commitId } = await commitFiles(ctx, alice, { kind: "esm", repo: "alice/ESM_source_0", message: "Upload ESM", files });
      expect(commitId).toMatch(/^[0-9a-f]{40}$/);

      const found = await searchEsms(db, { q: "source_0" });
      expect(found.repos.map((r) => r.fullName)).toEqual(["alice/ESM_source_0"]);
      expect(found.repos[0].esm).toMatchObject({ baseModel: "prajjwal1/bert-tiny", embeddingDim: 128, legacy: false, taskId: "demo/source_0" });

      for (const rev of ["main", "HEAD", commitId]) {
        const f = await getFile(ctx, "esm", "alice/ESM_source_0", rev, "model.safetensors");
        expect(Buffer.from(await streamToBytes(await f.open())).equals(Buffer.from(files[1].content))).toBe(true);
      }
      const ranged = await getFile(ctx, "esm", "alice/ESM_source_0", "main", "model.safetensors");
      expect([...(await streamToBytes(await ranged.open({ start: 0, end: 7 })))]).toEqual([...files[1].content.subarray(0, 8)]);
      const manifest = await commitManifest(ctx, commitId);
      expect(manifest.map((f) => f.path)).toEqual([".gitattributes", "config.json", "model.safetensors"]);
    });

    it("keeps old revisions readable after a new commit", async () => {
      const first = await resolveRevision(ctx, "esm", "alice/ESM_source_0", "main");
      const second = await commitFiles(ctx, alice, { kind: "esm", repo: "alice/ESM_source_0", message: "Add card", files: [{ path: "README.md", content: new TextEncoder().encode("# hi\n") }] });
      expect(second.parentId).toBe(first.commit.id);
      await expect(getFile(ctx, "esm", "alice/ESM_source_0", first.commit.id, "README.md")).rejects.toMatchObject({ code: "EntryNotFound" });
      expect((await getFile(ctx, "esm", "alice/ESM_source_0", "main", "README.md")).file.size).toBe(5);
      await expect(resolveRevision(ctx, "esm", "alice/ESM_source_0", "f".repeat(40))).rejects.toMatchObject({ code: "RevisionNotFound" });
    });

    it("flags the legacy ESM from its tensor names", async () => {
      await createRepo(ctx, alice, { kind: "esm", name: "ESM_source_4" });
      await commitFiles(ctx, alice, { kind: "esm", repo: "alice/ESM_source_4", message: "legacy", files: esmFiles("ESM_source_4") });
      const info = await db.esmInfo.findFirst({ where: { repo: { is: { fullName: "alice/ESM_source_4" } } } });
      expect(info?.legacy).toBe(true);
      const facets = await esmFacetCounts(db, {});
      expect(facets.embeddingDim).toEqual([{ value: "128", count: 2 }]);
    });

    it("refuses an invalid ESM and stores nothing", async () => {
      await createRepo(ctx, alice, { kind: "esm", name: "broken" });
      const before = await blobCount();
      const files = esmFiles("ESM_source_1");
      const weights = files[1].content.slice();
      new DataView(weights.buffer).setFloat32(weights.length - 4, NaN, true);
      const err = await commitFiles(ctx, alice, { kind: "esm", repo: "alice/broken", message: "bad", files: [files[0], { path: "model.safetensors", content: weights }] }).catch((e) => e);
      expect(err).toBeInstanceOf(RegistryError);
      expect(err.code).toBe("InvalidInput");
      expect(err.message).toMatch(/NaN/);
      expect(await blobCount()).toBe(before);
      const onlyConfig = await commitFiles(ctx, alice, { kind: "esm", repo: "alice/broken", message: "bad", files: [files[0]] }).catch((e) => e);
      expect(onlyConfig.message).toMatch(/missing model.safetensors/);
    });

    it("leaves no orphan blobs when the commit loses a race", async () => {
      const head = await resolveRevision(ctx, "esm", "alice/broken", "main");
      await commitFiles(ctx, alice, { kind: "esm", repo: "alice/broken", message: "move head", files: [{ path: "notes.txt", content: new TextEncoder().encode("x") }] });
      const before = await blobCount();
      const err = await commitFiles(ctx, alice, { kind: "esm", repo: "alice/broken", message: "stale", parentCommit: head.commit.id, files: esmFiles("ESM_source_2") }).catch((e) => e);
      expect(err.code).toBe("Conflict");
      expect(await blobCount()).toBe(before);
      const sha = (await db.commitFile.findFirst({ where: { path: "notes.txt" } }))!.blobSha256;
      expect(await ctx.blobs.has(sha)).toBe(true);
    });

    it("rejects bad repo names and paths", async () => {
      for (const name of ["a..b", "a/b", "has space", "x".repeat(200), "-lead", ""]) {
        await expect(createRepo(ctx, alice, { kind: "esm", name })).rejects.toMatchObject({ code: "InvalidInput" });
      }
      await expect(createUser(db, { name: "datasets", password: "long enough" })).rejects.toMatchObject({ code: "InvalidInput" });
    await expect(commitFiles(ctx, alice, { kind: "esm", repo: "alice/broken", message: "m", files: [{ path: "../etc/passwd", content: new Uint8Array(1) }] }))
        .rejects.toMatchObject({ code: "InvalidInput" });
    });
  });

  describe("permissions and tokens", () => {
    it("lets nobody touch another user's repo", async () => {
      await expect(commitFiles(ctx, bob, { kind: "esm", repo: "alice/ESM_source_0", message: "x", files: esmFiles("ESM_source_3") })).rejects.toMatchObject({ code: "Forbidden" });
      await expect(deleteRepo(ctx, bob, "esm", "alice/ESM_source_0")).rejects.toMatchObject({ code: "Forbidden" });
      await expect(createRepo(ctx, { ...alice, scope: "read" }, { kind: "esm", name: "ro" })).rejects.toMatchObject({ code: "Forbidden" });
      await expect(createRepo(ctx, alice, { kind: "esm", name: "ESM_source_0" })).rejects.toMatchObject({ code: "Conflict" });
    });

    it("creates hf_ tokens, stores only their hash, and revokes them", async () => {
      const created = await createToken(db, alice.id, { name: "ci", scope: "write" });
      expect(created.token).toMatch(/^hf_[A-Za-z]{34}$/);
      expect(await db.apiToken.count({ where: { tokenHash: created.token } })).toBe(0);
      expect(await actorFromToken(db, created.token)).toMatchObject({ name: "alice", scope: "write" });
      await db.apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
      expect(await actorFromToken(db, created.token)).toBeNull();
    });
  });

  describe("deleting", () => {
    it("removes the repo and the blobs only it used", async () => {
      const sha = (await db.commitFile.findFirst({ where: { path: "model.safetensors", commit: { repo: { fullName: "alice/ESM_source_4" } } } }))!.blobSha256;
      await deleteRepo(ctx, alice, "esm", "alice/ESM_source_4");
      expect(await ctx.blobs.has(sha)).toBe(false);
      expect((await searchEsms(db, {})).repos.map((r) => r.fullName)).toEqual(["alice/ESM_source_0"]);
      const shared = (await db.commitFile.findFirst({ where: { path: ".gitattributes" } }))!.blobSha256;
      expect(await ctx.blobs.has(shared)).toBe(true);
    });
  });
});
