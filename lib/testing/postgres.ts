import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import pg from "pg";
import { testPostgresUrl } from "./services";

export interface TestDatabase {
  name: string;
  /** postgresql:// URL of the new, empty database. */
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name on the test PostgreSQL server. */
export async function createTestPostgresDatabase(serverUrl: string = testPostgresUrl()): Promise<TestDatabase> {
  const name = `esmhub_t_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE ends connections a test left open (pools, Prisma clients).
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * One fresh database for the calling test file: created before its tests, dropped after them.
 * Read `.url` inside tests or hooks, not at module load.
 */
export function withPostgresTestDatabase(): { readonly url: string } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestPostgresDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get url(): string {
      if (!db) throw new Error("the test database exists only inside tests and hooks");
      return db.url;
    },
  };
}
