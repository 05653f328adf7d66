-- One ranking's ESMs split into shards that every free worker scores (see lib/jobs/shards.ts).
CREATE TABLE "RankingShard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "esms" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "claimedBy" TEXT,
    "heartbeatAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "results" TEXT,
    CONSTRAINT "RankingShard_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RankingJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RankingShard_jobId_index_key" ON "RankingShard"("jobId", "index");
CREATE INDEX "RankingShard_status_idx" ON "RankingShard"("status");
