-- ESM search and facets read EsmInfo alone: copy the repo's listing fields onto it.
ALTER TABLE "EsmInfo" ADD COLUMN "fullName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EsmInfo" ADD COLUMN "owner" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EsmInfo" ADD COLUMN "private" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "EsmInfo" ADD COLUMN "downloads" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "EsmInfo" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "EsmInfo" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

UPDATE "EsmInfo" AS e SET
  "fullName" = r."fullName", "owner" = r."owner", "private" = r."private",
  "downloads" = r."downloads", "updatedAt" = r."updatedAt", "searchText" = r."searchText"
FROM "Repo" AS r WHERE r."id" = e."repoId";

CREATE INDEX "EsmInfo_private_downloads_idx" ON "EsmInfo"("private", "downloads");
CREATE INDEX "EsmInfo_private_updatedAt_idx" ON "EsmInfo"("private", "updatedAt");
CREATE INDEX "EsmInfo_private_fullName_idx" ON "EsmInfo"("private", "fullName");
CREATE INDEX "EsmInfo_owner_idx" ON "EsmInfo"("owner");
