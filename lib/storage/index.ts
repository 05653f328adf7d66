import path from "node:path";
import { dataDir } from "../config";
import { LocalBlobStore } from "./local";
import { S3BlobStore } from "./s3";
import type { BlobStore } from "./types";

export { LocalBlobStore } from "./local";
export { S3BlobStore, type S3BlobStoreOptions } from "./s3";
export { blobKey, normalizeSha256 } from "./content-address";
export * from "./types";

/**
 * S3 when S3_ENDPOINT or S3_BUCKET is set (S3_REGION, default us-east-1; S3_ACCESS_KEY_ID /
 * S3_SECRET_ACCESS_KEY or AWS_*; path-style unless S3_FORCE_PATH_STYLE=false), else files under <data dir>/blobs.
 */
export function createBlobStore(env: Readonly<Record<string, string | undefined>> = process.env): BlobStore {
  if (env.S3_ENDPOINT || env.S3_BUCKET) {
    if (!env.S3_BUCKET) throw new Error("S3_BUCKET must be set when S3_ENDPOINT is");
    return new S3BlobStore({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT || undefined,
      region: env.S3_REGION || "us-east-1",
      accessKeyId: env.S3_ACCESS_KEY_ID || env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || env.AWS_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE?.toLowerCase() !== "false",
    });
  }
  const root = env.ESMHUB_DATA_DIR ? path.resolve(env.ESMHUB_DATA_DIR) : dataDir();
  return new LocalBlobStore(path.join(root, "blobs"));
}

const globalForBlobs = globalThis as unknown as { esmhubBlobStore?: BlobStore };

/** The process-wide store, configured from process.env on first use. */
export function blobStore(): BlobStore {
  globalForBlobs.esmhubBlobStore ??= createBlobStore();
  return globalForBlobs.esmhubBlobStore;
}
