-- ESM search and facets read EsmInfo alone: copy the repo's listing fields onto it.
ALTER TABLE "EsmInfo" ADD COLUMN "fullName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EsmInfo" ADD COLUMN "owner" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EsmInfo" ADD COLUMN "private" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "EsmInfo" ADD COLUMN "downloads" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "EsmInfo" ADD COLUMN "updatedAt" DATETIME NOT NULL DEFAULT 0;
ALTER TABLE "EsmInfo" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

UPDATE "EsmInfo" SET
  "fullName" = (SELECT "fullName" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId"),
  "owner" = (SELECT "owner" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId"),
  "private" = (SELECT "private" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId"),
  "downloads" = (SELECT "downloads" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId"),
  "updatedAt" = (SELECT "updatedAt" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId"),
  "searchText" = (SELECT "searchText" FROM "Repo" WHERE "Repo"."id" = "EsmInfo"."repoId");

CREATE INDEX "EsmInfo_private_downloads_idx" ON "EsmInfo"("private", "downloads");
CREATE INDEX "EsmInfo_private_updatedAt_idx" ON "EsmInfo"("private", "updatedAt");
CREATE INDEX "EsmInfo_private_fullName_idx" ON "EsmInfo"("private", "fullName");
CREATE INDEX "EsmInfo_owner_idx" ON "EsmInfo"("owner");
