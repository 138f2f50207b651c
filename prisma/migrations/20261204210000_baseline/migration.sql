-- Baseline (ADR 0051): the schema the sixteen migrations up to 20261204173650_safety_maps built,
-- as one migration. Tables and indexes come from prisma/schema.prisma through the schema engine;
-- AuditEvent, ReviewMember and User keep the column order those migrations left them in, so a
-- database created here and one carried over (server/migration-baseline.ts) are the same.
-- Applied migrations are never edited: every change from now on is a new migration.

-- CreateTable
CREATE TABLE "Jurisdiction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "practiceStandards" TEXT,
    "factorFramework" TEXT,
    "excludeFromSharing" BOOLEAN NOT NULL DEFAULT false,
    "accountNamesVisibleTo" TEXT NOT NULL DEFAULT 'facilitator',
    "surveyInstrument" TEXT,
    "surveyMinResponses" INTEGER NOT NULL DEFAULT 5,
    "signingPublicKey" TEXT,
    "signingPrivateKey" TEXT,
    "retentionYears" INTEGER
);

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "jurisdictionId" TEXT NOT NULL,
    CONSTRAINT "SettingsVersion_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "canLeadReviews" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" DATETIME,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "unitId" TEXT,
    "partnerAccessUntil" DATETIME,
    "partnerOrganisation" TEXT,
    "partnerReviewId" TEXT,
    CONSTRAINT "User_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JurisdictionSso" (
    "jurisdictionId" TEXT NOT NULL PRIMARY KEY,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT,
    "displayName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "passwordSignIn" BOOLEAN NOT NULL DEFAULT true,
    "jitProvisioning" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JurisdictionSso_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,
    CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoSession" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "idToken" TEXT NOT NULL,
    CONSTRAINT "SsoSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordSetupToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,
    CONSTRAINT "PasswordSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "incidentType" TEXT NOT NULL,
    "incidentDate" DATETIME NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "phase" TEXT NOT NULL DEFAULT 'intake',
    "siblingCheckDate" TEXT,
    "siblingCheckOutcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "jurisdictionId" TEXT NOT NULL,
    "createdById" TEXT,
    "standardsVersion" INTEGER NOT NULL DEFAULT 0,
    "frameworkVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Review_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "communityRepresentative" BOOLEAN NOT NULL DEFAULT false,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "realNamesGranted" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ReviewMember_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "reviewId" TEXT,
    "jurisdictionId" TEXT NOT NULL,
    "hash" TEXT,
    "prevHash" TEXT,
    "seq" INTEGER,
    CONSTRAINT "AuditEvent_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollabUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docName" TEXT NOT NULL,
    "update" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CollabSnapshot" (
    "docName" TEXT NOT NULL PRIMARY KEY,
    "state" BLOB NOT NULL,
    "lastUpdateId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedEvent_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedUnmetNeed_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedFinding_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectedFindingTag" (
    "reviewId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,

    PRIMARY KEY ("reviewId", "findingId", "value"),
    CONSTRAINT "ProjectedFindingTag_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

    PRIMARY KEY ("reviewId", "id"),
    CONSTRAINT "ProjectedRecommendation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectedFactorRating" (
    "reviewId" TEXT NOT NULL,
    "factorItemId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("reviewId", "factorItemId"),
    CONSTRAINT "ProjectedFactorRating_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectedSafetyMap" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "worker" INTEGER,
    "supervisor" INTEGER,
    "family" INTEGER,
    "partner" INTEGER,

    PRIMARY KEY ("reviewId", "id")
);

-- CreateTable
CREATE TABLE "ReviewProjection" (
    "reviewId" TEXT NOT NULL PRIMARY KEY,
    "projectedAt" DATETIME NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "registryFacts" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "ReviewProjection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffAccount" (
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

-- CreateTable
CREATE TABLE "AccountRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountRelease_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountRead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "readerId" TEXT NOT NULL,
    "releaseId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountRead_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuoteConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "QuoteConsent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExportRecord" (
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

-- CreateTable
CREATE TABLE "ResidualDecision" (
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

-- CreateTable
CREATE TABLE "SharedReview" (
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

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyWave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "units" TEXT NOT NULL DEFAULT '[]',
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "closedEarly" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "waveId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SurveyInvitation_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "SurveyWave" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "waveId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "comment" TEXT,
    CONSTRAINT "SurveyResponse_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "SurveyWave" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExportApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentHash" TEXT NOT NULL,
    CONSTRAINT "ExportApproval_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExportApproval_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrustedJurisdictionKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jurisdictionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RecommendationOwner" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommendationUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WhatChangedUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WhatChangedUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WhatChangedUpdate_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
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

-- CreateTable
CREATE TABLE "FamilyVoiceInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "contributorKind" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewId" TEXT NOT NULL,
    CONSTRAINT "FamilyVoiceInvitation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FamilyContribution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "via" TEXT NOT NULL,
    "contributorKind" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "needed" TEXT NOT NULL,
    "helped" TEXT NOT NULL,
    "notHelped" TEXT NOT NULL,
    "shouldChange" TEXT NOT NULL,
    "consentScope" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    "withdrawnAt" DATETIME,
    "reviewId" TEXT NOT NULL,
    "invitationId" TEXT,
    CONSTRAINT "FamilyContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FamilyContribution_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "FamilyVoiceInvitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FamilyContributionLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "linkedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contributionId" TEXT NOT NULL,
    CONSTRAINT "FamilyContributionLink_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "FamilyContribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Jurisdiction_code_key" ON "Jurisdiction"("code");

-- CreateIndex
CREATE UNIQUE INDEX "SettingsVersion_jurisdictionId_kind_number_key" ON "SettingsVersion"("jurisdictionId", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_jurisdictionId_idx" ON "User"("jurisdictionId");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "UserIdentity_userId_idx" ON "UserIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_issuer_subject_key" ON "UserIdentity"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordSetupToken_tokenHash_key" ON "PasswordSetupToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordSetupToken_userId_idx" ON "PasswordSetupToken"("userId");

-- CreateIndex
CREATE INDEX "Review_jurisdictionId_idx" ON "Review"("jurisdictionId");

-- CreateIndex
CREATE INDEX "ReviewMember_userId_idx" ON "ReviewMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewMember_reviewId_userId_key" ON "ReviewMember"("reviewId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- CreateIndex
CREATE INDEX "AuditEvent_jurisdictionId_seq_idx" ON "AuditEvent"("jurisdictionId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_jurisdictionId_createdAt_idx" ON "AuditEvent"("jurisdictionId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_createdAt_idx" ON "AuditEvent"("reviewId", "createdAt");

-- CreateIndex
CREATE INDEX "CollabUpdate_docName_id_idx" ON "CollabUpdate"("docName", "id");

-- CreateIndex
CREATE INDEX "ProjectedEvent_reviewId_position_idx" ON "ProjectedEvent"("reviewId", "position");

-- CreateIndex
CREATE INDEX "ProjectedFindingTag_value_idx" ON "ProjectedFindingTag"("value");

-- CreateIndex
CREATE INDEX "ProjectedRecommendation_status_dueDate_idx" ON "ProjectedRecommendation"("status", "dueDate");

-- CreateIndex
CREATE INDEX "StaffAccount_authorId_idx" ON "StaffAccount"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAccount_reviewId_authorId_key" ON "StaffAccount"("reviewId", "authorId");

-- CreateIndex
CREATE INDEX "AccountRelease_accountId_createdAt_idx" ON "AccountRelease"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "AccountRead_accountId_at_idx" ON "AccountRead"("accountId", "at");

-- CreateIndex
CREATE INDEX "QuoteConsent_accountId_idx" ON "QuoteConsent"("accountId");

-- CreateIndex
CREATE INDEX "QuoteConsent_findingId_idx" ON "QuoteConsent"("findingId");

-- CreateIndex
CREATE INDEX "ExportRecord_reviewId_createdAt_idx" ON "ExportRecord"("reviewId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ResidualDecision_reviewId_candidateId_key" ON "ResidualDecision"("reviewId", "candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedReview_jurisdictionId_sharedId_key" ON "SharedReview"("jurisdictionId", "sharedId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_jurisdictionId_name_key" ON "Unit"("jurisdictionId", "name");

-- CreateIndex
CREATE INDEX "SurveyWave_jurisdictionId_idx" ON "SurveyWave"("jurisdictionId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_waveId_userId_key" ON "SurveyInvitation"("waveId", "userId");

-- CreateIndex
CREATE INDEX "SurveyResponse_waveId_unitId_idx" ON "SurveyResponse"("waveId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ExportApproval_reviewId_step_key" ON "ExportApproval"("reviewId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "TrustedJurisdictionKey_jurisdictionId_code_key" ON "TrustedJurisdictionKey"("jurisdictionId", "code");

-- CreateIndex
CREATE INDEX "RecommendationOwner_userId_idx" ON "RecommendationOwner"("userId");

-- CreateIndex
CREATE INDEX "RecommendationUpdate_reviewId_recommendationId_createdAt_idx" ON "RecommendationUpdate"("reviewId", "recommendationId", "createdAt");

-- CreateIndex
CREATE INDEX "WhatChangedUpdate_reviewId_publishedAt_idx" ON "WhatChangedUpdate"("reviewId", "publishedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_reviewId_idx" ON "Notification"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_kind_reviewId_subjectId_key" ON "Notification"("userId", "kind", "reviewId", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "FamilyVoiceInvitation_tokenHash_key" ON "FamilyVoiceInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "FamilyVoiceInvitation_reviewId_idx" ON "FamilyVoiceInvitation"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "FamilyContribution_invitationId_key" ON "FamilyContribution"("invitationId");

-- CreateIndex
CREATE INDEX "FamilyContribution_reviewId_idx" ON "FamilyContribution"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "FamilyContributionLink_contributionId_targetKind_targetId_key" ON "FamilyContributionLink"("contributionId", "targetKind", "targetId");

-- Chains each new audit row in the statement that inserts it (ADR 0027): the next global sequence
-- number, the hash of the previous row of the same jurisdiction, and its own hash through
-- scir_audit_hash(), which every connection of the app registers (app/utils/audit-chain.server.ts).
-- SQLite has one writer at a time, so two writers can never read the same previous row.
CREATE TRIGGER "AuditEvent_chain" AFTER INSERT ON "AuditEvent" WHEN NEW."hash" IS NULL
BEGIN
  UPDATE "AuditEvent" SET
    "seq" = (SELECT COALESCE(MAX("seq"), 0) + 1 FROM "AuditEvent"),
    "prevHash" = (SELECT "hash" FROM "AuditEvent" WHERE "jurisdictionId" = NEW."jurisdictionId" AND "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1)
  WHERE "id" = NEW."id";
  UPDATE "AuditEvent" SET
    "hash" = scir_audit_hash("seq", "id", "jurisdictionId", "action", "actorId", "reviewId", "detail", "createdAt", "prevHash")
  WHERE "id" = NEW."id";
END;

-- Append-only: a sealed row can be neither changed nor deleted through SQL.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" WHEN OLD."hash" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
