import path from "node:path";
import { createDb } from "../db";
import { migrate } from "../migrate";
import { createBlobStore } from "../storage";
import { createTestPostgresDatabase, removeTestBucket, testS3Env, uniqueTestBucketName } from "../testing";
import type { RegistryContext } from "./context";

/** The two deployments every registry test runs on: embedded (SQLite + folder) and server (PostgreSQL + S3). */
export interface RegistryBackend {
  name: string;
  open(dir: string): Promise<{ ctx: RegistryContext; close(): Promise<void> }>;
}

export const registryBackends: RegistryBackend[] = [
  {
    name: "SQLite + local folder",
    async open(dir) {
      const target = { kind: "sqlite" as const, url: "file:" + path.join(dir, "db.sqlite") };
      await migrate(target);
      const db = createDb(target);
      return { ctx: { db, blobs: createBlobStore({ ...process.env, ESMHUB_DATA_DIR: dir, S3_ENDPOINT: "", S3_BUCKET: "" }) }, close: () => db.$disconnect() };
    },
  },
  {
    name: "PostgreSQL + S3",
    async open() {
      const database = await createTestPostgresDatabase();
      const s3 = testS3Env({ bucket: uniqueTestBucketName() });
      const target = { kind: "postgres" as const, url: database.url };
      await migrate(target);
      const db = createDb(target);
      return {
        ctx: { db, blobs: createBlobStore({ ...process.env, ...s3 }) },
        async close() {
          await db.$disconnect();
          await database.drop();
          await removeTestBucket(s3);
        },
      };
    },
  },
];
