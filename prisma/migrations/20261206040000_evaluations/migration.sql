-- Evaluations (issue 18): forms and their versions, the tutors' evaluations, and the residents' confidential
-- answers with their done marks kept apart (docs/decisions/015-confidential-evaluations.md).
-- CreateTable
CREATE TABLE "EvaluationForm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "programmeId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvaluationForm_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationFormVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "formId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvaluationFormVersion_formId_fkey" FOREIGN KEY ("formId") REFERENCES "EvaluationForm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TutorEvaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rotationId" TEXT NOT NULL,
    "formVersionId" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "assigneeId" TEXT,
    "signedAt" DATETIME,
    "signedById" TEXT,
    "acknowledgedAt" DATETIME,
    "residentComment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TutorEvaluation_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TutorEvaluation_formVersionId_fkey" FOREIGN KEY ("formVersionId") REFERENCES "EvaluationFormVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TutorEvaluation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TutorEvaluation_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationSubmission" (
    "rotationId" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    CONSTRAINT "EvaluationSubmission_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SealedEvaluationAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "payload" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "EvaluationAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "formVersionId" TEXT NOT NULL,
    "tutorId" TEXT,
    "departmentId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "redacted" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "EvaluationAnswer_formVersionId_fkey" FOREIGN KEY ("formVersionId") REFERENCES "EvaluationFormVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EvaluationAnswer_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EvaluationAnswer_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationRelease" (
    "period" TEXT NOT NULL PRIMARY KEY,
    "releasedAt" DATETIME NOT NULL,
    "answers" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationForm_kind_programmeId_key" ON "EvaluationForm"("kind", "programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationFormVersion_formId_version_key" ON "EvaluationFormVersion"("formId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "TutorEvaluation_rotationId_key" ON "TutorEvaluation"("rotationId");

-- CreateIndex
CREATE INDEX "TutorEvaluation_formVersionId_idx" ON "TutorEvaluation"("formVersionId");

-- CreateIndex
CREATE INDEX "TutorEvaluation_assigneeId_idx" ON "TutorEvaluation"("assigneeId");

-- CreateIndex
CREATE INDEX "TutorEvaluation_signedById_signedAt_idx" ON "TutorEvaluation"("signedById", "signedAt");

-- CreateIndex
CREATE INDEX "EvaluationSubmission_residentId_idx" ON "EvaluationSubmission"("residentId");

-- CreateIndex
CREATE INDEX "SealedEvaluationAnswer_period_idx" ON "SealedEvaluationAnswer"("period");

-- CreateIndex
CREATE INDEX "EvaluationAnswer_period_tutorId_idx" ON "EvaluationAnswer"("period", "tutorId");

-- CreateIndex
CREATE INDEX "EvaluationAnswer_period_departmentId_idx" ON "EvaluationAnswer"("period", "departmentId");

-- CreateIndex
CREATE INDEX "EvaluationAnswer_formVersionId_idx" ON "EvaluationAnswer"("formVersionId");

