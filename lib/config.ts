import path from "node:path";

/** Folder holding the SQLite file, the local blob store and caches. Two hubs with different folders share nothing. */
export function dataDir(): string {
  return path.resolve(process.env.ESMHUB_DATA_DIR ?? "data");
}

export type DatabaseKind = "sqlite" | "postgres";

export interface DatabaseTarget {
  kind: DatabaseKind;
  url: string;
}

/** No DATABASE_URL → an SQLite file under the data folder; postgres:// or postgresql:// → PostgreSQL. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "sqlite", url: "file:" + path.join(dataDir(), "esmhub.db") };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  if (url.startsWith("file:")) return { kind: "sqlite", url };
  throw new Error(`DATABASE_URL must start with postgresql:// or file: (got "${url.split(":")[0]}:…")`);
}
