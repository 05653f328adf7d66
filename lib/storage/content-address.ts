import { createHash, type Hash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { BlobDigestMismatchError, BlobRangeError, type BlobInput, type ByteRange } from "./types";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-cases and checks a sha256 hex digest; anything else is a caller bug or hostile input. */
export function normalizeSha256(sha256: string): string {
  const hex = sha256.toLowerCase();
  if (!SHA256_HEX.test(hex)) throw new Error(`not a sha256 hex digest: "${sha256.slice(0, 80)}"`);
  return hex;
}

/** Where a blob lives, relative to the store root: blobs/ab/cd/<sha256>, two fan-out levels to keep folders small. */
export function blobKey(sha256: string): string {
  const hex = normalizeSha256(sha256);
  return `blobs/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
}

export function toReadable(data: BlobInput): Readable {
  if (data instanceof Uint8Array) return Readable.from([data], { objectMode: false });
  if (data instanceof Readable) return data;
  return Readable.fromWeb(data as import("node:stream/web").ReadableStream<Uint8Array>);
}

/** A pass-through stream that hashes and counts what flows through it. */
export class HashingStream extends Transform {
  private readonly hash: Hash = createHash("sha256");
  private bytes = 0;
  private digest?: string;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** Valid once the stream has ended. */
  result(): { sha256: string; size: number } {
    this.digest ??= this.hash.digest("hex");
    return { sha256: this.digest, size: this.bytes };
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function checkDigest(actual: string, expected: string | undefined): void {
  if (expected !== undefined && actual !== expected) throw new BlobDigestMismatchError(expected, actual);
}

/** Rejects ranges no blob can satisfy; whether start lies inside the blob is checked against its size later. */
export function checkRange(range: ByteRange): void {
  const ok = Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.end >= range.start;
  if (!ok) throw new BlobRangeError(range);
}
