import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "./generated/postgres/client";
import { databaseTarget, type DatabaseTarget } from "./config";

export type Db = PrismaClient;

/** Both generated clients have the same model API; the SQLite one serves as the shared type. */
export function createDb(target: DatabaseTarget = databaseTarget()): Db {
  if (target.kind === "postgres") {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
  }
  const file = target.url.slice("file:".length);
  if (file && !file.startsWith(":")) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new PrismaClient({ adapter: new PrismaLibSql({ url: target.url }) });
}

const globalForDb = globalThis as unknown as { esmhubDb?: Db };

/** The process-wide client (one per process; Next.js dev reloads reuse it). */
export function db(): Db {
  globalForDb.esmhubDb ??= createDb();
  return globalForDb.esmhubDb;
}
