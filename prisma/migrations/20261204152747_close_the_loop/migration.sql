-- CreateTable
CREATE TABLE "RecommendationOwner" (
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("reviewId", "recommendationId")
);

-- CreateTable
CREATE TABLE "RecommendationUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "progress" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "evaluateOn" TEXT,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WhatChangedUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
);

-- CreateIndex
CREATE INDEX "RecommendationOwner_userId_idx" ON "RecommendationOwner"("userId");

-- CreateIndex
CREATE INDEX "RecommendationUpdate_reviewId_recommendationId_createdAt_idx" ON "RecommendationUpdate"("reviewId", "recommendationId", "createdAt");

-- CreateIndex
CREATE INDEX "WhatChangedUpdate_reviewId_publishedAt_idx" ON "WhatChangedUpdate"("reviewId", "publishedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_kind_reviewId_subjectId_key" ON "Notification"("userId", "kind", "reviewId", "subjectId");
