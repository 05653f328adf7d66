-- AlterTable
ALTER TABLE "RankingJob" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "RankingJob" ADD COLUMN "baselines" TEXT;
