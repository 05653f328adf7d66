import type { Readable } from "node:stream";

/** Bytes to store: a Node stream, a Web stream (e.g. a fetch body) or a buffer. */
export type BlobInput = Readable | ReadableStream<Uint8Array> | Uint8Array;

/** Inclusive byte offsets, as in an HTTP Range header; `end` past the last byte is clamped. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobInfo {
  sha256: string;
  size: number;
}

/** Content-addressed blob storage: a blob's name is the sha256 hex of its bytes. */
export interface BlobStore {
  readonly kind: "local" | "s3";
  /** Streams the bytes in, hashing them on the way; rejects with BlobDigestMismatchError (storing nothing) when expectedSha256 differs. */
  put(data: BlobInput, expectedSha256?: string): Promise<BlobInfo>;
  /** The blob's bytes, or the inclusive `range` of them. Rejects with BlobNotFoundError / BlobRangeError. */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Size and digest, or null when the blob is absent. */
  head(sha256: string): Promise<BlobInfo | null>;
  has(sha256: string): Promise<boolean>;
  /** Size in bytes; rejects with BlobNotFoundError when absent. */
  size(sha256: string): Promise<number>;
  /** Removes the blob; deleting an absent blob is not an error. */
  delete(sha256: string): Promise<void>;
  /** A time-limited URL that serves the blob without credentials, or null when the store cannot make one (local). */
  presignedGetUrl(sha256: string, expiresSeconds: number): Promise<string | null>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} not found`);
    this.name = "BlobNotFoundError";
  }
}

export class BlobDigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`sha256 mismatch: expected ${expected}, got ${actual}`);
    this.name = "BlobDigestMismatchError";
  }
}

/** The range cannot be served (HTTP 416): start past the end of the blob, or start > end. */
export class BlobRangeError extends Error {
  constructor(
    readonly range: ByteRange,
    readonly blobSize?: number,
  ) {
    super(`range ${range.start}-${range.end} not satisfiable${blobSize === undefined ? "" : ` for a blob of ${blobSize} bytes`}`);
    this.name = "BlobRangeError";
  }
}
