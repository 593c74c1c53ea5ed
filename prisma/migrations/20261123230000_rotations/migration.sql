-- CreateTable
CREATE TABLE "Rotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "tutorId" TEXT,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "notes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rotation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rotation_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Rotation_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Rotation_residentId_startDate_idx" ON "Rotation"("residentId", "startDate");

-- CreateIndex
CREATE INDEX "Rotation_departmentId_startDate_endDate_idx" ON "Rotation"("departmentId", "startDate", "endDate");

-- CreateIndex
CREATE INDEX "Rotation_tutorId_idx" ON "Rotation"("tutorId");

-- CreateIndex
CREATE INDEX "Rotation_endDate_idx" ON "Rotation"("endDate");

