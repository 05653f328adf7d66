// Test support: a real hub (temp SQLite database, blobs in a temp folder) served over node:http on an ephemeral port.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createDb } from "../db";
import { migrate } from "../migrate";
import type { HubApiContext } from "./context";
import { serveFetch } from "./node-server";
import { streamToBytes, type RegistryBlobs, type RegistryContext } from "../registry";
import { LocalBlobStore } from "../storage";
import { handleHubRequest } from "./router";

/** Blobs in memory; `get` ranges are inclusive, as the registry's blob store contract says. */
export function memoryBlobs(): RegistryBlobs {
  const blobs = new Map<string, Buffer>();
  return {
    async put(data, expected) {
      const bytes = data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(await streamToBytes(data));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (expected && expected !== sha256) throw new Error(`blob hash mismatch: expected ${expected}, got ${sha256}`);
      blobs.set(sha256, bytes);
      return { sha256, size: bytes.length };
    },
    async get(sha256, range) {
      const bytes = blobs.get(sha256);
      if (!bytes) throw new Error(`no blob ${sha256}`);
      return Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]);
    },
    async has(sha256) {
      return blobs.has(sha256);
    },
    async delete(sha256) {
      blobs.delete(sha256);
    },
  };
}

export interface TestHub {
  url: string;
  ctx: HubApiContext;
  registry: RegistryContext;
  close(): Promise<void>;
}

export async function startTestHub(options: { upstreamUrl?: string; maxCommitBytes?: number } = {}): Promise<TestHub> {
  const dir = mkdtempSync(path.join(tmpdir(), "esmhub-hubapi-"));
  const target = { kind: "sqlite" as const, url: "file:" + path.join(dir, "db.sqlite") };
  await migrate(target);
  const registry: RegistryContext = { db: createDb(target), blobs: new LocalBlobStore(path.join(dir, "blobs")) };
  const ctx: HubApiContext = { registry, upstreamUrl: options.upstreamUrl, maxCommitBytes: options.maxCommitBytes };
  const server = await serveFetch((req) => handleHubRequest(req, ctx));
  return {
    url: server.url,
    ctx,
    registry,
    async close() {
      await server.close();
      await registry.db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
