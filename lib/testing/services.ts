/**
 * Connection details of the test services that `npm test` (scripts/test-all.sh) starts and exports.
 * Tests needing PostgreSQL or S3 call these; outside `npm test` they fail loudly instead of skipping.
 */

export interface TestS3Env extends Record<string, string> {
  S3_ENDPOINT: string;
  S3_BUCKET: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
}

function missing(vars: string, what: string): Error {
  return new Error(
    `${vars} not set: this test needs ${what}. Run the tests with \`npm test\` (scripts/test-all.sh starts the services), ` +
      `or start them with scripts/ci/start-postgres.sh / scripts/ci/start-ceph-rgw.sh and ` +
      "`. .ci-work/postgres.env; . .ci-work/ceph.env` before `npx vitest run`.",
  );
}

/** postgresql:// URL of the test server's default database (prefer createTestPostgresDatabase for isolation). */
export function testPostgresUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.TEST_DATABASE_URL?.trim();
  if (!url) throw missing("TEST_DATABASE_URL", "a PostgreSQL server");
  return url;
}

/** S3_* settings (as createBlobStore reads them) for the test S3 server; `bucket` overrides the shared test bucket. */
export function testS3Env(options: { bucket?: string } = {}, env: Readonly<Record<string, string | undefined>> = process.env): TestS3Env {
  const names = ["TEST_S3_ENDPOINT", "TEST_S3_BUCKET", "TEST_S3_ACCESS_KEY_ID", "TEST_S3_SECRET_ACCESS_KEY"] as const;
  const unset = names.filter((n) => !env[n]?.trim());
  if (unset.length > 0) throw missing(unset.join(", "), "an S3-compatible server");
  return {
    S3_ENDPOINT: env.TEST_S3_ENDPOINT!,
    S3_BUCKET: options.bucket ?? env.TEST_S3_BUCKET!,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: env.TEST_S3_ACCESS_KEY_ID!,
    S3_SECRET_ACCESS_KEY: env.TEST_S3_SECRET_ACCESS_KEY!,
  };
}
