-- Every reference column gets a foreign key (ADR 0033). SQLite adds foreign keys only by
-- rebuilding a table; rebuilt here: ExportApproval, ExportRecord, Notification, ProjectedEvent,
-- ProjectedFactorRating, ProjectedFinding, ProjectedFindingTag, ProjectedRecommendation,
-- ProjectedUnmetNeed, RecommendationOwner, RecommendationUpdate, ResidualDecision,
-- ReviewProjection, SharedReview, StaffAccount, WhatChangedUpdate. Rows left behind by a review
-- that was purged before these keys existed are not copied; a reference to a user who no longer
-- exists is cleared where the column may be empty.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ExportApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentHash" TEXT NOT NULL,
    CONSTRAINT "ExportApproval_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExportApproval_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ExportApproval" ("approvedAt", "approvedById", "contentHash", "id", "reviewId", "step") SELECT "approvedAt", "approvedById", "contentHash", "id", "reviewId", "step" FROM "ExportApproval" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ExportApproval";
ALTER TABLE "new_ExportApproval" RENAME TO "ExportApproval";
CREATE UNIQUE INDEX "ExportApproval_reviewId_step_key" ON "ExportApproval"("reviewId", "step");
CREATE TABLE "new_ExportRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "actorId" TEXT,
    "format" TEXT NOT NULL,
    "acceptedResiduals" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExportRecord_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExportRecord_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExportRecord_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ExportRecord" ("acceptedResiduals", "actorId", "createdAt", "detail", "format", "id", "jurisdictionId", "reviewId") SELECT "acceptedResiduals", (SELECT "id" FROM "User" WHERE "id" = "ExportRecord"."actorId") AS "actorId", "createdAt", "detail", "format", "id", "jurisdictionId", "reviewId" FROM "ExportRecord" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ExportRecord";
