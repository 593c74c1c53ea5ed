-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "protectedType" TEXT,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "rotationId" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Absence_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Absence_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Absence_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Absence_residentId_startDate_idx" ON "Absence"("residentId", "startDate");

-- CreateIndex
CREATE INDEX "Absence_rotationId_state_idx" ON "Absence"("rotationId", "state");

-- CreateIndex
CREATE INDEX "Absence_state_startDate_idx" ON "Absence"("state", "startDate");

