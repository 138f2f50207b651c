-- AlterTable
ALTER TABLE "User" ADD COLUMN "partnerAccessUntil" DATETIME;
ALTER TABLE "User" ADD COLUMN "partnerOrganisation" TEXT;
ALTER TABLE "User" ADD COLUMN "partnerReviewId" TEXT;

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

-- Added in place rather than by rebuilding the table (other branches add columns to it).
ALTER TABLE "ReviewMember" ADD COLUMN "realNamesGranted" BOOLEAN NOT NULL DEFAULT false;

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
