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
    "updatedAt" DATETIME NOT NULL
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Jurisdiction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "practiceStandards" TEXT,
    "factorFramework" TEXT,
    "excludeFromSharing" BOOLEAN NOT NULL DEFAULT false,
    "accountNamesVisibleTo" TEXT NOT NULL DEFAULT 'facilitator'
);
INSERT INTO "new_Jurisdiction" ("code", "createdAt", "excludeFromSharing", "factorFramework", "id", "name", "practiceStandards") SELECT "code", "createdAt", "excludeFromSharing", "factorFramework", "id", "name", "practiceStandards" FROM "Jurisdiction";
DROP TABLE "Jurisdiction";
ALTER TABLE "new_Jurisdiction" RENAME TO "Jurisdiction";
CREATE UNIQUE INDEX "Jurisdiction_code_key" ON "Jurisdiction"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StaffAccount_reviewId_idx" ON "StaffAccount"("reviewId");

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
