-- CreateTable
CREATE TABLE "ProjectedSafetyMap" (
    "reviewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "worker" INTEGER,
    "supervisor" INTEGER,
    "family" INTEGER,
    "partner" INTEGER,

    PRIMARY KEY ("reviewId", "id")
);
