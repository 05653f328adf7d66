import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestPostgresDatabase, removeTestBucket, testS3Env, uniqueTestBucketName, type TestDatabase } from "../../lib/testing";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "fixtures/esm-logme/esms");
const work = mkdtempSync(path.join(tmpdir(), "esmhub-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Env = Record<string, string>;

function esmhub(env: Env, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/esmhub.mjs"), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, input, encoding: "utf8", timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function roundTrip(name: string, envFor: () => Promise<{ env: Env; cleanup(): Promise<void> }>) {
  describe(`publish → list → download on ${name}`, () => {
    it("round-trips an ESM byte-identical, with clear errors for bad input", async () => {
      const { env, cleanup } = await envFor();
      try {
        expect(esmhub(env, ["user", "create", "--name", "alice", "--password-stdin"], "a long password\n")).toMatchObject({ code: 0 });
        const token = esmhub(env, ["token", "create", "--user", "alice", "--scope", "write"]);
        expect(token.out.trim()).toMatch(/^hf_[A-Za-z]{34}$/);

        const pub = esmhub(env, ["publish", path.join(FIXTURES, "ESM_source_4"), "--repo", "alice/ESM_source_4", "--user", "alice"]);
        expect(pub.err).toBe("");
        expect(pub.out).toMatch(/published alice\/ESM_source_4 @ [0-9a-f]{40}/);

        const list = JSON.parse(esmhub(env, ["list", "--base-model", "prajjwal1/bert-tiny", "--json"]).out);
        expect(list).toEqual([expect.objectContaining({ repo: "alice/ESM_source_4", taskId: "demo/source_4", dim: 128, legacy: true })]);
        expect(esmhub(env, ["list", "--search", "nothing-like-this"]).out.trim()).toBe("no ESMs match");

        const out = path.join(work, `${name.replace(/\W+/g, "-")}-download`);
        expect(esmhub(env, ["download", "alice/ESM_source_4", "--out", out]).code).toBe(0);
        for (const file of ["config.json", "model.safetensors"]) {
          expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(FIXTURES, "ESM_source_4", file)))).toBe(true);
        }

        const broken = path.join(work, `${name.replace(/\W+/g, "-")}-broken`);
        cpSync(path.join(FIXTURES, "ESM_source_1"), broken, { recursive: true });
        const bytes = readFileSync(path.join(broken, "model.safetensors"));
        writeFileSync(path.join(broken, "model.safetensors"), bytes.subarray(0, bytes.length - 100));
        const refused = esmhub(env, ["publish", broken, "--repo", "alice/broken", "--user", "alice"]);
        expect(refused.code).toBe(1);
        expect(refused.err).toMatch(/^esmhub: invalid ESM: model.safetensors: .*/);
        expect(refused.err.trim().split("\n")).toHaveLength(1);
        expect(JSON.parse(esmhub(env, ["list", "--json"]).out)).toHaveLength(1);
      } finally {
        await cleanup();
      }
    }, 300_000);
  });
}

roundTrip("SQLite + local folder", async () => {
  const dir = mkdtempSync(path.join(work, "data-"));
  return { env: { ESMHUB_DATA_DIR: dir, DATABASE_URL: "", S3_ENDPOINT: "", S3_BUCKET: "" }, cleanup: async () => undefined };
});

roundTrip("PostgreSQL + S3", async () => {
  const database: TestDatabase = await createTestPostgresDatabase();
  const s3 = testS3Env({ bucket: uniqueTestBucketName() });
  return {
    env: { ESMHUB_DATA_DIR: mkdtempSync(path.join(work, "data-")), DATABASE_URL: database.url, ...s3 } as Env,
    async cleanup() {
      await database.drop();
      await removeTestBucket(s3);
    },
  };
});

describe("CLI usage errors", () => {
  const env: Env = { ESMHUB_DATA_DIR: mkdtempSync(path.join(work, "usage-")), DATABASE_URL: "", S3_ENDPOINT: "", S3_BUCKET: "" };

  it("has --help for every registry command", () => {
    for (const args of [["user", "create"], ["token", "create"], ["publish"], ["download"], ["list"]]) {
      const r = esmhub(env, [...args, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: esmhub /);
    }
  }, 300_000);

  it("exits non-zero with a one-line reason", () => {
    const cases: [string[], RegExp][] = [
      [["publish", FIXTURES, "--repo", "a..b/x", "--user", "alice"], /invalid owner "a..b"/],
      [["publish", path.join(FIXTURES, "ESM_source_0"), "--repo", "alice/has space", "--user", "alice"], /must not contain spaces/],
      [["publish", path.join(FIXTURES, "ESM_source_0"), "--repo", "alice/" + "x".repeat(200), "--user", "alice"], /at most 96 characters/],
      [["publish", path.join(FIXTURES, "ESM_source_0"), "--repo", "alice/ok", "--user", "nobody"], /no user named "nobody"/],
      [["publish", path.join(work, "missing"), "--repo", "alice/ok", "--user", "alice"], /is not a folder/],
      [["token", "create", "--user", "alice", "--scope", "admin"], /--scope must be read or write/],
      [["download", "alice/none", "--out", path.join(work, "x")], /repository alice\/none not found/],
      [["user", "create", "--name", "bob", "--password-stdin"], /at least 10 characters/],
    ];
    for (const [args, message] of cases) {
      const r = esmhub(env, args, "short\n");
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  }, 300_000);
});
