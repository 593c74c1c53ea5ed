-- PostgreSQL's history begins here, with the models as SQLite's 27 migrations left them (20261207160000).
-- Written by `prisma migrate diff --from-empty --to-schema-datamodel prisma/postgres/schema.prisma --script`,
-- then the objects Prisma's schema does not describe, by hand (the second part).

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT,
    "passwordHash" TEXT,
    "calendarTokenHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedAt" TIMESTAMP(3),
    "mailRefusedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "secretHash" BYTEA NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "University" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "city" TEXT NOT NULL,
    "contactOffice" TEXT,
    "contactEmail" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "University_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "specialtyCode" TEXT NOT NULL,
    "universityId" TEXT NOT NULL,
    "directorName" TEXT NOT NULL,
    "directorEmail" TEXT NOT NULL,
    "durationYears" INTEGER NOT NULL,
    "maxSuspensionDays" INTEGER NOT NULL DEFAULT 365,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "headId" TEXT,
    "capacity" INTEGER NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepartmentTutor" (
    "departmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "DepartmentTutor_pkey" PRIMARY KEY ("departmentId","userId")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "yearOfTraining" INTEGER NOT NULL,
    "studentNumber" TEXT NOT NULL,
    "stayStart" TIMESTAMP(3) NOT NULL,
    "stayEnd" TIMESTAMP(3) NOT NULL,
    "tutorId" TEXT,
    "insurancePolicy" TEXT,
    "insuranceExpiry" TIMESTAMP(3),
    "contractStart" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "universityId" TEXT NOT NULL,
    "facilityRole" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "signedOn" TIMESTAMP(3),
    "notes" TEXT,
    "terminatedOn" TIMESTAMP(3),
    "terminationReason" TEXT,
    "renewsId" TEXT,
    "documentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementProgramme" (
    "agreementId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "posts" INTEGER NOT NULL,

    CONSTRAINT "AgreementProgramme_pkey" PRIMARY KEY ("agreementId","programmeId")
);

-- CreateTable
CREATE TABLE "StoredDocument" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "lastId" INTEGER NOT NULL,
    "lastHash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rotation" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "tutorId" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentImport" (
    "id" TEXT NOT NULL,
    "universityId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    "summary" TEXT,

    CONSTRAINT "ResidentImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeachingSession" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "startTime" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT,
    "link" TEXT,
    "departmentId" TEXT,
    "seriesId" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeachingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeachingTutor" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TeachingTutor_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "TeachingProgramme" (
    "sessionId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,

    CONSTRAINT "TeachingProgramme_pkey" PRIMARY KEY ("sessionId","programmeId")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "markedById" TEXT,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("sessionId","residentId")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "locale" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "performed" INTEGER NOT NULL DEFAULT 0,
    "evaluations" INTEGER,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LogbookCatalogue" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "LogbookCatalogue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogbookActivity" (
    "id" TEXT NOT NULL,
    "catalogueId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "labelIt" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "minimums" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "LogbookActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogbookEntry" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "degree" TEXT NOT NULL,
    "tutorId" TEXT,
    "departmentId" TEXT NOT NULL,
    "note" TEXT,
    "caseRef" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "returnReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LogbookEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogbookMonth" (
    "residentId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "countersignedAt" TIMESTAMP(3),
    "reopenedAt" TIMESTAMP(3),
    "reopenReason" TEXT,

    CONSTRAINT "LogbookMonth_pkey" PRIMARY KEY ("residentId","month")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "mailedAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "mode" TEXT NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","category")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "secret" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "refused" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "occasion" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("occasion")
);

