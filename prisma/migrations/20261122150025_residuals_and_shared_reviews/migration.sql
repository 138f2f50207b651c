-- CreateTable
CREATE TABLE "ResidualDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SharedReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "sourceJurisdiction" TEXT NOT NULL,
    "sharedId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "ResidualDecision_reviewId_candidateId_key" ON "ResidualDecision"("reviewId", "candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedReview_jurisdictionId_sharedId_key" ON "SharedReview"("jurisdictionId", "sharedId");
