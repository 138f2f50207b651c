-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "frameworkVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "standardsVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "jurisdictionId" TEXT NOT NULL,

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SettingsVersion_jurisdictionId_kind_number_key" ON "SettingsVersion"("jurisdictionId", "kind", "number");

-- AddForeignKey
ALTER TABLE "SettingsVersion" ADD CONSTRAINT "SettingsVersion_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
