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

/** A non-negative integer setting: the default when unset, a clear error when set to anything else. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
  return value;
}

export interface JobLimits {
  /** Rankings one user may have queued or running at once (ESMHUB_MAX_ACTIVE_JOBS; 0: no limit). */
  maxActivePerUser: number;
  /** Seconds a ranking may run before it is failed with the reason (ESMHUB_JOB_TIME_LIMIT_S; 0: no limit). */
  timeLimitS: number;
}

export function jobLimits(env: NodeJS.ProcessEnv = process.env): JobLimits {
  return { maxActivePerUser: intSetting(env, "ESMHUB_MAX_ACTIVE_JOBS", 3), timeLimitS: intSetting(env, "ESMHUB_JOB_TIME_LIMIT_S", 3600) };
}

/** ESMHUB_PUBLIC_URL: the origin clients use behind a proxy (absolute links, the CSRF origin check). */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ESMHUB_PUBLIC_URL?.trim() || undefined;
}
