-- AlterTable
ALTER TABLE "RankingJob" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "baselines" TEXT;
