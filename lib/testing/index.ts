export { testPostgresUrl, testS3Env, type TestS3Env } from "./services";
export { createTestPostgresDatabase, withPostgresTestDatabase, type TestDatabase } from "./postgres";
export { createTempDataDir, withTempDataDir, type TempDataDir } from "./data-dir";
export { uniqueTestBucketName, removeTestBucket, withTestS3Bucket } from "./s3";
export { referencePython, runReference } from "./reference";
