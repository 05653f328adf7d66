import { readdirSync, readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "./config";

const MIGRATIONS_ROOT = path.resolve(import.meta.dirname, "..", "prisma", "migrations");

interface Migration {
  name: string;
  sql: string;
}

function migrationsFor(kind: DatabaseTarget["kind"]): Migration[] {
  const folder = path.join(MIGRATIONS_ROOT, kind);
  return readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ""), sql: readFileSync(path.join(folder, f), "utf8") }));
}

/**
 * Applies the committed SQL migrations that the database has not seen yet, each in its own
 * transaction, and records them in _esmhub_migrations. Returns the names applied now.
 * (Prisma 7's migrate needs a schema-engine download, which is impossible offline.)
 */
export async function migrate(target: DatabaseTarget = databaseTarget()): Promise<string[]> {
  const migrations = migrationsFor(target.kind);
  return target.kind === "postgres" ? migratePostgres(target.url, migrations) : migrateSqlite(target.url, migrations);
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const file = url.slice("file:".length);
  if (file && !file.startsWith(":")) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 15_000 });
  try {
    // WAL lets the site read while the ranking worker writes progress; the setting is stored in the file.
    if (!file.startsWith(":")) db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_esmhub_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
    const done = new Set((db.prepare(`SELECT "name" FROM "_esmhub_migrations"`).all() as { name: string }[]).map((r) => r.name));
    const record = db.prepare(`INSERT INTO "_esmhub_migrations" ("name", "appliedAt") VALUES (?, ?)`);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.name, new Date().toISOString());
      }).immediate();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several hub processes may start at once: serialise them on an advisory lock.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_esmhub_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query(`SELECT "name" FROM "_esmhub_migrations"`)).rows.map((r: { name: string }) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_esmhub_migrations" ("name") VALUES ($1)`, [m.name]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
