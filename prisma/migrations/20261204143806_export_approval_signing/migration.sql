-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN "signingPrivateKey" TEXT;
ALTER TABLE "Jurisdiction" ADD COLUMN "signingPublicKey" TEXT;

-- AlterTable
ALTER TABLE "ResidualDecision" ADD COLUMN "kind" TEXT;
ALTER TABLE "ResidualDecision" ADD COLUMN "label" TEXT;
ALTER TABLE "ResidualDecision" ADD COLUMN "personRef" TEXT;

-- CreateTable
CREATE TABLE "ExportApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentHash" TEXT NOT NULL
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

-- CreateIndex
CREATE UNIQUE INDEX "ExportApproval_reviewId_step_key" ON "ExportApproval"("reviewId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "TrustedJurisdictionKey_jurisdictionId_code_key" ON "TrustedJurisdictionKey"("jurisdictionId", "code");
