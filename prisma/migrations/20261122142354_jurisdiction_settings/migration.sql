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
    "excludeFromSharing" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Jurisdiction" ("code", "createdAt", "id", "name") SELECT "code", "createdAt", "id", "name" FROM "Jurisdiction";
DROP TABLE "Jurisdiction";
ALTER TABLE "new_Jurisdiction" RENAME TO "Jurisdiction";
CREATE UNIQUE INDEX "Jurisdiction_code_key" ON "Jurisdiction"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
