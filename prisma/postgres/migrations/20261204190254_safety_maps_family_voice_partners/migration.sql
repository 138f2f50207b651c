-- AlterTable
ALTER TABLE "ReviewMember" ADD COLUMN     "realNamesGranted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "partnerAccessUntil" TIMESTAMP(3),
ADD COLUMN     "partnerOrganisation" TEXT,
ADD COLUMN     "partnerReviewId" TEXT;

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
ALTER TABLE "FamilyVoiceInvitation" ADD CONSTRAINT "FamilyVoiceInvitation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "FamilyVoiceInvitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContributionLink" ADD CONSTRAINT "FamilyContributionLink_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "FamilyContribution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
