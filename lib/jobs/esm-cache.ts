import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { dataDir } from "../config";
import type { RegistryBlobs } from "../registry";

/**
 * Blobs of the store (local folder or S3) copied once to local files under dataDir()/cache/esm, named by their
 * sha256, so a ranking reads ESM weights from local disk. Files are verified while copied and appear atomically.
 */
export class BlobFileCache {
  readonly dir: string;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly blobs: RegistryBlobs, dir = path.join(dataDir(), "cache", "esm")) {
    this.dir = dir;
  }

  /** Local path of the blob, copying it from the store on first use. */
  async file(sha256: string): Promise<string> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    const file = path.join(this.dir, sha256.slice(0, 2), sha256);
    if (await stat(file).then((s) => s.isFile(), () => false)) return file;
    let pending = this.inflight.get(sha256);
    if (!pending) {
      pending = this.copy(sha256, file).finally(() => this.inflight.delete(sha256));
      this.inflight.set(sha256, pending);
    }
    return pending;
  }

  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(await this.file(sha256)));
  }

  private async copy(sha256: string, file: string): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    const hash = createHash("sha256");
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(await this.blobs.get(sha256), hasher, createWriteStream(tmp));
      const got = hash.digest("hex");
      if (got !== sha256) throw new Error(`blob ${sha256.slice(0, 12)}… is corrupt in the store (its content hashes to ${got.slice(0, 12)}…)`);
      await rename(tmp, file);
      return file;
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}
