import { randomBytes } from "node:crypto";
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll } from "vitest";
import { testS3Env, type TestS3Env } from "./services";

/** A bucket name no other test uses; the blob store creates the bucket on first use. */
export function uniqueTestBucketName(prefix = "esmhub-t"): string {
  return `${prefix}-${randomBytes(6).toString("hex")}`;
}

/** Deletes every object in the bucket, then the bucket; a bucket that was never created is fine. */
export async function removeTestBucket(env: TestS3Env): Promise<void> {
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
  });
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: env.S3_BUCKET, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
      if (keys.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: env.S3_BUCKET, Delete: { Objects: keys } }));
      token = page.NextContinuationToken;
    } while (token);
    await client.send(new DeleteBucketCommand({ Bucket: env.S3_BUCKET }));
  } catch (err) {
    if ((err as Error).name !== "NoSuchBucket") throw err;
  } finally {
    client.destroy();
  }
}

/**
 * S3 settings with a bucket of the calling test file's own, emptied and removed after its tests
 * (the test server keeps objects in memory). Call at the top of a test file; fails without `npm test`.
 */
export function withTestS3Bucket(): TestS3Env {
  const env = testS3Env({ bucket: uniqueTestBucketName() });
  afterAll(() => removeTestBucket(env));
  return env;
}
