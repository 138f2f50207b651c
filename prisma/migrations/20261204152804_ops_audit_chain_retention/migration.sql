-- Audit hash chain, retention and who may lead reviews (ADR 0027, 0028).
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "seq" INTEGER;

-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN "retentionYears" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "incidentType" TEXT NOT NULL,
    "incidentDate" DATETIME NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "phase" TEXT NOT NULL DEFAULT 'intake',
    "siblingCheckDate" TEXT,
    "siblingCheckOutcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "jurisdictionId" TEXT NOT NULL,
    "createdById" TEXT,
    CONSTRAINT "Review_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("createdAt", "createdById", "id", "incidentDate", "incidentType", "jurisdictionId", "phase", "siblingCheckDate", "siblingCheckOutcome", "summary", "title", "updatedAt") SELECT "createdAt", "createdById", "id", "incidentDate", "incidentType", "jurisdictionId", "phase", "siblingCheckDate", "siblingCheckOutcome", "summary", "title", "updatedAt" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_jurisdictionId_idx" ON "Review"("jurisdictionId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "canLeadReviews" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" DATETIME,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "unitId" TEXT,
    CONSTRAINT "User_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "deactivatedAt", "email", "id", "isAdmin", "jurisdictionId", "locale", "name", "passwordHash", "unitId", "updatedAt") SELECT "createdAt", "deactivatedAt", "email", "id", "isAdmin", "jurisdictionId", "locale", "name", "passwordHash", "unitId", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_jurisdictionId_idx" ON "User"("jurisdictionId");
CREATE INDEX "User_unitId_idx" ON "User"("unitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing audit rows get their order now (by time, then insertion order); the migration
-- runner seals them with hashes right after this migration (SQLite has no SHA-256).
UPDATE "AuditEvent" SET "seq" = "r"."n"
  FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "createdAt", rowid) AS "n" FROM "AuditEvent") AS "r"
  WHERE "r"."id" = "AuditEvent"."id";

-- Reviews already in the last phase count as closed from their last change.
UPDATE "Review" SET "closedAt" = "updatedAt" WHERE "phase" = 'shared';

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- CreateIndex
CREATE INDEX "AuditEvent_jurisdictionId_seq_idx" ON "AuditEvent"("jurisdictionId", "seq");

-- Chains each new audit row in the statement that inserts it: the next global sequence number,
-- the hash of the previous row of the same jurisdiction, and its own hash through
-- scir_audit_hash(), which every connection of the app registers (app/utils/audit-chain.server.ts).
-- SQLite has one writer at a time, so two writers can never read the same previous row.
CREATE TRIGGER "AuditEvent_chain" AFTER INSERT ON "AuditEvent" WHEN NEW."hash" IS NULL
BEGIN
  UPDATE "AuditEvent" SET
    "seq" = (SELECT COALESCE(MAX("seq"), 0) + 1 FROM "AuditEvent"),
    "prevHash" = (SELECT "hash" FROM "AuditEvent" WHERE "jurisdictionId" = NEW."jurisdictionId" AND "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1)
  WHERE "id" = NEW."id";
  UPDATE "AuditEvent" SET
    "hash" = scir_audit_hash("seq", "id", "jurisdictionId", "action", "actorId", "reviewId", "detail", "createdAt", "prevHash")
  WHERE "id" = NEW."id";
END;

-- Append-only: a sealed row can be neither changed nor deleted through SQL.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" WHEN OLD."hash" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
