import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "./config";
import { createDb, type Db } from "./db";
import { migrate } from "./migrate";
import { createTempDataDir } from "./testing/data-dir";
import { createTestPostgresDatabase } from "./testing/postgres";

/** Each target: a fresh, migrated database and a way to throw it away. */
const targets: { name: string; open: () => Promise<{ target: DatabaseTarget; dispose: () => Promise<void> }> }[] = [
  {
    name: "SQLite",
    open: async () => {
      const dir = createTempDataDir();
      return { target: { kind: "sqlite", url: dir.databaseUrl }, dispose: async () => dir.remove() };
    },
  },
  {
    name: "PostgreSQL",
    open: async () => {
      const db = await createTestPostgresDatabase();
      return { target: { kind: "postgres", url: db.url }, dispose: db.drop };
    },
  },
];

const sha = (c: string) => c.repeat(64);

for (const { name, open } of targets) {
  describe(`Prisma client on a migrated ${name} database`, () => {
    let db: Db;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      const opened = await open();
      dispose = opened.dispose;
      await migrate(opened.target);
      db = createDb(opened.target);
    });
    afterAll(async () => {
      await db?.$disconnect();
      await dispose?.();
    });

    it("creates and reads a user with nested tokens", async () => {
      const user = await db.user.create({
        data: { name: "alice", email: "a@example.org", tokens: { create: [{ name: "cli", tokenHash: sha("a"), hint: "abcd", scope: "write" }] } },
        include: { tokens: true },
      });
      expect(user.tokens).toHaveLength(1);
      const found = await db.apiToken.findUnique({ where: { tokenHash: sha("a") }, include: { user: true } });
      expect(found?.user.name).toBe("alice");
      expect(found?.createdAt).toBeInstanceOf(Date);
      expect(found?.revokedAt).toBeNull();
    });

    it("stores a repo with a commit, its files, blobs and a branch, and reads them through relations", async () => {
      const author = await db.user.create({ data: { name: "bob" } });
      await db.blob.create({ data: { sha256: sha("b"), size: 12 } });
      const repo = await db.repo.create({ data: { kind: "esm", owner: "bob", name: "m", fullName: "bob/m" } });
      const commit = await db.commit.create({
        data: {
          id: "c".repeat(40),
          repoId: repo.id,
          message: "init",
          authorId: author.id,
          files: { create: [{ path: "config.json", blobSha256: sha("b"), size: 12, gitSha1: "d".repeat(40) }] },
        },
      });
      await db.branch.create({ data: { repoId: repo.id, name: "main", commitId: commit.id } });

      const read = await db.repo.findUnique({
        where: { kind_fullName: { kind: "esm", fullName: "bob/m" } },
        include: { branches: { include: { commit: { include: { files: { include: { blob: true } }, author: true } } } } },
      });
      expect(read?.private).toBe(false);
      expect(read?.branches[0].commit.author?.name).toBe("bob");
      expect(read?.branches[0].commit.files[0]).toMatchObject({ path: "config.json", blob: { sha256: sha("b"), size: 12 } });
    });

    it("commits a transaction and rolls back a failed one", async () => {
      await db.$transaction([db.user.create({ data: { name: "carol" } }), db.user.create({ data: { name: "dave" } })]);
      expect(await db.user.count({ where: { name: { in: ["carol", "dave"] } } })).toBe(2);

      await expect(
        db.$transaction(async (tx) => {
          await tx.user.create({ data: { name: "erin" } });
          await tx.user.create({ data: { name: "carol" } }); // unique name: fails, so erin goes too
        }),
      ).rejects.toThrow();
      expect(await db.user.findUnique({ where: { name: "erin" } })).toBeNull();
    });

    // Branch→Commit is ON DELETE RESTRICT, which SQLite checks mid-cascade: branches go first (as deleteRepo does).
    it("cascades repo deletion to its commits and files once its branches are gone, keeping blobs", async () => {
      await db.blob.create({ data: { sha256: sha("e"), size: 1 } });
      const repo = await db.repo.create({
        data: {
          kind: "dataset",
          owner: "bob",
          name: "d",
          fullName: "bob/d",
          commits: { create: { id: "f".repeat(40), message: "x", files: { create: { path: "a.csv", blobSha256: sha("e"), size: 1, gitSha1: "0".repeat(40) } } } },
        },
      });
      await db.branch.create({ data: { repoId: repo.id, name: "main", commitId: "f".repeat(40) } });
      await db.$transaction([db.branch.deleteMany({ where: { repoId: repo.id } }), db.repo.delete({ where: { id: repo.id } })]);
      expect(await db.commit.count({ where: { repoId: repo.id } })).toBe(0);
      expect(await db.commitFile.count({ where: { commitId: "f".repeat(40) } })).toBe(0);
      expect(await db.branch.count({ where: { repoId: repo.id } })).toBe(0);
      expect(await db.blob.findUnique({ where: { sha256: sha("e") } })).not.toBeNull();
    });
  });
}
