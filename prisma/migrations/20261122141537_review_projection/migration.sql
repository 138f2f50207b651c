-- CreateTable
CREATE TABLE "ProjectedEvent" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "dateEnd" TEXT,
    "approximate" BOOLEAN NOT NULL,
    "stage" TEXT,
    "source" TEXT,
    "actorIds" TEXT NOT NULL DEFAULT '[]',
    "keyPracticeEpisode" BOOLEAN NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "id")
);

-- CreateTable
CREATE TABLE "ProjectedUnmetNeed" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "need" TEXT NOT NULL,
    "received" TEXT NOT NULL,
    "gap" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',
    "factorItemIds" TEXT NOT NULL DEFAULT '[]',
    "standardsFlagId" TEXT,

    PRIMARY KEY ("reviewId", "id")
);

-- CreateTable
CREATE TABLE "ProjectedFinding" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "factorItemIds" TEXT NOT NULL DEFAULT '[]',
    "evidence" TEXT NOT NULL DEFAULT '{}',
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "id")
);

-- CreateTable
CREATE TABLE "ProjectedFindingTag" (
    "reviewId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,

    PRIMARY KEY ("reviewId", "findingId", "value")
);

-- CreateTable
CREATE TABLE "ProjectedRecommendation" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "strength" TEXT NOT NULL,
    "owner" TEXT,
    "dueDate" TEXT,
    "measure" TEXT,
    "status" TEXT NOT NULL,
    "findingIds" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "id")
);

-- CreateTable
CREATE TABLE "ProjectedFactorRating" (
    "reviewId" TEXT NOT NULL,
    "factorItemId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("reviewId", "factorItemId")
);

-- CreateTable
CREATE TABLE "ReviewProjection" (
    "reviewId" TEXT NOT NULL PRIMARY KEY,
    "projectedAt" DATETIME NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "ProjectedEvent_reviewId_position_idx" ON "ProjectedEvent"("reviewId", "position");

-- CreateIndex
CREATE INDEX "ProjectedFindingTag_value_idx" ON "ProjectedFindingTag"("value");

-- CreateIndex
CREATE INDEX "ProjectedRecommendation_status_dueDate_idx" ON "ProjectedRecommendation"("status", "dueDate");
