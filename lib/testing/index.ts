export { testPostgresUrl, testS3Env, type TestS3Env } from "./services";
export { createTestPostgresDatabase, usePostgresTestDatabase, type TestDatabase } from "./postgres";
export { createTempDataDir, useTempDataDir, type TempDataDir } from "./data-dir";
export { uniqueTestBucketName, removeTestBucket, useTestS3Bucket } from "./s3";
