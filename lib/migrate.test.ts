import { readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "./config";
import { migrate } from "./migrate";
import { createTempDataDir, type TempDataDir } from "./testing/data-dir";
import { createTestPostgresDatabase, type TestDatabase } from "./testing/postgres";

const migrationNames = (kind: DatabaseTarget["kind"]) =>
  readdirSync(path.resolve(import.meta.dirname, "../prisma/migrations", kind))
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => f.replace(/\.sql$/, ""));

const MODEL_TABLES = ["ApiToken", "Blob", "Branch", "Commit", "CommitFile", "Dataset", "EsmInfo", "RankingJob", "Repo", "User"];

async function sqliteTables(url: string): Promise<string[]> {
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    return rows.map((r) => r.name).sort();
  } finally {
    db.close();
  }
}

async function postgresTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    return rows.map((r: { table_name: string }) => r.table_name).sort();
  } finally {
    await client.end();
  }
}

describe("migrate on a fresh SQLite file", () => {
  let dir: TempDataDir;
  beforeAll(() => {
    dir = createTempDataDir();
  });
  afterAll(() => dir.remove());

  it("applies every migration in order, creating the folder of the database file", async () => {
    const url = `file:${path.join(dir.dir, "nested", "hub.db")}`;
    expect(migrationNames("sqlite").length).toBeGreaterThan(0);
    expect(await migrate({ kind: "sqlite", url })).toEqual(migrationNames("sqlite"));
    const tables = await sqliteTables(url);
    expect(tables).toEqual(expect.arrayContaining([...MODEL_TABLES, "_esmhub_migrations"]));
  });

  it("is idempotent: a second run applies nothing", async () => {
    const url = `file:${path.join(dir.dir, "twice.db")}`;
    await migrate({ kind: "sqlite", url });
    expect(await migrate({ kind: "sqlite", url })).toEqual([]);
    const db = new Database(url.slice("file:".length), { readonly: true });
    const recorded = (db.prepare(`SELECT name FROM "_esmhub_migrations" ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(recorded).toEqual(migrationNames("sqlite"));
  });
});

describe("migrate on a fresh PostgreSQL database", () => {
  const dbs: TestDatabase[] = [];
  const freshDb = async () => {
    const db = await createTestPostgresDatabase();
    dbs.push(db);
    return db.url;
  };
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it("applies every migration in order and is idempotent", async () => {
    const url = await freshDb();
    expect(await migrate({ kind: "postgres", url })).toEqual(migrationNames("postgres"));
    expect(await migrate({ kind: "postgres", url })).toEqual([]);
    expect(await postgresTables(url)).toEqual(expect.arrayContaining([...MODEL_TABLES, "_esmhub_migrations"]));
  });

  it("creates the same tables as on SQLite", async () => {
    const dir = createTempDataDir();
    try {
      await migrate({ kind: "sqlite", url: dir.databaseUrl });
      const url = await freshDb();
      await migrate({ kind: "postgres", url });
      expect(await postgresTables(url)).toEqual(await sqliteTables(dir.databaseUrl));
    } finally {
      dir.remove();
    }
  });

  it("serialises concurrent runs: each migration is applied exactly once", async () => {
    const url = await freshDb();
    const runs = await Promise.all([1, 2, 3].map(() => migrate({ kind: "postgres", url })));
    expect(runs.flat().sort()).toEqual(migrationNames("postgres"));
  });
});
