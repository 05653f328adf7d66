import type { Readable } from "node:stream";
import { normalizeSha256 } from "./content-address";
import { BlobNotFoundError, type BlobInfo, type BlobInput, type BlobStore, type ByteRange } from "./types";

/** What every store derives from `head`; implementations supply the storage operations. */
export abstract class BaseBlobStore implements BlobStore {
  abstract readonly kind: BlobStore["kind"];
  abstract put(data: BlobInput, expectedSha256?: string): Promise<BlobInfo>;
  abstract get(sha256: string, range?: ByteRange): Promise<Readable>;
  abstract head(sha256: string): Promise<BlobInfo | null>;
  abstract delete(sha256: string): Promise<void>;
  abstract presignedGetUrl(sha256: string, expiresSeconds: number): Promise<string | null>;

  async has(sha256: string): Promise<boolean> {
    return (await this.head(sha256)) !== null;
  }

  async size(sha256: string): Promise<number> {
    const info = await this.head(sha256);
    if (!info) throw new BlobNotFoundError(normalizeSha256(sha256));
    return info.size;
  }
}
