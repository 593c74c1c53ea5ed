-- CreateTable
CREATE TABLE "LogbookCatalogue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "LogbookCatalogue_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LogbookCatalogue_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LogbookActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "catalogueId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "labelIt" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "minimums" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "LogbookActivity_catalogueId_fkey" FOREIGN KEY ("catalogueId") REFERENCES "LogbookCatalogue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LogbookEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "degree" TEXT NOT NULL,
    "tutorId" TEXT,
    "departmentId" TEXT NOT NULL,
    "note" TEXT,
    "caseRef" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "returnReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LogbookEntry_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LogbookEntry_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "LogbookActivity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LogbookEntry_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LogbookEntry_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LogbookEntry_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LogbookMonth" (
    "residentId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "countersignedAt" DATETIME,
    "reopenedAt" DATETIME,
    "reopenReason" TEXT,

    PRIMARY KEY ("residentId", "month"),
    CONSTRAINT "LogbookMonth_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LogbookCatalogue_programmeId_version_key" ON "LogbookCatalogue"("programmeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "LogbookActivity_catalogueId_code_key" ON "LogbookActivity"("catalogueId", "code");

-- CreateIndex
CREATE INDEX "LogbookEntry_residentId_date_idx" ON "LogbookEntry"("residentId", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_tutorId_status_date_idx" ON "LogbookEntry"("tutorId", "status", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_departmentId_status_date_idx" ON "LogbookEntry"("departmentId", "status", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_activityId_idx" ON "LogbookEntry"("activityId");

