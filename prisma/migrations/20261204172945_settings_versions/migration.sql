-- Settings versions (ADR 0036): every saved version of a jurisdiction's practice standards and
-- factor framework is kept, and each review names the versions it uses.
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

CREATE UNIQUE INDEX "SettingsVersion_jurisdictionId_kind_number_key" ON "SettingsVersion"("jurisdictionId", "kind", "number");

-- Added, not rebuilt: other branches add Review columns at the same time.
ALTER TABLE "Review" ADD COLUMN "standardsVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Review" ADD COLUMN "frameworkVersion" INTEGER NOT NULL DEFAULT 0;

-- A jurisdiction's own standards or framework loaded before versions existed becomes its
-- version 1, and its existing reviews keep using it.
INSERT INTO "SettingsVersion" ("id", "kind", "number", "content", "createdAt", "jurisdictionId")
SELECT 'sv1s' || lower(hex(randomblob(10))), 'practiceStandards', 1, "practiceStandards", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "id"
FROM "Jurisdiction" WHERE "practiceStandards" IS NOT NULL;
INSERT INTO "SettingsVersion" ("id", "kind", "number", "content", "createdAt", "jurisdictionId")
SELECT 'sv1f' || lower(hex(randomblob(10))), 'factorFramework', 1, "factorFramework", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "id"
FROM "Jurisdiction" WHERE "factorFramework" IS NOT NULL;
UPDATE "Review" SET "standardsVersion" = 1 WHERE "jurisdictionId" IN (SELECT "id" FROM "Jurisdiction" WHERE "practiceStandards" IS NOT NULL);
UPDATE "Review" SET "frameworkVersion" = 1 WHERE "jurisdictionId" IN (SELECT "id" FROM "Jurisdiction" WHERE "factorFramework" IS NOT NULL);
