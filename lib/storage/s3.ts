import { BaseBlobStore } from "./base";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { blobKey, checkDigest, checkRange, HashingStream, normalizeSha256, sha256Of, toReadable } from "./content-address";
import { BlobNotFoundError, BlobRangeError, type BlobInfo, type BlobInput, type BlobStore, type ByteRange } from "./types";

export interface S3BlobStoreOptions {
  bucket: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Part size for streamed uploads (bytes, at least 5 MiB). */
  uploadPartSize?: number;
  /** Objects larger than this are copied part by part; a single CopyObject is limited to 5 GiB. */
  maxSingleCopyBytes?: number;
}

const MiB = 1024 * 1024;
const MAX_SINGLE_COPY = 5 * 1024 * MiB;
const MAX_PARTS = 10_000;

/**
 * Blobs as objects under blobs/ab/cd/<sha256> in one bucket. A stream's digest is only known at
 * its end, so streams are uploaded to tmp/<uuid>, verified, then copied to their key.
 */
export class S3BlobStore extends BaseBlobStore {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  readonly bucket: string;
  private readonly uploadPartSize: number;
  private readonly maxSingleCopyBytes: number;
  private bucketReady?: Promise<void>;

  constructor(options: S3BlobStoreOptions) {
    super();
    this.bucket = options.bucket;
    this.uploadPartSize = Math.max(options.uploadPartSize ?? 8 * MiB, 5 * MiB);
    this.maxSingleCopyBytes = options.maxSingleCopyBytes ?? MAX_SINGLE_COPY;
    const config: S3ClientConfig = {
      endpoint: options.endpoint,
      region: options.region ?? "us-east-1",
      forcePathStyle: options.forcePathStyle ?? true,
      // S3-compatible servers (Ceph RGW among them) reject the SDK's default trailing CRC checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    if (options.accessKeyId && options.secretAccessKey) {
      config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
    }
    this.client = new S3Client(config);
  }

  /** Creates the bucket on first use when it does not exist yet. */
  private ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((err) => {
      this.bucketReady = undefined;
      throw err;
    });
    return this.bucketReady;
  }

  private async createBucketIfMissing(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const name = (err as Error).name;
      if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw err;
    }
  }

  async put(data: BlobInput, expectedSha256?: string): Promise<BlobInfo> {
    const expected = expectedSha256 === undefined ? undefined : normalizeSha256(expectedSha256);
    await this.ensureBucket();
    if (data instanceof Uint8Array) {
      const info = { sha256: sha256Of(data), size: data.byteLength };
      checkDigest(info.sha256, expected);
      if (!(await this.has(info.sha256))) {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: blobKey(info.sha256), Body: data, ContentLength: data.byteLength }),
        );
      }
      return info;
    }
    const tmpKey = `tmp/${randomUUID()}`;
    try {
      const info = await this.uploadStream(data, tmpKey);
      checkDigest(info.sha256, expected);
      if (!(await this.has(info.sha256))) await this.copy(tmpKey, blobKey(info.sha256), info.size);
      return info;
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  private async uploadStream(data: Readable | ReadableStream<Uint8Array>, key: string): Promise<BlobInfo> {
    const source = toReadable(data);
    const hasher = new HashingStream();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: hasher },
      partSize: this.uploadPartSize,
      queueSize: 4,
    });
    try {
      await Promise.all([pipeline(source, hasher), upload.done()]);
    } catch (err) {
      hasher.destroy();
      source.destroy();
      await upload.abort().catch(() => undefined);
      throw err;
    }
    return hasher.result();
  }

  private async copy(fromKey: string, toKey: string, size: number): Promise<void> {
    const source = `${this.bucket}/${fromKey}`;
    if (size <= this.maxSingleCopyBytes) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: source }));
      return;
    }
    const partSize = Math.max(this.maxSingleCopyBytes, Math.ceil(size / MAX_PARTS), 5 * MiB);
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: toKey }));
    try {
      const parts = [];
      for (let start = 0, n = 1; start < size; start += partSize, n++) {
        const end = Math.min(start + partSize, size) - 1;
        const { CopyPartResult } = await this.client.send(
          new UploadPartCopyCommand({
            Bucket: this.bucket,
            Key: toKey,
            UploadId,
            PartNumber: n,
            CopySource: source,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ PartNumber: n, ETag: CopyPartResult?.ETag });
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: toKey, UploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (err) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: toKey, UploadId })).catch(() => undefined);
      throw err;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    if (range) checkRange(range);
    await this.ensureBucket();
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: blobKey(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return res.Body as Readable;
    } catch (err) {
      const status = httpStatus(err);
      if (status === 404) throw new BlobNotFoundError(normalizeSha256(sha256));
      if (status === 416 && range) throw new BlobRangeError(range, await this.size(sha256).catch(() => undefined));
      throw err;
    }
  }

  async head(sha256: string): Promise<BlobInfo | null> {
    await this.ensureBucket();
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256) }));
      return { sha256: normalizeSha256(sha256), size: res.ContentLength ?? 0 };
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.ensureBucket();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256) }));
  }

  async presignedGetUrl(sha256: string, expiresSeconds: number): Promise<string> {
    await this.ensureBucket();
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256) }), { expiresIn: expiresSeconds });
  }
}

function httpStatus(err: unknown): number | undefined {
  if (err instanceof S3ServiceException) return err.$metadata?.httpStatusCode;
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
