import { BaseBlobStore } from "./base";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { blobKey, checkDigest, checkRange, HashingStream, normalizeSha256, toReadable } from "./content-address";
import { BlobNotFoundError, BlobRangeError, type BlobInfo, type BlobInput, type BlobStore, type ByteRange } from "./types";

/** Blobs as files under `root` (root/ab/cd/<sha256>); writes go to root/.tmp and are renamed into place. */
export class LocalBlobStore extends BaseBlobStore {
  readonly kind = "local" as const;

  constructor(readonly root: string) {
    super();
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, blobKey(sha256).slice("blobs/".length));
  }

  async put(data: BlobInput, expectedSha256?: string): Promise<BlobInfo> {
    const expected = expectedSha256 === undefined ? undefined : normalizeSha256(expectedSha256);
    const tmpDir = path.join(this.root, ".tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    try {
      const hasher = new HashingStream();
      await pipeline(toReadable(data), hasher, createWriteStream(tmp, { flags: "wx" }));
      const info = hasher.result();
      checkDigest(info.sha256, expected);
      // Flush before the rename: a crash must never leave a short file under a valid name.
      const handle = await open(tmp, "r+");
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
      const target = this.pathOf(info.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return info;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    if (range) checkRange(range);
    let handle;
    try {
      handle = await open(this.pathOf(sha256), "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError(normalizeSha256(sha256));
      throw err;
    }
    if (!range) return handle.createReadStream();
    const { size } = await handle.stat();
    if (range.start >= size) {
      await handle.close();
      throw new BlobRangeError(range, size);
    }
    return handle.createReadStream({ start: range.start, end: Math.min(range.end, size - 1) });
  }

  async head(sha256: string): Promise<BlobInfo | null> {
    try {
      const s = await stat(this.pathOf(sha256));
      return { sha256: normalizeSha256(sha256), size: s.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async presignedGetUrl(_sha256: string, _expiresSeconds: number): Promise<string | null> {
    return null;
  }
}
