import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

export interface TempDataDir {
  dir: string;
  /** file: URL of the SQLite database inside it (not created yet). */
  databaseUrl: string;
  remove(): void;
}

/** An empty data folder (ESMHUB_DATA_DIR) under the system temp folder. */
export function createTempDataDir(prefix = "esmhub-test-"): TempDataDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, databaseUrl: `file:${path.join(dir, "esmhub.db")}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh data folder for the calling test file, set as ESMHUB_DATA_DIR (DATABASE_URL unset, so
 * the default SQLite file inside it is used) while its tests run; removed and restored afterwards.
 */
export function withTempDataDir(): { readonly dir: string; readonly databaseUrl: string } {
  let current: TempDataDir | undefined;
  const saved = { dataDir: process.env.ESMHUB_DATA_DIR, databaseUrl: process.env.DATABASE_URL };
  beforeAll(() => {
    current = createTempDataDir();
    process.env.ESMHUB_DATA_DIR = current.dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    current?.remove();
    restore("ESMHUB_DATA_DIR", saved.dataDir);
    restore("DATABASE_URL", saved.databaseUrl);
  });
  const get = (): TempDataDir => {
    if (!current) throw new Error("the temp data folder exists only inside tests and hooks");
    return current;
  };
  return {
    get dir() {
      return get().dir;
    },
    get databaseUrl() {
      return get().databaseUrl;
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
