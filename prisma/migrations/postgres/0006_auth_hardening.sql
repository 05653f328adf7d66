-- Auth hardening (lib/registry/users.ts, lib/auth/login-throttle.ts): case-insensitive user names, a session
-- version that sign-out increments, and failed sign-ins counted in the database so every hub process shares them.
ALTER TABLE "User" ADD COLUMN "nameKey" TEXT;
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
-- The oldest account of each lower-cased name takes the key; younger case-variants keep working without one, and
-- the key blocks every new variant. (User names are ASCII, so lower() agrees with JavaScript's toLowerCase().)
UPDATE "User" SET "nameKey" = lower("name") WHERE NOT EXISTS (
    SELECT 1 FROM "User" AS "older"
    WHERE lower("older"."name") = lower("User"."name")
      AND ("older"."createdAt" < "User"."createdAt" OR ("older"."createdAt" = "User"."createdAt" AND "older"."id" < "User"."id"))
);
CREATE UNIQUE INDEX "User_nameKey_key" ON "User"("nameKey");

CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LoginFailure_key_at_idx" ON "LoginFailure"("key", "at");
CREATE INDEX "LoginFailure_at_idx" ON "LoginFailure"("at");
