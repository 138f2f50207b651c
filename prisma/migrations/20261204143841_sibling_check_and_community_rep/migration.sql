-- AlterTable
ALTER TABLE "Review" ADD COLUMN "siblingCheckDate" TEXT;
ALTER TABLE "Review" ADD COLUMN "siblingCheckOutcome" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "communityRepresentative" BOOLEAN NOT NULL DEFAULT false,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    CONSTRAINT "ReviewMember_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReviewMember" ("addedAt", "id", "reviewId", "role", "userId") SELECT "addedAt", "id", "reviewId", "role", "userId" FROM "ReviewMember";
DROP TABLE "ReviewMember";
ALTER TABLE "new_ReviewMember" RENAME TO "ReviewMember";
CREATE INDEX "ReviewMember_userId_idx" ON "ReviewMember"("userId");
CREATE UNIQUE INDEX "ReviewMember_reviewId_userId_key" ON "ReviewMember"("reviewId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
