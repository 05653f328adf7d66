import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { BlobDigestMismatchError, BlobNotFoundError, BlobRangeError, type BlobStore } from "./types";

const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Yields `total` random bytes in chunks of `chunk`, with the digest of all of them. */
function randomStream(total: number, chunk = 256 * 1024): { stream: Readable; bytes: Buffer } {
  const bytes = randomBytes(total);
  const chunks: Buffer[] = [];
  for (let off = 0; off < total; off += chunk) chunks.push(bytes.subarray(off, Math.min(off + chunk, total)));
  return { stream: Readable.from(chunks), bytes };
}

/** The behaviour every BlobStore implementation must have; each implementation's test file runs it. */
export function describeBlobStoreContract(name: string, makeStore: () => BlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    const store = () => makeStore();

    it("stores a buffer under its sha256 and reads it back", async () => {
      const bytes = randomBytes(1000);
      const info = await store().put(bytes);
      expect(info).toEqual({ sha256: sha256(bytes), size: 1000 });
      expect(await store().has(info.sha256)).toBe(true);
      expect(await store().size(info.sha256)).toBe(1000);
      expect(await store().head(info.sha256)).toEqual(info);
      expect(await buffer(await store().get(info.sha256))).toEqual(bytes);
    });

    it("stores a Node stream and a Web stream, hashing while streaming", async () => {
      const { stream, bytes } = randomStream(700_000, 64 * 1024);
      const fromNode = await store().put(stream);
      expect(fromNode).toEqual({ sha256: sha256(bytes), size: bytes.length });

      const webBytes = randomBytes(50_000);
      const web = new Blob([webBytes]).stream();
      const fromWeb = await store().put(web);
      expect(fromWeb).toEqual({ sha256: sha256(webBytes), size: webBytes.length });
      expect(await buffer(await store().get(fromWeb.sha256))).toEqual(webBytes);
    });

    it("stores the empty blob", async () => {
      const info = await store().put(Readable.from([]));
      expect(info).toEqual({ sha256: sha256(new Uint8Array()), size: 0 });
      expect((await buffer(await store().get(info.sha256))).length).toBe(0);
    });

    it("is idempotent: the same bytes twice give the same blob", async () => {
      const bytes = randomBytes(4096);
      const first = await store().put(bytes);
      const second = await store().put(Readable.from([bytes]));
      expect(second).toEqual(first);
      expect(await buffer(await store().get(first.sha256))).toEqual(bytes);
    });

    it("accepts a matching expected digest in any case", async () => {
      const bytes = randomBytes(333);
      const info = await store().put(Readable.from([bytes]), sha256(bytes).toUpperCase());
      expect(info.sha256).toBe(sha256(bytes));
      expect(await store().has(sha256(bytes).toUpperCase())).toBe(true);
    });

    it("rejects a wrong expected digest and stores nothing", async () => {
      const bytes = randomBytes(2048);
      const wrong = sha256(randomBytes(8));
      for (const input of [Readable.from([bytes]), bytes]) {
        const err = await store().put(input, wrong).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BlobDigestMismatchError);
        expect(err).toMatchObject({ expected: wrong, actual: sha256(bytes) });
      }
      expect(await store().has(sha256(bytes))).toBe(false);
      expect(await store().has(wrong)).toBe(false);
    });

    it("rejects a put whose source stream fails, storing nothing", async () => {
      const good = randomBytes(10_000);
      const failing = new Readable({
        read() {
          this.push(good);
          this.destroy(new Error("source broke"));
        },
      });
      await expect(store().put(failing)).rejects.toThrow("source broke");
      expect(await store().has(sha256(good))).toBe(false);
    });

    it("serves inclusive byte ranges like HTTP Range", async () => {
      const bytes = randomBytes(10_000);
      const { sha256: id } = await store().put(bytes);
      const read = async (start: number, end: number) => buffer(await store().get(id, { start, end }));
      expect(await read(0, 0)).toEqual(bytes.subarray(0, 1));
      expect(await read(100, 199)).toEqual(bytes.subarray(100, 200));
      expect(await read(9_999, 9_999)).toEqual(bytes.subarray(9_999));
      expect(await read(9_000, 50_000)).toEqual(bytes.subarray(9_000));
      expect(await read(0, 9_999)).toEqual(bytes);
    });

    it("refuses unsatisfiable ranges", async () => {
      const { sha256: id } = await store().put(randomBytes(100));
      await expect(store().get(id, { start: 100, end: 200 })).rejects.toBeInstanceOf(BlobRangeError);
      await expect(store().get(id, { start: 50, end: 10 })).rejects.toBeInstanceOf(BlobRangeError);
      await expect(store().get(id, { start: -1, end: 10 })).rejects.toBeInstanceOf(BlobRangeError);
    });

    it("reports absent blobs", async () => {
      const absent = sha256(randomBytes(16));
      expect(await store().has(absent)).toBe(false);
      expect(await store().head(absent)).toBeNull();
      await expect(store().size(absent)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store().get(absent)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store().get(absent, { start: 0, end: 1 })).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store().delete(absent)).resolves.toBeUndefined();
    });

    it("deletes blobs", async () => {
      const { sha256: id } = await store().put(randomBytes(500));
      await store().delete(id);
      expect(await store().has(id)).toBe(false);
      await expect(store().get(id)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it("refuses names that are not sha256 digests", async () => {
      await expect(store().has("../../etc/passwd")).rejects.toThrow("not a sha256 hex digest");
      await expect(store().get("abc")).rejects.toThrow("not a sha256 hex digest");
      await expect(store().put(randomBytes(4), "xyz")).rejects.toThrow("not a sha256 hex digest");
    });

    it("streams a multi-megabyte blob in and out", async () => {
      const { stream, bytes } = randomStream(13 * MiB + 12_345);
      const info = await store().put(stream, sha256(bytes));
      expect(info.size).toBe(bytes.length);
      const out = await store().get(info.sha256);
      const hash = createHash("sha256");
      let chunks = 0;
      let size = 0;
      for await (const chunk of out as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        chunks++;
      }
      expect(size).toBe(bytes.length);
      expect(hash.digest("hex")).toBe(info.sha256);
      expect(chunks).toBeGreaterThan(1);
      const tail = await buffer(await store().get(info.sha256, { start: 12 * MiB, end: 13 * MiB + 99 }));
      // Buffer.equals: a deep toEqual over a megabyte is needlessly slow.
      expect(tail.length).toBe(MiB + 100);
      expect(tail.equals(bytes.subarray(12 * MiB, 13 * MiB + 100))).toBe(true);
      await store().delete(info.sha256);
    });
  });
}
