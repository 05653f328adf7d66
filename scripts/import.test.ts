// `esmhub import` as a user runs it: a child process mirroring from a hub served over HTTP into its own data folder.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db";
import { commitFiles, createRepo, createUser } from "../lib/registry";
import { startTestHub, type TestHub } from "../lib/hub-api/testing";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURES = path.join(ROOT, "fixtures/esm-logme/esms");

let source: TestHub;
let dataDir: string;

beforeAll(async () => {
  source = await startTestHub();
  const u = await createUser(source.registry.db, { name: "carol" });
  const carol = { id: u.id, name: u.name, scope: "write" as const };
  for (const folder of ["ESM_source_0", "ESM_source_4"]) {
    await createRepo(source.registry, carol, { kind: "esm", name: folder });
    await commitFiles(source.registry, carol, {
      kind: "esm", repo: `carol/${folder}`, message: "Upload ESM",
      files: ["config.json", "model.safetensors"].map((f) => ({ path: f, content: new Uint8Array(readFileSync(path.join(FIXTURES, folder, f))) })),
    });
  }
  dataDir = mkdtempSync(path.join(tmpdir(), "esmhub-import-cli-"));
});

afterAll(async () => {
  await source?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const esmhub = (...args: string[]) =>
  run(process.execPath, [path.join(ROOT, "bin/esmhub.mjs"), ...args], { cwd: ROOT, env: { ...process.env, ESMHUB_DATA_DIR: dataDir, DATABASE_URL: "" } });

describe("esmhub import (CLI)", () => {
  it("mirrors, flags legacy ESMs, and is up to date on the second run", async () => {
    // The repos have no card: the hub derives embedding_space_map from the config, so the default filter finds them.
    const first = await esmhub("import", "--from", source.url, "--base-model", "prajjwal1/bert-tiny");
    expect(first.stdout).toContain("imported 2, updated 0, up to date 0, failed 0");
    expect(first.stdout).toMatch(/legacy v0\.1\.0 ESMs .*carol\/ESM_source_4/);
    const second = await esmhub("import", "--from", source.url);
    expect(second.stdout).toContain("imported 0, updated 0, up to date 2, failed 0");
    const db = createDb({ kind: "sqlite", url: "file:" + path.join(dataDir, "esmhub.db") });
    try {
      expect((await db.repo.findMany({ orderBy: { fullName: "asc" } })).map((r) => r.fullName)).toEqual(["carol/ESM_source_0", "carol/ESM_source_4"]);
    } finally {
      await db.$disconnect();
    }
  });

  it("explains bad input in one line", async () => {
    const err = await esmhub("import", "--from", "not a url").catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr.trim()).toBe(`esmhub: --from must be a URL like https://huggingface.co (got "not a url")`);
  });
});