-- CreateTable
CREATE TABLE "EvaluationForm" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "programmeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluationForm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationFormVersion" (
    "id" TEXT NOT NULL,
    "formId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluationFormVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TutorEvaluation" (
    "id" TEXT NOT NULL,
    "rotationId" TEXT NOT NULL,
    "formVersionId" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "assigneeId" TEXT,
    "signedAt" TIMESTAMP(3),
    "signedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "residentComment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TutorEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationSubmission" (
    "rotationId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,

    CONSTRAINT "EvaluationSubmission_pkey" PRIMARY KEY ("rotationId")
);

-- CreateTable
CREATE TABLE "SealedEvaluationAnswer" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "SealedEvaluationAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationAnswer" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "formVersionId" TEXT NOT NULL,
    "tutorId" TEXT,
    "departmentId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "redacted" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "EvaluationAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRelease" (
    "period" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "answers" INTEGER NOT NULL,

    CONSTRAINT "EvaluationRelease_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "protectedType" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "rotationId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "documentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressionOutcome" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "academicYear" INTEGER NOT NULL,
    "trainingYear" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidedOn" TIMESTAMP(3) NOT NULL,
    "suspendedTo" TIMESTAMP(3),
    "examDate" TIMESTAMP(3),
    "grade" INTEGER,
    "honours" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressionOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

-- CreateIndex
CREATE INDEX "User_name_idx" ON "User"("name");

-- CreateIndex
CREATE INDEX "User_active_idx" ON "User"("active");

-- CreateIndex
CREATE INDEX "UserRole_role_idx" ON "UserRole"("role");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordToken_tokenHash_key" ON "PasswordToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "University_name_key" ON "University"("name");

-- CreateIndex
CREATE INDEX "University_city_idx" ON "University"("city");

-- CreateIndex
CREATE INDEX "University_archivedAt_idx" ON "University"("archivedAt");

-- CreateIndex
CREATE INDEX "Programme_specialtyCode_idx" ON "Programme"("specialtyCode");

-- CreateIndex
CREATE INDEX "Programme_archivedAt_idx" ON "Programme"("archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_universityId_specialtyCode_key" ON "Programme"("universityId", "specialtyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "Department_headId_idx" ON "Department"("headId");

-- CreateIndex
CREATE INDEX "Department_archivedAt_idx" ON "Department"("archivedAt");

-- CreateIndex
CREATE INDEX "DepartmentTutor_userId_idx" ON "DepartmentTutor"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_userId_key" ON "Resident"("userId");

-- CreateIndex
CREATE INDEX "Resident_tutorId_idx" ON "Resident"("tutorId");

-- CreateIndex
CREATE INDEX "Resident_stayStart_stayEnd_idx" ON "Resident"("stayStart", "stayEnd");

-- CreateIndex
CREATE INDEX "Resident_updatedAt_idx" ON "Resident"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_programmeId_studentNumber_key" ON "Resident"("programmeId", "studentNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_documentId_key" ON "Agreement"("documentId");

-- CreateIndex
CREATE INDEX "Agreement_universityId_idx" ON "Agreement"("universityId");

-- CreateIndex
CREATE INDEX "Agreement_endDate_idx" ON "Agreement"("endDate");

-- CreateIndex
CREATE INDEX "Agreement_renewsId_idx" ON "Agreement"("renewsId");

-- CreateIndex
CREATE INDEX "AgreementProgramme_programmeId_idx" ON "AgreementProgramme"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "Rotation_residentId_startDate_idx" ON "Rotation"("residentId", "startDate");

-- CreateIndex
CREATE INDEX "Rotation_departmentId_startDate_endDate_state_idx" ON "Rotation"("departmentId", "startDate", "endDate", "state");

-- CreateIndex
CREATE INDEX "Rotation_tutorId_idx" ON "Rotation"("tutorId");

-- CreateIndex
CREATE INDEX "Rotation_startDate_idx" ON "Rotation"("startDate");

-- CreateIndex
CREATE INDEX "Rotation_endDate_idx" ON "Rotation"("endDate");

-- CreateIndex
CREATE INDEX "Rotation_updatedAt_idx" ON "Rotation"("updatedAt");

-- CreateIndex
CREATE INDEX "ResidentImport_createdAt_idx" ON "ResidentImport"("createdAt");

-- CreateIndex
CREATE INDEX "ResidentImport_universityId_idx" ON "ResidentImport"("universityId");

-- CreateIndex
CREATE INDEX "TeachingSession_date_idx" ON "TeachingSession"("date");

-- CreateIndex
CREATE INDEX "TeachingSession_seriesId_idx" ON "TeachingSession"("seriesId");

-- CreateIndex
CREATE INDEX "TeachingSession_departmentId_date_idx" ON "TeachingSession"("departmentId", "date");

-- CreateIndex
CREATE INDEX "TeachingSession_updatedAt_idx" ON "TeachingSession"("updatedAt");

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

-- CreateIndex
CREATE UNIQUE INDEX "LogbookCatalogue_programmeId_version_key" ON "LogbookCatalogue"("programmeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "LogbookActivity_catalogueId_code_key" ON "LogbookActivity"("catalogueId", "code");

-- CreateIndex
CREATE INDEX "LogbookEntry_residentId_date_idx" ON "LogbookEntry"("residentId", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_tutorId_status_date_idx" ON "LogbookEntry"("tutorId", "status", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_tutorId_status_createdAt_idx" ON "LogbookEntry"("tutorId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "LogbookEntry_departmentId_status_date_idx" ON "LogbookEntry"("departmentId", "status", "date");

-- CreateIndex
CREATE INDEX "LogbookEntry_activityId_idx" ON "LogbookEntry"("activityId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_delivery_mailedAt_idx" ON "Notification"("delivery", "mailedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_createdAt_idx" ON "OutboxMessage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

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

-- CreateIndex
CREATE UNIQUE INDEX "Absence_documentId_key" ON "Absence"("documentId");

-- CreateIndex
CREATE INDEX "Absence_residentId_startDate_idx" ON "Absence"("residentId", "startDate");

-- CreateIndex
CREATE INDEX "Absence_rotationId_state_idx" ON "Absence"("rotationId", "state");

-- CreateIndex
CREATE INDEX "Absence_state_startDate_idx" ON "Absence"("state", "startDate");

-- CreateIndex
CREATE INDEX "Absence_state_kind_startDate_endDate_rotationId_idx" ON "Absence"("state", "kind", "startDate", "endDate", "rotationId");

-- CreateIndex
CREATE INDEX "Absence_decidedById_decidedAt_idx" ON "Absence"("decidedById", "decidedAt");

-- CreateIndex
CREATE INDEX "ProgressionOutcome_academicYear_idx" ON "ProgressionOutcome"("academicYear");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressionOutcome_residentId_academicYear_key" ON "ProgressionOutcome"("residentId", "academicYear");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "University"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_headId_fkey" FOREIGN KEY ("headId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentTutor" ADD CONSTRAINT "DepartmentTutor_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentTutor" ADD CONSTRAINT "DepartmentTutor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "University"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_renewsId_fkey" FOREIGN KEY ("renewsId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "StoredDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementProgramme" ADD CONSTRAINT "AgreementProgramme_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementProgramme" ADD CONSTRAINT "AgreementProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Rotation" ADD CONSTRAINT "Rotation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rotation" ADD CONSTRAINT "Rotation_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rotation" ADD CONSTRAINT "Rotation_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentImport" ADD CONSTRAINT "ResidentImport_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "University"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentImport" ADD CONSTRAINT "ResidentImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingSession" ADD CONSTRAINT "TeachingSession_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingSession" ADD CONSTRAINT "TeachingSession_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingTutor" ADD CONSTRAINT "TeachingTutor_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingTutor" ADD CONSTRAINT "TeachingTutor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingProgramme" ADD CONSTRAINT "TeachingProgramme_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingProgramme" ADD CONSTRAINT "TeachingProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TeachingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookCatalogue" ADD CONSTRAINT "LogbookCatalogue_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookCatalogue" ADD CONSTRAINT "LogbookCatalogue_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookActivity" ADD CONSTRAINT "LogbookActivity_catalogueId_fkey" FOREIGN KEY ("catalogueId") REFERENCES "LogbookCatalogue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookEntry" ADD CONSTRAINT "LogbookEntry_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookEntry" ADD CONSTRAINT "LogbookEntry_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "LogbookActivity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookEntry" ADD CONSTRAINT "LogbookEntry_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookEntry" ADD CONSTRAINT "LogbookEntry_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookEntry" ADD CONSTRAINT "LogbookEntry_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogbookMonth" ADD CONSTRAINT "LogbookMonth_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationForm" ADD CONSTRAINT "EvaluationForm_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationFormVersion" ADD CONSTRAINT "EvaluationFormVersion_formId_fkey" FOREIGN KEY ("formId") REFERENCES "EvaluationForm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorEvaluation" ADD CONSTRAINT "TutorEvaluation_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorEvaluation" ADD CONSTRAINT "TutorEvaluation_formVersionId_fkey" FOREIGN KEY ("formVersionId") REFERENCES "EvaluationFormVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorEvaluation" ADD CONSTRAINT "TutorEvaluation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorEvaluation" ADD CONSTRAINT "TutorEvaluation_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationSubmission" ADD CONSTRAINT "EvaluationSubmission_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationAnswer" ADD CONSTRAINT "EvaluationAnswer_formVersionId_fkey" FOREIGN KEY ("formVersionId") REFERENCES "EvaluationFormVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationAnswer" ADD CONSTRAINT "EvaluationAnswer_tutorId_fkey" FOREIGN KEY ("tutorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationAnswer" ADD CONSTRAINT "EvaluationAnswer_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "StoredDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressionOutcome" ADD CONSTRAINT "ProgressionOutcome_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressionOutcome" ADD CONSTRAINT "ProgressionOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ─── What Prisma's schema does not describe ────────────────────────────────────────────────────────
-- PostgreSQL's counterparts of the objects written by hand in SQLite's history (prisma/migrations):
-- each table's version, the people's search text, the attendance counts and the broken rotations' marks,
-- all kept by triggers in the same transaction as the change, whoever makes it. Derived data: the same
-- model tests hold them to their definitions on both databases. docs/decisions/023-postgresql-beside-sqlite.md.

-- Each table's version (SQLite: 20261207110000_table_versions): a number that moves with every statement
-- that writes rows of the table, read by the server's remembered reads (app/utils/read-cache.server.ts).
-- A statement that writes no row leaves it: the triggers look at the rows the statement changed.
CREATE TABLE "TableVersion" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION "TableVersion_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM "changed") THEN
        UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END $$;

-- A table's version and the triggers that move it; a later migration that adds a table calls it too.
CREATE FUNCTION "TableVersion_track"("table" TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "TableVersion" ("name") VALUES ("table") ON CONFLICT DO NOTHING;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "TableVersion_bump"()',
        'TableVersion_' || "table" || '_insert', "table");
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "TableVersion_bump"()',
        'TableVersion_' || "table" || '_update', "table");
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "TableVersion_bump"()',
        'TableVersion_' || "table" || '_delete', "table");
END $$;

-- The people's search (SQLite: 20261125050000_person_search, FTS5 trigram): one row per person with the
-- text searched, and a trigram index (pg_trgm) that serves ILIKE '%…%' from three characters on.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "PersonSearchText" (
    "id" SERIAL PRIMARY KEY,
    "userId" TEXT NOT NULL UNIQUE,
    "text" TEXT NOT NULL
);
CREATE INDEX "PersonSearchText_text_trgm" ON "PersonSearchText" USING gin ("text" gin_trgm_ops);

CREATE FUNCTION "PersonSearch_text"("user" TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT u."name" || ' ' || u."email" || coalesce(' ' || r."studentNumber", '')
    FROM "User" u LEFT JOIN "Resident" r ON r."userId" = u."id" WHERE u."id" = "user"
$$;

CREATE FUNCTION "PersonSearch_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "PersonSearchText" ("userId", "text") VALUES (NEW."id", "PersonSearch_text"(NEW."id"));
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "PersonSearchText" SET "text" = "PersonSearch_text"(NEW."id") WHERE "userId" = NEW."id";
    ELSE
        DELETE FROM "PersonSearchText" WHERE "userId" = OLD."id";
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "PersonSearch_user_insert" AFTER INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_user"();
CREATE TRIGGER "PersonSearch_user_update" AFTER UPDATE OF "name", "email" ON "User" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_user"();
CREATE TRIGGER "PersonSearch_user_delete" AFTER DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_user"();

CREATE FUNCTION "PersonSearch_resident"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "PersonSearchText" SET "text" = "PersonSearch_text"(OLD."userId") WHERE "userId" = OLD."userId";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE "PersonSearchText" SET "text" = "PersonSearch_text"(NEW."userId") WHERE "userId" = NEW."userId";
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "PersonSearch_resident_insert" AFTER INSERT ON "Resident" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_resident"();
CREATE TRIGGER "PersonSearch_resident_update" AFTER UPDATE OF "userId", "studentNumber" ON "Resident" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_resident"();
CREATE TRIGGER "PersonSearch_resident_delete" AFTER DELETE ON "Resident" FOR EACH ROW EXECUTE FUNCTION "PersonSearch_resident"();

-- The attendance marks counted per session, status and the resident's programme (SQLite:
-- 20261207140000_attendance_tally), read by the teaching report.
CREATE TABLE "AttendanceTally" (
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "marks" INTEGER NOT NULL,
    PRIMARY KEY ("sessionId", "status", "programmeId")
);

CREATE FUNCTION "AttendanceTally_mark"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A mark removed or changed leaves its old count. When its resident is deleted, the resident's row is
    -- gone by the time the cascade removes the marks: "AttendanceTally_resident" has taken them off already.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "AttendanceTally" SET "marks" = "marks" - 1
            WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status"
              AND "programmeId" = (SELECT "programmeId" FROM "Resident" WHERE "id" = OLD."residentId");
        DELETE FROM "AttendanceTally" WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status" AND "marks" <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
            SELECT NEW."sessionId", NEW."status", r."programmeId", 1 FROM "Resident" r WHERE r."id" = NEW."residentId"
            ON CONFLICT ("sessionId", "status", "programmeId") DO UPDATE SET "marks" = "AttendanceTally"."marks" + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "AttendanceTally_insert" AFTER INSERT ON "Attendance" FOR EACH ROW EXECUTE FUNCTION "AttendanceTally_mark"();
CREATE TRIGGER "AttendanceTally_update" AFTER UPDATE OF "sessionId", "residentId", "status" ON "Attendance" FOR EACH ROW EXECUTE FUNCTION "AttendanceTally_mark"();
CREATE TRIGGER "AttendanceTally_delete" AFTER DELETE ON "Attendance" FOR EACH ROW EXECUTE FUNCTION "AttendanceTally_mark"();

-- A resident deleted: their marks leave the counts before the cascade removes them. Moved to another
-- programme: the counts go with them.
CREATE FUNCTION "AttendanceTally_resident"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "AttendanceTally" t SET "marks" = t."marks" - (
            SELECT COUNT(*) FROM "Attendance" a
            WHERE a."residentId" = OLD."id" AND a."sessionId" = t."sessionId" AND a."status" = t."status")
        WHERE t."programmeId" = OLD."programmeId" AND t."sessionId" IN (SELECT "sessionId" FROM "Attendance" WHERE "residentId" = OLD."id");
    DELETE FROM "AttendanceTally" WHERE "programmeId" = OLD."programmeId" AND "marks" <= 0;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
        SELECT a."sessionId", a."status", NEW."programmeId", COUNT(*) FROM "Attendance" a WHERE a."residentId" = NEW."id"
        GROUP BY a."sessionId", a."status"
        ON CONFLICT ("sessionId", "status", "programmeId") DO UPDATE SET "marks" = "AttendanceTally"."marks" + excluded."marks";
    RETURN NULL;
END $$;
CREATE TRIGGER "AttendanceTally_resident_delete" BEFORE DELETE ON "Resident" FOR EACH ROW EXECUTE FUNCTION "AttendanceTally_resident"();
CREATE TRIGGER "AttendanceTally_resident_programme" AFTER UPDATE OF "programmeId" ON "Resident"
    FOR EACH ROW WHEN (OLD."programmeId" <> NEW."programmeId") EXECUTE FUNCTION "AttendanceTally_resident"();

-- The broken rotations kept judged (SQLite: 20261207150000_broken_rotations; app/models/broken-rotations.server.ts).
CREATE TABLE "BrokenRotation" (
    "rotationId" TEXT NOT NULL PRIMARY KEY,
    "startDate" TIMESTAMP(3) NOT NULL,
    "messages" TEXT NOT NULL,
    CONSTRAINT "BrokenRotation_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "BrokenRotation_startDate_rotationId_idx" ON "BrokenRotation" ("startDate", "rotationId");

CREATE TABLE "BrokenRotationDay" (
    "day" TIMESTAMP(3) NOT NULL PRIMARY KEY
);

-- A mark's number is never given again (an identity never reuses one), so a judgement knows which marks it has seen.
CREATE TABLE "BrokenRotationStale" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fromDate" TIMESTAMP(3),
    "toDate" TIMESTAMP(3)
);

-- A rotation saved, changed or removed: its resident's rotations, and its department's and programme's
-- rotations on its days (before and after a change of dates). When the resident is deleted, their row is
-- gone by the time the cascade removes the rotations: "BrokenRotation_resident" has marked the programme.
CREATE FUNCTION "BrokenRotation_rotation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate") VALUES
            ('resident', OLD."residentId", NULL, NULL),
            ('department', OLD."departmentId", OLD."startDate", OLD."endDate");
        INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
            SELECT 'programme', "programmeId", OLD."startDate", OLD."endDate" FROM "Resident" WHERE "id" = OLD."residentId";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key")
            SELECT 'resident', NEW."residentId" WHERE TG_OP = 'INSERT' OR NEW."residentId" <> OLD."residentId";
        INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
            VALUES ('department', NEW."departmentId", NEW."startDate", NEW."endDate");
        INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
            SELECT 'programme', "programmeId", NEW."startDate", NEW."endDate" FROM "Resident" WHERE "id" = NEW."residentId";
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "BrokenRotation_rotation_insert" AFTER INSERT ON "Rotation" FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_rotation"();
CREATE TRIGGER "BrokenRotation_rotation_update" AFTER UPDATE OF "residentId", "departmentId", "tutorId", "startDate", "endDate", "state" ON "Rotation"
    FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_rotation"();
CREATE TRIGGER "BrokenRotation_rotation_delete" AFTER DELETE ON "Rotation" FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_rotation"();

-- A resident's stay or programme changed, or the resident deleted: their rotations, and the programmes'
-- that they count in.
CREATE FUNCTION "BrokenRotation_resident"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', OLD."programmeId");
        RETURN OLD;
    END IF;
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', NEW."id");
    IF NEW."programmeId" <> OLD."programmeId" THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', OLD."programmeId"), ('programme', NEW."programmeId");
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "BrokenRotation_resident_update" AFTER UPDATE OF "programmeId", "stayStart", "stayEnd" ON "Resident"
    FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_resident"();
CREATE TRIGGER "BrokenRotation_resident_delete" BEFORE DELETE ON "Resident" FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_resident"();

-- A department's capacity changed: its rotations. Renamed: also the rotations of the residents who have
-- one there, whose overlaps name it.
CREATE FUNCTION "BrokenRotation_department"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', NEW."id");
    IF TG_ARGV[0] = 'name' THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key")
            SELECT DISTINCT 'resident', "residentId" FROM "Rotation" WHERE "departmentId" = NEW."id" AND "state" <> 'cancelled';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "BrokenRotation_department_capacity" AFTER UPDATE OF "capacity" ON "Department" FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_department"('capacity');
CREATE TRIGGER "BrokenRotation_department_name" AFTER UPDATE OF "name" ON "Department" FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_department"('name');

-- A marking of one column of the row written, old and new (a tutor joining or leaving a department's
-- staff: its rotations; a programme added to or taken from an agreement: that programme's rotations; a
-- protected absence: its resident's rotations). TG_ARGV: the scope, then the column.
CREATE FUNCTION "BrokenRotation_mark"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES (TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES (TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[1]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "BrokenRotation_tutor" AFTER INSERT OR UPDATE OR DELETE ON "DepartmentTutor"
    FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_mark"('department', 'departmentId');
CREATE TRIGGER "BrokenRotation_coverage" AFTER INSERT OR UPDATE OR DELETE ON "AgreementProgramme"
    FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_mark"('programme', 'programmeId');
CREATE TRIGGER "BrokenRotation_absence_insert" AFTER INSERT ON "Absence"
    FOR EACH ROW WHEN (NEW."kind" = 'protected') EXECUTE FUNCTION "BrokenRotation_mark"('resident', 'residentId');
CREATE TRIGGER "BrokenRotation_absence_update" AFTER UPDATE ON "Absence"
    FOR EACH ROW WHEN (OLD."kind" = 'protected' OR NEW."kind" = 'protected') EXECUTE FUNCTION "BrokenRotation_mark"('resident', 'residentId');
CREATE TRIGGER "BrokenRotation_absence_delete" AFTER DELETE ON "Absence"
    FOR EACH ROW WHEN (OLD."kind" = 'protected') EXECUTE FUNCTION "BrokenRotation_mark"('resident', 'residentId');

-- An agreement's dates or signature changed: the rotations of the programmes it covers.
CREATE FUNCTION "BrokenRotation_agreement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key")
        SELECT 'programme', "programmeId" FROM "AgreementProgramme" WHERE "agreementId" = NEW."id";
    RETURN NULL;
END $$;
CREATE TRIGGER "BrokenRotation_agreement_update" AFTER UPDATE OF "startDate", "endDate", "signedOn", "terminatedOn" ON "Agreement"
    FOR EACH ROW EXECUTE FUNCTION "BrokenRotation_agreement"();

-- Every table has a version, these included.
SELECT "TableVersion_track"(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT IN ('TableVersion', '_prisma_migrations')
ORDER BY c.relname;
