import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CARD_BYTES } from "./commit";
import { commitFiles, createRepo, createUser, type Actor, type RegistryContext } from "./index";
import { registryBackends } from "./test-backends";

let dir: string;
let ctx: RegistryContext;
let close: () => Promise<void>;
let alice: Actor;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "esmhub-card-"));
  ({ ctx, close } = await registryBackends[0].open(dir));
  const user = await createUser(ctx.db, { name: "alice", password: "correct horse" });
  alice = { id: user.id, name: user.name, scope: "write" };
  await createRepo(ctx, alice, { kind: "dataset", name: "notes" });
});

afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

describe("model card size", () => {
  it("refuses a card over the limit with the limit named, storing nothing", async () => {
    const commits = await ctx.db.commit.count();
    const blobs = await ctx.db.blob.count();
    const card = new TextEncoder().encode("#".repeat(MAX_CARD_BYTES + 1));
    await expect(commitFiles(ctx, alice, { kind: "dataset", repo: "alice/notes", message: "huge card", files: [{ path: "README.md", content: card }] }))
      .rejects.toMatchObject({ code: "PayloadTooLarge", status: 413, message: expect.stringContaining("1024 KB") });
    expect(await ctx.db.commit.count()).toBe(commits);
    expect(await ctx.db.blob.count()).toBe(blobs);
  });

  it("accepts a card at the limit, and later commits that leave the card alone keep it", async () => {
    const card = "x".repeat(MAX_CARD_BYTES);
    await commitFiles(ctx, alice, { kind: "dataset", repo: "alice/notes", message: "card", files: [{ path: "README.md", content: new TextEncoder().encode(card) }] });
    await commitFiles(ctx, alice, { kind: "dataset", repo: "alice/notes", message: "data", files: [{ path: "data.csv", content: new TextEncoder().encode("a,b\n") }] });
    expect((await ctx.db.repo.findFirst({ where: { fullName: "alice/notes" } }))?.cardText).toBe(card);
  });
});
