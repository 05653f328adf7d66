import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { withTestS3Bucket } from "../testing/s3";
import { describeBlobStoreContract } from "./contract-suite";
import { blobKey, createBlobStore, S3BlobStore } from "./index";

const MiB = 1024 * 1024;
const env = withTestS3Bucket();
const s3 = () => createBlobStore(env) as S3BlobStore;

describeBlobStoreContract("S3 (Ceph RGW)", s3);

describe("S3BlobStore", () => {
  it("is chosen when S3_ENDPOINT or S3_BUCKET is set, with AWS_* credentials accepted", () => {
    expect(s3()).toBeInstanceOf(S3BlobStore);
    const fromAws = createBlobStore({ S3_BUCKET: "b", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" });
    expect(fromAws).toBeInstanceOf(S3BlobStore);
    expect(() => createBlobStore({ S3_ENDPOINT: "http://127.0.0.1:1" })).toThrow("S3_BUCKET must be set");
  });

  it("creates its bucket on first use and stores objects under blobs/ab/cd/<sha256>", async () => {
    const store = s3();
    const bytes = randomBytes(100);
    const { sha256 } = await store.put(bytes);
    expect(blobKey(sha256)).toBe(`blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`);
    const res = await fetch(await store.presignedGetUrl(sha256, 60));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(new URL(res.url).pathname).toBe(`/${env.S3_BUCKET}/${blobKey(sha256)}`);
  });

  it("serves a presigned GET, with Range, and rejects forged or missing signatures with 403", async () => {
    const store = s3();
    const bytes = randomBytes(5000);
    const { sha256 } = await store.put(bytes);
    const url = await store.presignedGetUrl(sha256, 300);

    const ranged = await fetch(url, { headers: { Range: "bytes=10-19" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(10, 20));

    const forged = new URL(url);
    const signature = forged.searchParams.get("X-Amz-Signature")!;
    forged.searchParams.set("X-Amz-Signature", (signature[0] === "0" ? "1" : "0") + signature.slice(1));
    expect((await fetch(forged)).status).toBe(403);

    const otherKey = new URL(url);
    otherKey.pathname = otherKey.pathname.replace(sha256, createHash("sha256").update("other").digest("hex"));
    expect((await fetch(otherKey)).status).toBe(403);

    const anonymous = new URL(url);
    anonymous.search = "";
    expect((await fetch(anonymous)).status).toBe(403);
  });

  it("refuses wrong credentials", async () => {
    const wrong = createBlobStore({ ...env, S3_SECRET_ACCESS_KEY: "not-the-secret" });
    await expect(wrong.has(createHash("sha256").update("x").digest("hex"))).rejects.toThrow();
  });

  it("copies large streamed uploads part by part", async () => {
    const store = new S3BlobStore({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      maxSingleCopyBytes: 5 * MiB,
    });
    const bytes = randomBytes(11 * MiB + 7);
    const chunks = Array.from({ length: 12 }, (_, i) => bytes.subarray(i * MiB, Math.min((i + 1) * MiB, bytes.length)));
    const info = await store.put(Readable.from(chunks));
    expect(info.size).toBe(bytes.length);
    const back = await buffer(await store.get(info.sha256));
    expect(createHash("sha256").update(back).digest("hex")).toBe(info.sha256);
    const middle = await buffer(await store.get(info.sha256, { start: 5 * MiB - 3, end: 5 * MiB + 2 }));
    expect(middle.equals(bytes.subarray(5 * MiB - 3, 5 * MiB + 3))).toBe(true);
    await store.delete(info.sha256);
  });
});
