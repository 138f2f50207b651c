-- Baseline (ADR 0051): the schema the five PostgreSQL migrations up to
-- 20261204191216_reference_integrity_enums built, as one migration. Tables, enums, indexes and
-- foreign keys come from prisma/postgres/schema.prisma through the schema engine; Review,
-- ReviewMember and User keep the column order those migrations left them in, so a database
-- created here and one carried over (server/migration-baseline.ts) are the same.
-- Applied migrations are never edited: every change from now on is a new migration.

-- CreateEnum
CREATE TYPE "ReviewPhase" AS ENUM ('intake', 'preparation', 'staff_accounts', 'joint_review', 'analysis', 'findings', 'approval', 'shared');

-- CreateEnum
CREATE TYPE "ReviewRole" AS ENUM ('facilitator', 'panel_member', 'qi_lead', 'staff_contributor', 'observer', 'partner');

-- CreateEnum
CREATE TYPE "AccountState" AS ENUM ('invited', 'drafting', 'released_to_facilitator', 'released_to_panel', 'withdrawn');

-- CreateTable
CREATE TABLE "Jurisdiction" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "practiceStandards" TEXT,
    "factorFramework" TEXT,
    "excludeFromSharing" BOOLEAN NOT NULL DEFAULT false,
    "accountNamesVisibleTo" TEXT NOT NULL DEFAULT 'facilitator',
    "surveyInstrument" TEXT,
    "surveyMinResponses" INTEGER NOT NULL DEFAULT 5,
    "signingPublicKey" TEXT,
    "signingPrivateKey" TEXT,
    "retentionYears" INTEGER,

    CONSTRAINT "Jurisdiction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "jurisdictionId" TEXT NOT NULL,

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "canLeadReviews" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" TIMESTAMP(3),
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "unitId" TEXT,
    "partnerAccessUntil" TIMESTAMP(3),
    "partnerOrganisation" TEXT,
    "partnerReviewId" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JurisdictionSso" (
    "jurisdictionId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT,
    "displayName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "passwordSignIn" BOOLEAN NOT NULL DEFAULT true,
    "jitProvisioning" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JurisdictionSso_pkey" PRIMARY KEY ("jurisdictionId")
);

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoSession" (
    "sessionId" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "idToken" TEXT NOT NULL,

    CONSTRAINT "SsoSession_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "PasswordSetupToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,

    CONSTRAINT "PasswordSetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "incidentType" TEXT NOT NULL,
    "incidentDate" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "phase" "ReviewPhase" NOT NULL DEFAULT 'intake',
    "siblingCheckDate" TEXT,
    "siblingCheckOutcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "jurisdictionId" TEXT NOT NULL,
    "createdById" TEXT,
    "frameworkVersion" INTEGER NOT NULL DEFAULT 0,
    "standardsVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewMember" (
    "id" TEXT NOT NULL,
    "role" "ReviewRole" NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "communityRepresentative" BOOLEAN NOT NULL DEFAULT false,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "realNamesGranted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReviewMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "reviewId" TEXT,
    "seq" INTEGER,
    "prevHash" TEXT,
    "hash" TEXT,
    "jurisdictionId" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollabUpdate" (
    "id" SERIAL NOT NULL,
    "docName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollabSnapshot" (
    "docName" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "lastUpdateId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollabSnapshot_pkey" PRIMARY KEY ("docName")
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

    CONSTRAINT "ProjectedEvent_pkey" PRIMARY KEY ("reviewId","id")
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

    CONSTRAINT "ProjectedUnmetNeed_pkey" PRIMARY KEY ("reviewId","id")
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

    CONSTRAINT "ProjectedFinding_pkey" PRIMARY KEY ("reviewId","id")
);

-- CreateTable
CREATE TABLE "ProjectedFindingTag" (
    "reviewId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,

    CONSTRAINT "ProjectedFindingTag_pkey" PRIMARY KEY ("reviewId","findingId","value")
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

    CONSTRAINT "ProjectedRecommendation_pkey" PRIMARY KEY ("reviewId","id")
);

-- CreateTable
CREATE TABLE "ProjectedFactorRating" (
    "reviewId" TEXT NOT NULL,
    "factorItemId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "eventIds" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ProjectedFactorRating_pkey" PRIMARY KEY ("reviewId","factorItemId")
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

    CONSTRAINT "ProjectedSafetyMap_pkey" PRIMARY KEY ("reviewId","id")
);

-- CreateTable
CREATE TABLE "ReviewProjection" (
    "reviewId" TEXT NOT NULL,
    "projectedAt" TIMESTAMP(3) NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "registryFacts" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "ReviewProjection_pkey" PRIMARY KEY ("reviewId")
);

-- CreateTable
CREATE TABLE "StaffAccount" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "state" "AccountState" NOT NULL DEFAULT 'invited',
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitedById" TEXT,
    "releasedToFacilitatorAt" TIMESTAMP(3),
    "releasedToPanelAt" TIMESTAMP(3),
    "withdrawalRequestedAt" TIMESTAMP(3),
    "withdrawalReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountRelease" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountRead" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "readerId" TEXT NOT NULL,
    "releaseId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountRead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuoteConsent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "QuoteConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportRecord" (
    "id" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "actorId" TEXT,
    "format" TEXT NOT NULL,
    "acceptedResiduals" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidualDecision" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "personRef" TEXT,
    "label" TEXT,
    "kind" TEXT,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidualDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedReview" (
    "id" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "sourceJurisdiction" TEXT NOT NULL,
    "sharedId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" TEXT,

    CONSTRAINT "SharedReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyWave" (
    "id" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "units" TEXT NOT NULL DEFAULT '[]',
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "closedEarly" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyWave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "answered" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "comment" TEXT,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportApproval" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentHash" TEXT NOT NULL,

    CONSTRAINT "ExportApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustedJurisdictionKey" (
    "id" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedJurisdictionKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationOwner" (
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationOwner_pkey" PRIMARY KEY ("reviewId","recommendationId")
);

-- CreateTable
CREATE TABLE "RecommendationUpdate" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "progress" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "evaluateOn" TEXT,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WhatChangedUpdate" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatChangedUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyVoiceInvitation" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "contributorKind" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewId" TEXT NOT NULL,

    CONSTRAINT "FamilyVoiceInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyContribution" (
    "id" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "contributorKind" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "needed" TEXT NOT NULL,
    "helped" TEXT NOT NULL,
    "notHelped" TEXT NOT NULL,
    "shouldChange" TEXT NOT NULL,
    "consentScope" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "reviewId" TEXT NOT NULL,
    "invitationId" TEXT,

    CONSTRAINT "FamilyContribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyContributionLink" (
    "id" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "linkedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contributionId" TEXT NOT NULL,

    CONSTRAINT "FamilyContributionLink_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "SettingsVersion" ADD CONSTRAINT "SettingsVersion_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JurisdictionSso" ADD CONSTRAINT "JurisdictionSso_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoSession" ADD CONSTRAINT "SsoSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordSetupToken" ADD CONSTRAINT "PasswordSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewMember" ADD CONSTRAINT "ReviewMember_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewMember" ADD CONSTRAINT "ReviewMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedEvent" ADD CONSTRAINT "ProjectedEvent_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedUnmetNeed" ADD CONSTRAINT "ProjectedUnmetNeed_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedFinding" ADD CONSTRAINT "ProjectedFinding_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedFindingTag" ADD CONSTRAINT "ProjectedFindingTag_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedRecommendation" ADD CONSTRAINT "ProjectedRecommendation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectedFactorRating" ADD CONSTRAINT "ProjectedFactorRating_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewProjection" ADD CONSTRAINT "ReviewProjection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAccount" ADD CONSTRAINT "StaffAccount_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAccount" ADD CONSTRAINT "StaffAccount_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAccount" ADD CONSTRAINT "StaffAccount_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountRelease" ADD CONSTRAINT "AccountRelease_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountRead" ADD CONSTRAINT "AccountRead_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuoteConsent" ADD CONSTRAINT "QuoteConsent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "StaffAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportRecord" ADD CONSTRAINT "ExportRecord_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportRecord" ADD CONSTRAINT "ExportRecord_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportRecord" ADD CONSTRAINT "ExportRecord_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidualDecision" ADD CONSTRAINT "ResidualDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidualDecision" ADD CONSTRAINT "ResidualDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedReview" ADD CONSTRAINT "SharedReview_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedReview" ADD CONSTRAINT "SharedReview_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "SurveyWave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "SurveyWave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportApproval" ADD CONSTRAINT "ExportApproval_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportApproval" ADD CONSTRAINT "ExportApproval_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationOwner" ADD CONSTRAINT "RecommendationOwner_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationOwner" ADD CONSTRAINT "RecommendationOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationOwner" ADD CONSTRAINT "RecommendationOwner_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationUpdate" ADD CONSTRAINT "RecommendationUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationUpdate" ADD CONSTRAINT "RecommendationUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhatChangedUpdate" ADD CONSTRAINT "WhatChangedUpdate_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhatChangedUpdate" ADD CONSTRAINT "WhatChangedUpdate_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyVoiceInvitation" ADD CONSTRAINT "FamilyVoiceInvitation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "FamilyVoiceInvitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContributionLink" ADD CONSTRAINT "FamilyContributionLink_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "FamilyContribution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit hash chain on PostgreSQL (ADR 0027 for the chain, ADR 0041 for this port). Written by
-- hand: the schema engine does not manage functions or triggers, so the generated migrations
-- never touch these. Same canonical serialisation as app/utils/audit-chain.server.ts
-- (auditRowHash): JSON.stringify of ["scir-audit-v1", seq, id, jurisdictionId, action, actorId,
-- reviewId, detail, createdAt, prevHash] as text or null, hashed with SHA-256. createdAt is
-- written as ISO 8601 UTC with milliseconds (scir_audit_time), the form verification reads back.

CREATE FUNCTION scir_audit_time(t TIMESTAMP(3)) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- to_json escapes a string the way JSON.stringify does (quotes, backslash, control characters).
CREATE FUNCTION scir_json_item(v TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT COALESCE(to_json(v)::text, 'null') $$;

CREATE FUNCTION scir_audit_hash(seq INTEGER, id TEXT, jurisdiction_id TEXT, action TEXT, actor_id TEXT, review_id TEXT, detail TEXT, created_at TIMESTAMP(3), prev_hash TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to('[' || concat_ws(',',
      scir_json_item('scir-audit-v1'), scir_json_item(seq::text), scir_json_item(id), scir_json_item(jurisdiction_id),
      scir_json_item(action), scir_json_item(actor_id), scir_json_item(review_id), scir_json_item(detail),
      scir_json_item(scir_audit_time(created_at)), scir_json_item(prev_hash)) || ']', 'UTF8')), 'hex')
  $$;

-- Several connections write at once here (SQLite has one writer), so inserters take turns on a
-- transaction-scoped advisory lock: the next one reads this row's sequence number and hash only
-- after this transaction has committed or rolled back, keeping the sequence gapless.
CREATE FUNCTION "AuditEvent_chain"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('scir_audit_chain'));
    SELECT COALESCE(MAX("seq"), 0) + 1 INTO NEW."seq" FROM "AuditEvent";
    NEW."prevHash" := (SELECT "hash" FROM "AuditEvent" WHERE "jurisdictionId" = NEW."jurisdictionId" AND "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1);
    NEW."hash" := scir_audit_hash(NEW."seq", NEW."id", NEW."jurisdictionId", NEW."action", NEW."actorId", NEW."reviewId", NEW."detail", NEW."createdAt", NEW."prevHash");
    RETURN NEW;
  END
  $$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW WHEN (NEW."hash" IS NULL) EXECUTE FUNCTION "AuditEvent_chain"();

-- Append-only: a sealed row can be neither changed nor deleted through SQL.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit rows are append-only'; END $$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW WHEN (OLD."hash" IS NOT NULL) EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
