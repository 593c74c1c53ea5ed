-- CreateTable
CREATE TABLE "TeachingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "startTime" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT,
    "link" TEXT,
    "departmentId" TEXT,
    "seriesId" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TeachingSession_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TeachingSession_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeachingTutor" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("sessionId", "userId"),
    CONSTRAINT "TeachingTutor_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeachingTutor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeachingProgramme" (
    "sessionId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,

    PRIMARY KEY ("sessionId", "programmeId"),
    CONSTRAINT "TeachingProgramme_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeachingProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "markedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "markedById" TEXT,

    PRIMARY KEY ("sessionId", "residentId"),
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "locale" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,
    CONSTRAINT "Certificate_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "TeachingSession_date_idx" ON "TeachingSession"("date");

-- CreateIndex
CREATE INDEX "TeachingSession_seriesId_idx" ON "TeachingSession"("seriesId");

-- CreateIndex
CREATE INDEX "TeachingSession_departmentId_date_idx" ON "TeachingSession"("departmentId", "date");

-- CreateIndex
CREATE INDEX "TeachingTutor_userId_idx" ON "TeachingTutor"("userId");

-- CreateIndex
CREATE INDEX "TeachingProgramme_programmeId_idx" ON "TeachingProgramme"("programmeId");

-- CreateIndex
CREATE INDEX "Attendance_residentId_idx" ON "Attendance"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE INDEX "Certificate_holderId_idx" ON "Certificate"("holderId");

