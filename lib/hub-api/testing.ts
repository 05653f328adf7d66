// Test support: a real hub (temp SQLite database, blobs in a temp folder) served over node:http on an ephemeral port.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createDb, type Db } from "../db";
import { esmModelCard, parseEsmConfig } from "../esm";
import { migrate } from "../migrate";
import type { HubApiContext } from "./context";
import { serveFetch } from "./node-server";
import { createToken, createUser, streamToBytes, type Actor, type RegistryBlobs, type RegistryContext } from "../registry";
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

/** The small ESM fixtures (bert-tiny sized) the Hub API tests upload. */
export const ESM_FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/esm-logme/esms");

export function esmFixtureFile(folder: string, file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path.join(ESM_FIXTURES, folder, file)));
}

/** The model card the hub writes for an ESM config. */
export function esmCard(config: Uint8Array): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(esmModelCard(parseEsmConfig(config)));
}

/** A fixture ESM as committed files: config, weights and its card. */
export function esmFixtureFiles(folder: string): { path: string; content: Uint8Array<ArrayBuffer> }[] {
  const config = esmFixtureFile(folder, "config.json");
  return [
    { path: "config.json", content: config },
    { path: "model.safetensors", content: esmFixtureFile(folder, "model.safetensors") },
    { path: "README.md", content: esmCard(config) },
  ];
}

/** A registry user with one token of the given scope. */
export async function createUserWithToken(db: Db, name: string, scope: "read" | "write", tokenName = name): Promise<{ actor: Actor; token: string }> {
  const user = await createUser(db, { name });
  const { token } = await createToken(db, user.id, { name: tokenName, scope });
  return { actor: { id: user.id, name: user.name, scope }, token };
}
