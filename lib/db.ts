import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "./generated/postgres/client";
import { databaseTarget, type DatabaseTarget } from "./config";

export type Db = PrismaClient;

const SQLITE_BUSY_TIMEOUT_MS = 15_000;
/**
 * Prisma's defaults (2 s to start an interactive transaction, 5 s to finish it) fail commits under load: on SQLite
 * every transaction of a process waits for the one connection, behind 50 downloads' counter updates (measured in
 * e2e/load.spec.ts). Waiting longer is right; the busy timeout and the shutdown limit still bound it.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/** Both generated clients have the same model API; the SQLite one serves as the shared type. */
export function createDb(target: DatabaseTarget = databaseTarget()): Db {
  if (target.kind === "postgres") {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }), transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  }
  const file = target.url.slice("file:".length);
  if (file && !file.startsWith(":")) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // The web server, the ranking worker thread and CLI processes share one file: wait for a lock instead of failing.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }), transactionOptions: TRANSACTION_OPTIONS });
}

const globalForDb = globalThis as unknown as { esmhubDb?: Db };

/** The process-wide client (one per process; Next.js dev reloads reuse it). */
export function db(): Db {
  globalForDb.esmhubDb ??= createDb();
  return globalForDb.esmhubDb;
}
