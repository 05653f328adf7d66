-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fullname" TEXT,
    "email" TEXT,
    "passwordHash" TEXT,
    "githubId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Repo" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    "cardText" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Repo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Branch" (
    "repoId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "commitId" TEXT NOT NULL,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("repoId","name")
);

-- CreateTable
CREATE TABLE "Commit" (
    "id" TEXT NOT NULL,
    "repoId" TEXT NOT NULL,
    "parentId" TEXT,
    "message" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Commit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitFile" (
    "commitId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "blobSha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "gitSha1" TEXT NOT NULL,

    CONSTRAINT "CommitFile_pkey" PRIMARY KEY ("commitId","path")
);

-- CreateTable
CREATE TABLE "Blob" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "EsmInfo" (
    "repoId" TEXT NOT NULL,
    "commitId" TEXT NOT NULL,
    "baseModel" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "subset" TEXT,
    "split" TEXT,
    "textColumns" TEXT NOT NULL,
    "labelColumn" TEXT,
    "taskType" TEXT NOT NULL DEFAULT 'unknown',
    "language" TEXT,
    "numExamples" INTEGER,
    "architecture" TEXT NOT NULL,
    "embeddingDim" INTEGER NOT NULL,
    "formatVersion" TEXT,
    "legacy" BOOLEAN NOT NULL DEFAULT false,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "config" TEXT NOT NULL,

    CONSTRAINT "EsmInfo_pkey" PRIMARY KEY ("repoId")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "repoId" TEXT,
    "description" TEXT,
    "language" TEXT,
    "taskType" TEXT,
    "numRows" INTEGER,
    "textColumns" TEXT,
    "labelColumn" TEXT,
    "columns" TEXT,
    "labelStats" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankingJob" (
    "id" TEXT NOT NULL,
    "datasetRepoId" TEXT NOT NULL,
    "datasetCommitId" TEXT NOT NULL,
    "baseModel" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "rate" DOUBLE PRECISION,
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "claimedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "timings" TEXT,

    CONSTRAINT "RankingJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankingResult" (
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "esmRepo" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "subset" TEXT,
    "language" TEXT,
    "taskType" TEXT,
    "score" DOUBLE PRECISION,
    "skipReason" TEXT,

    CONSTRAINT "RankingResult_pkey" PRIMARY KEY ("jobId","esmRepo")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_githubId_key" ON "User"("githubId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "Repo_owner_idx" ON "Repo"("owner");

-- CreateIndex
CREATE INDEX "Repo_updatedAt_idx" ON "Repo"("updatedAt");

-- CreateIndex
CREATE INDEX "Repo_downloads_idx" ON "Repo"("downloads");

-- CreateIndex
CREATE UNIQUE INDEX "Repo_kind_fullName_key" ON "Repo"("kind", "fullName");

-- CreateIndex
CREATE INDEX "Commit_repoId_createdAt_idx" ON "Commit"("repoId", "createdAt");

-- CreateIndex
CREATE INDEX "CommitFile_blobSha256_idx" ON "CommitFile"("blobSha256");

-- CreateIndex
CREATE INDEX "EsmInfo_baseModel_idx" ON "EsmInfo"("baseModel");

-- CreateIndex
CREATE INDEX "EsmInfo_taskId_idx" ON "EsmInfo"("taskId");

-- CreateIndex
CREATE INDEX "EsmInfo_taskType_idx" ON "EsmInfo"("taskType");

-- CreateIndex
CREATE INDEX "EsmInfo_language_idx" ON "EsmInfo"("language");

-- CreateIndex
CREATE INDEX "EsmInfo_embeddingDim_idx" ON "EsmInfo"("embeddingDim");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_repoId_key" ON "Dataset"("repoId");

-- CreateIndex
CREATE INDEX "RankingJob_status_createdAt_idx" ON "RankingJob"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RankingResult_jobId_position_idx" ON "RankingResult"("jobId", "position");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Branch" ADD CONSTRAINT "Branch_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Branch" ADD CONSTRAINT "Branch_commitId_fkey" FOREIGN KEY ("commitId") REFERENCES "Commit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commit" ADD CONSTRAINT "Commit_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commit" ADD CONSTRAINT "Commit_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitFile" ADD CONSTRAINT "CommitFile_commitId_fkey" FOREIGN KEY ("commitId") REFERENCES "Commit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitFile" ADD CONSTRAINT "CommitFile_blobSha256_fkey" FOREIGN KEY ("blobSha256") REFERENCES "Blob"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EsmInfo" ADD CONSTRAINT "EsmInfo_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingJob" ADD CONSTRAINT "RankingJob_datasetRepoId_fkey" FOREIGN KEY ("datasetRepoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingJob" ADD CONSTRAINT "RankingJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingResult" ADD CONSTRAINT "RankingResult_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RankingJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

