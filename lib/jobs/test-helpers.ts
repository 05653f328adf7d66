import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createDb } from "../db";
import { migrate } from "../migrate";
import { createUser, DEMO_BASE_MODEL_HIDDEN, DEMO_BASE_MODEL_ID, type Actor, type RegistryBlobs, type RegistryContext } from "../registry";

/** A blob store in memory, for tests that need no storage backend. */
export function memoryBlobs(): RegistryBlobs & { map: Map<string, Uint8Array> } {
  const map = new Map<string, Uint8Array>();
  return {
    map,
    async put(data, expected) {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(Buffer.concat(await (data as Readable).toArray()));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (expected && expected !== sha256) throw new Error("sha256 mismatch");
      map.set(sha256, bytes);
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      const b = map.get(sha256);
      if (!b) throw new Error(`no blob ${sha256}`);
      return Readable.from([Buffer.from(b)]);
    },
    async has(sha256) {
      return map.has(sha256);
    },
    async delete(sha256) {
      map.delete(sha256);
    },
  };
}

/** A fresh SQLite registry in a temporary data folder (ESMHUB_DATA_DIR points there). */
export async function tempRegistry(prefix: string): Promise<{ dir: string; ctx: RegistryContext & { blobs: ReturnType<typeof memoryBlobs> }; alice: Actor }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  process.env.ESMHUB_DATA_DIR = dir;
  const target = { kind: "sqlite" as const, url: "file:" + path.join(dir, "esmhub.db") };
  await migrate(target);
  const ctx = { db: createDb(target), blobs: memoryBlobs(), knownBaseModels: { [DEMO_BASE_MODEL_ID]: DEMO_BASE_MODEL_HIDDEN } };
  const user = await createUser(ctx.db, { name: "alice", password: "correct horse" });
  return { dir, ctx, alice: { id: user.id, name: user.name, scope: "write" } };
}
