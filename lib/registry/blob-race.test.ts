import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "./hashing";
import { commitFiles, createRepo, createUser, deleteRepo, getFile, streamToBytes, type Actor, type RegistryContext } from "./index";
import { registryBackends } from "./test-backends";

/**
 * Deleting a repo while another user commits the same bytes elsewhere: before blob pinning, the delete removed
 * the shared blob after the commit had skipped its upload (25 of 30 tries lost the file).
 */
const ROUNDS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(registryBackends)("blob lifetime on $name", (backend) => {
  let dir: string;
  let ctx: RegistryContext;
  let close: () => Promise<void>;
  let alice: Actor;
  let bob: Actor;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-blob-race-"));
    ({ ctx, close } = await backend.open(dir));
    const a = await createUser(ctx.db, { name: "alice", password: "correct horse" });
    const b = await createUser(ctx.db, { name: "bob", password: "battery staple" });
    alice = { id: a.id, name: a.name, scope: "write" };
    bob = { id: b.id, name: b.name, scope: "write" };
  });

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`loses no committed file when a repo with the same bytes is deleted concurrently (${ROUNDS} rounds)`, async () => {
    const onlyAlice: string[] = [];
    let commits = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const shared = new Uint8Array(randomBytes(4096 + i));
      const own = new Uint8Array(randomBytes(1024));
      onlyAlice.push(sha256Hex(own));
      await createRepo(ctx, alice, { kind: "dataset", name: `source-${i}` });
      await commitFiles(ctx, alice, { kind: "dataset", repo: `alice/source-${i}`, message: "add", files: [{ path: "data.bin", content: shared }, { path: "own.bin", content: own }] });
      await createRepo(ctx, bob, { kind: "dataset", name: `copy-${i}` });
      // Vary who goes first by a few milliseconds so that every interleaving of check, upload and sweep occurs.
      const lead = i % 5;
      const [, committed] = await Promise.all([
        sleep(lead % 2 ? lead : 0).then(() => deleteRepo(ctx, alice, "dataset", `alice/source-${i}`)),
        sleep(lead % 2 ? 0 : lead).then(() => commitFiles(ctx, bob, { kind: "dataset", repo: `bob/copy-${i}`, message: "same bytes", files: [{ path: "copy.bin", content: shared }] })),
      ]);
      expect(committed.commitId).toMatch(/^[0-9a-f]{40}$/);
      commits++;
      const file = await getFile(ctx, "dataset", `bob/copy-${i}`, "main", "copy.bin");
      expect(await streamToBytes(await file.open())).toEqual(shared);
    }
    expect(commits).toBe(ROUNDS);

    // Every file of every commit has its bytes; the bytes only the deleted repos had are gone, rows and storage.
    const referenced = await ctx.db.commitFile.findMany({ select: { blobSha256: true }, distinct: ["blobSha256"] });
    for (const { blobSha256 } of referenced) expect(await ctx.blobs.has(blobSha256), blobSha256).toBe(true);
    for (const sha of onlyAlice) {
      expect(await ctx.db.blob.count({ where: { sha256: sha } })).toBe(0);
      expect(await ctx.blobs.has(sha)).toBe(false);
    }
    expect(await ctx.db.blob.count({ where: { OR: [{ pins: { gt: 0 } }, { state: { not: "live" } }] } })).toBe(0);
  }, 300_000);
});
