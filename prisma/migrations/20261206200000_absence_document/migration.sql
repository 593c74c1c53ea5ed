-- A protected absence's supporting PDF (issue 19): administrators and the resident only, never in the history.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Absence" (
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
    "documentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Absence_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "StoredDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Absence_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Absence_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Absence_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Absence" ("createdAt", "decidedAt", "decidedById", "endDate", "id", "kind", "note", "protectedType", "reason", "residentId", "rotationId", "startDate", "state", "updatedAt") SELECT "createdAt", "decidedAt", "decidedById", "endDate", "id", "kind", "note", "protectedType", "reason", "residentId", "rotationId", "startDate", "state", "updatedAt" FROM "Absence";
DROP TABLE "Absence";
ALTER TABLE "new_Absence" RENAME TO "Absence";
CREATE UNIQUE INDEX "Absence_documentId_key" ON "Absence"("documentId");
CREATE INDEX "Absence_residentId_startDate_idx" ON "Absence"("residentId", "startDate");
CREATE INDEX "Absence_rotationId_state_idx" ON "Absence"("rotationId", "state");
CREATE INDEX "Absence_state_startDate_idx" ON "Absence"("state", "startDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

