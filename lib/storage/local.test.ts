import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { withTempDataDir } from "../testing/data-dir";
import { describeBlobStoreContract } from "./contract-suite";
import { createBlobStore, LocalBlobStore } from "./index";

const data = withTempDataDir();
const local = () => createBlobStore({ ESMHUB_DATA_DIR: data.dir }) as LocalBlobStore;

describeBlobStoreContract("local folder", local);

describe("LocalBlobStore", () => {
  it("is the default store, rooted at <data dir>/blobs", () => {
    const store = local();
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect(store.root).toBe(path.join(data.dir, "blobs"));
  });

  it("lays files out as blobs/ab/cd/<sha256>", async () => {
    const bytes = randomBytes(64);
    const { sha256 } = await local().put(bytes);
    const file = path.join(data.dir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(readFileSync(file)).toEqual(bytes);
  });

  it("leaves no temporary files behind, also after a failed put", async () => {
    await local().put(randomBytes(10));
    await expect(local().put(randomBytes(10), createHash("sha256").update("x").digest("hex"))).rejects.toThrow("sha256 mismatch");
    const broken = new Readable({ read() { this.destroy(new Error("boom")); } });
    await expect(local().put(broken)).rejects.toThrow("boom");
    expect(readdirSync(path.join(data.dir, "blobs", ".tmp"))).toEqual([]);
  });

  it("has no presigned URLs", async () => {
    const { sha256 } = await local().put(randomBytes(10));
    expect(await local().presignedGetUrl(sha256, 60)).toBeNull();
  });

  it("uses ESMHUB_DATA_DIR from the environment by default", () => {
    const store = createBlobStore() as LocalBlobStore;
    expect(store.root).toBe(path.join(data.dir, "blobs"));
    expect(existsSync(data.dir)).toBe(true);
  });
});