ALTER TABLE "new_ExportRecord" RENAME TO "ExportRecord";
CREATE INDEX "ExportRecord_reviewId_createdAt_idx" ON "ExportRecord"("reviewId", "createdAt");
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("createdAt", "id", "kind", "readAt", "reviewId", "subjectId", "userId") SELECT "createdAt", "id", "kind", "readAt", "reviewId", "subjectId", "userId" FROM "Notification" WHERE "reviewId" IN (SELECT "id" FROM "Review") AND "userId" IN (SELECT "id" FROM "User");
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
CREATE INDEX "Notification_reviewId_idx" ON "Notification"("reviewId");
CREATE UNIQUE INDEX "Notification_userId_kind_reviewId_subjectId_key" ON "Notification"("userId", "kind", "reviewId", "subjectId");
CREATE TABLE "new_ProjectedEvent" (
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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedEvent_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedEvent" ("actorIds", "approximate", "date", "dateEnd", "description", "id", "keyPracticeEpisode", "position", "reviewId", "source", "stage") SELECT "actorIds", "approximate", "date", "dateEnd", "description", "id", "keyPracticeEpisode", "position", "reviewId", "source", "stage" FROM "ProjectedEvent" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedEvent";
ALTER TABLE "new_ProjectedEvent" RENAME TO "ProjectedEvent";
CREATE INDEX "ProjectedEvent_reviewId_position_idx" ON "ProjectedEvent"("reviewId", "position");
CREATE TABLE "new_ProjectedFactorRating" (
    "reviewId" TEXT NOT NULL,
    "factorItemId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("reviewId", "factorItemId"),
    CONSTRAINT "ProjectedFactorRating_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedFactorRating" ("eventIds", "factorItemId", "rating", "rationale", "reviewId") SELECT "eventIds", "factorItemId", "rating", "rationale", "reviewId" FROM "ProjectedFactorRating" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedFactorRating";
ALTER TABLE "new_ProjectedFactorRating" RENAME TO "ProjectedFactorRating";
CREATE TABLE "new_ProjectedFinding" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "factorItemIds" TEXT NOT NULL DEFAULT '[]',
    "evidence" TEXT NOT NULL DEFAULT '{}',
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedFinding_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedFinding" ("body", "evidence", "factorItemIds", "id", "position", "reviewId", "status") SELECT "body", "evidence", "factorItemIds", "id", "position", "reviewId", "status" FROM "ProjectedFinding" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedFinding";
ALTER TABLE "new_ProjectedFinding" RENAME TO "ProjectedFinding";
CREATE TABLE "new_ProjectedFindingTag" (
    "reviewId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,

    PRIMARY KEY ("reviewId", "findingId", "value"),
    CONSTRAINT "ProjectedFindingTag_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedFindingTag" ("findingId", "rationale", "reviewId", "value") SELECT "findingId", "rationale", "reviewId", "value" FROM "ProjectedFindingTag" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedFindingTag";
ALTER TABLE "new_ProjectedFindingTag" RENAME TO "ProjectedFindingTag";
CREATE INDEX "ProjectedFindingTag_value_idx" ON "ProjectedFindingTag"("value");
CREATE TABLE "new_ProjectedRecommendation" (
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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedRecommendation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedRecommendation" ("dueDate", "findingIds", "id", "measure", "owner", "position", "reviewId", "status", "strength", "text") SELECT "dueDate", "findingIds", "id", "measure", "owner", "position", "reviewId", "status", "strength", "text" FROM "ProjectedRecommendation" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedRecommendation";
ALTER TABLE "new_ProjectedRecommendation" RENAME TO "ProjectedRecommendation";
CREATE INDEX "ProjectedRecommendation_status_dueDate_idx" ON "ProjectedRecommendation"("status", "dueDate");
CREATE TABLE "new_ProjectedUnmetNeed" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "need" TEXT NOT NULL,
    "received" TEXT NOT NULL,
    "gap" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',
    "factorItemIds" TEXT NOT NULL DEFAULT '[]',
    "standardsFlagId" TEXT,

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedUnmetNeed_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProjectedUnmetNeed" ("eventIds", "factorItemIds", "gap", "id", "need", "received", "reviewId", "standardsFlagId") SELECT "eventIds", "factorItemIds", "gap", "id", "need", "received", "reviewId", "standardsFlagId" FROM "ProjectedUnmetNeed" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ProjectedUnmetNeed";
ALTER TABLE "new_ProjectedUnmetNeed" RENAME TO "ProjectedUnmetNeed";
CREATE TABLE "new_RecommendationOwner" (
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("reviewId", "recommendationId"),
    CONSTRAINT "RecommendationOwner_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationOwner_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RecommendationOwner" ("assignedAt", "assignedById", "recommendationId", "reviewId", "userId") SELECT "assignedAt", "assignedById", "recommendationId", "reviewId", "userId" FROM "RecommendationOwner" WHERE "reviewId" IN (SELECT "id" FROM "Review") AND "userId" IN (SELECT "id" FROM "User");
DROP TABLE "RecommendationOwner";
ALTER TABLE "new_RecommendationOwner" RENAME TO "RecommendationOwner";
CREATE INDEX "RecommendationOwner_userId_idx" ON "RecommendationOwner"("userId");
CREATE TABLE "new_RecommendationUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "progress" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "evaluateOn" TEXT,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommendationUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RecommendationUpdate" ("authorId", "createdAt", "evaluateOn", "id", "kind", "note", "outcome", "progress", "recommendationId", "reviewId") SELECT "authorId", "createdAt", "evaluateOn", "id", "kind", "note", "outcome", "progress", "recommendationId", "reviewId" FROM "RecommendationUpdate" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "RecommendationUpdate";
ALTER TABLE "new_RecommendationUpdate" RENAME TO "RecommendationUpdate";
CREATE INDEX "RecommendationUpdate_reviewId_recommendationId_createdAt_idx" ON "RecommendationUpdate"("reviewId", "recommendationId", "createdAt");
CREATE TABLE "new_ResidualDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "personRef" TEXT,
    "label" TEXT,
    "kind" TEXT,
    "decidedById" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResidualDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResidualDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ResidualDecision" ("candidateId", "decidedAt", "decidedById", "decision", "id", "kind", "label", "personRef", "reviewId", "text") SELECT "candidateId", "decidedAt", "decidedById", "decision", "id", "kind", "label", "personRef", "reviewId", "text" FROM "ResidualDecision" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ResidualDecision";
ALTER TABLE "new_ResidualDecision" RENAME TO "ResidualDecision";
CREATE UNIQUE INDEX "ResidualDecision_reviewId_candidateId_key" ON "ResidualDecision"("reviewId", "candidateId");
CREATE TABLE "new_ReviewProjection" (
    "reviewId" TEXT NOT NULL PRIMARY KEY,
    "projectedAt" DATETIME NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "registryFacts" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "ReviewProjection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReviewProjection" ("problems", "projectedAt", "registryFacts", "reviewId") SELECT "problems", "projectedAt", "registryFacts", "reviewId" FROM "ReviewProjection" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "ReviewProjection";
ALTER TABLE "new_ReviewProjection" RENAME TO "ReviewProjection";
CREATE TABLE "new_SharedReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "sourceJurisdiction" TEXT NOT NULL,
    "sharedId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" TEXT,
    CONSTRAINT "SharedReview_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SharedReview_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SharedReview" ("content", "id", "importedAt", "importedById", "jurisdictionId", "sharedId", "sourceJurisdiction") SELECT "content", "id", "importedAt", (SELECT "id" FROM "User" WHERE "id" = "SharedReview"."importedById") AS "importedById", "jurisdictionId", "sharedId", "sourceJurisdiction" FROM "SharedReview" WHERE "jurisdictionId" IN (SELECT "id" FROM "Jurisdiction");
DROP TABLE "SharedReview";
ALTER TABLE "new_SharedReview" RENAME TO "SharedReview";
CREATE UNIQUE INDEX "SharedReview_jurisdictionId_sharedId_key" ON "SharedReview"("jurisdictionId", "sharedId");
CREATE TABLE "new_StaffAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'invited',
    "invitedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitedById" TEXT,
    "releasedToFacilitatorAt" DATETIME,
    "releasedToPanelAt" DATETIME,
    "withdrawalRequestedAt" DATETIME,
    "withdrawalReason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StaffAccount_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffAccount_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffAccount_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_StaffAccount" ("authorId", "id", "invitedAt", "invitedById", "pseudonym", "releasedToFacilitatorAt", "releasedToPanelAt", "reviewId", "state", "updatedAt", "withdrawalReason", "withdrawalRequestedAt") SELECT "authorId", "id", "invitedAt", (SELECT "id" FROM "User" WHERE "id" = "StaffAccount"."invitedById") AS "invitedById", "pseudonym", "releasedToFacilitatorAt", "releasedToPanelAt", "reviewId", "state", "updatedAt", "withdrawalReason", "withdrawalRequestedAt" FROM "StaffAccount" WHERE "reviewId" IN (SELECT "id" FROM "Review") AND "authorId" IN (SELECT "id" FROM "User");
DROP TABLE "StaffAccount";
ALTER TABLE "new_StaffAccount" RENAME TO "StaffAccount";
CREATE INDEX "StaffAccount_authorId_idx" ON "StaffAccount"("authorId");
CREATE UNIQUE INDEX "StaffAccount_reviewId_authorId_key" ON "StaffAccount"("reviewId", "authorId");
CREATE TABLE "new_WhatChangedUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WhatChangedUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WhatChangedUpdate_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_WhatChangedUpdate" ("id", "message", "publishedAt", "publishedById", "reviewId") SELECT "id", "message", "publishedAt", "publishedById", "reviewId" FROM "WhatChangedUpdate" WHERE "reviewId" IN (SELECT "id" FROM "Review");
DROP TABLE "WhatChangedUpdate";
ALTER TABLE "new_WhatChangedUpdate" RENAME TO "WhatChangedUpdate";
CREATE INDEX "WhatChangedUpdate_reviewId_publishedAt_idx" ON "WhatChangedUpdate"("reviewId", "publishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
