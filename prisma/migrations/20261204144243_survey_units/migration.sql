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
    "accountNamesVisibleTo" TEXT NOT NULL DEFAULT 'facilitator',
    "surveyInstrument" TEXT,
    "surveyMinResponses" INTEGER NOT NULL DEFAULT 5,
    "signingPublicKey" TEXT,
    "signingPrivateKey" TEXT
);
INSERT INTO "new_Jurisdiction" ("accountNamesVisibleTo", "code", "createdAt", "excludeFromSharing", "factorFramework", "id", "name", "practiceStandards", "signingPublicKey", "signingPrivateKey") SELECT "accountNamesVisibleTo", "code", "createdAt", "excludeFromSharing", "factorFramework", "id", "name", "practiceStandards", "signingPublicKey", "signingPrivateKey" FROM "Jurisdiction";
DROP TABLE "Jurisdiction";
ALTER TABLE "new_Jurisdiction" RENAME TO "Jurisdiction";
CREATE UNIQUE INDEX "Jurisdiction_code_key" ON "Jurisdiction"("code");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" DATETIME,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "unitId" TEXT,
    CONSTRAINT "User_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "deactivatedAt", "email", "id", "isAdmin", "jurisdictionId", "locale", "name", "passwordHash", "updatedAt") SELECT "createdAt", "deactivatedAt", "email", "id", "isAdmin", "jurisdictionId", "locale", "name", "passwordHash", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_jurisdictionId_idx" ON "User"("jurisdictionId");
CREATE INDEX "User_unitId_idx" ON "User"("unitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Unit_jurisdictionId_name_key" ON "Unit"("jurisdictionId", "name");

-- CreateIndex
CREATE INDEX "SurveyWave_jurisdictionId_idx" ON "SurveyWave"("jurisdictionId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_waveId_userId_key" ON "SurveyInvitation"("waveId", "userId");

-- CreateIndex
CREATE INDEX "SurveyResponse_waveId_unitId_idx" ON "SurveyResponse"("waveId", "unitId");
