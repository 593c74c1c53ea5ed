-- AlterTable
ALTER TABLE "Resident" ADD COLUMN "contractStart" DATETIME;

-- CreateTable
CREATE TABLE "ProgressionOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "academicYear" INTEGER NOT NULL,
    "trainingYear" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidedOn" DATETIME NOT NULL,
    "suspendedTo" DATETIME,
    "examDate" DATETIME,
    "grade" INTEGER,
    "honours" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressionOutcome_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgressionOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProgressionOutcome_academicYear_idx" ON "ProgressionOutcome"("academicYear");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressionOutcome_residentId_academicYear_key" ON "ProgressionOutcome"("residentId", "academicYear");
