-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewProjection" (
    "reviewId" TEXT NOT NULL PRIMARY KEY,
    "projectedAt" DATETIME NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "registryFacts" TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO "new_ReviewProjection" ("problems", "projectedAt", "reviewId") SELECT "problems", "projectedAt", "reviewId" FROM "ReviewProjection";
DROP TABLE "ReviewProjection";
ALTER TABLE "new_ReviewProjection" RENAME TO "ReviewProjection";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
