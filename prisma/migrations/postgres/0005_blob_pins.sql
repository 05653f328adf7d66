-- Blob lifetime (lib/registry/blob-lifetime.ts): commits pin the blobs they upload; the sweep deletes only unpinned,
-- unreferenced blobs and marks them "deleting" while it removes the stored bytes.
ALTER TABLE "Blob" ADD COLUMN "pins" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Blob" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'live';
ALTER TABLE "Blob" ADD COLUMN "stateAt" TIMESTAMP(3);
