-- Each table's version: a number that moves with every row written to it, by any connection (this
-- server, another server process, a command-line tool), kept by the triggers below in the same
-- transaction as the change. The reads the server remembers (app/utils/read-cache.server.ts) note the
-- tables they read and are computed again only when one of those tables' versions has moved: a logbook
-- entry no longer throws away the dashboard. Prisma's schema does not describe this table.
-- docs/decisions/019-remembered-reads-by-table.md.
CREATE TABLE "TableVersion" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO "TableVersion" ("name") VALUES
    ('Absence'),
    ('Agreement'),
    ('AgreementProgramme'),
    ('Attendance'),
    ('AuditEvent'),
    ('AuditHead'),
    ('Certificate'),
    ('Department'),
    ('DepartmentTutor'),
    ('EvaluationAnswer'),
    ('EvaluationForm'),
    ('EvaluationFormVersion'),
    ('EvaluationRelease'),
    ('EvaluationSubmission'),
    ('Lease'),
    ('LogbookActivity'),
    ('LogbookCatalogue'),
    ('LogbookEntry'),
    ('LogbookMonth'),
    ('LoginThrottle'),
    ('Notification'),
    ('NotificationPreference'),
    ('OutboxMessage'),
    ('PasswordToken'),
    ('PersonSearchText'),
    ('Programme'),
    ('ProgressionOutcome'),
    ('Resident'),
    ('ResidentImport'),
    ('Rotation'),
    ('ScheduledRun'),
    ('SealedEvaluationAnswer'),
    ('Session'),
    ('Setting'),
    ('StoredDocument'),
    ('TeachingProgramme'),
    ('TeachingSession'),
    ('TeachingTutor'),
    ('TutorEvaluation'),
    ('University'),
    ('User'),
    ('UserRole');

CREATE TRIGGER "TableVersion_Absence_insert" AFTER INSERT ON "Absence" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Absence';
END;

CREATE TRIGGER "TableVersion_Absence_update" AFTER UPDATE ON "Absence" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Absence';
END;

CREATE TRIGGER "TableVersion_Absence_delete" AFTER DELETE ON "Absence" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Absence';
END;

CREATE TRIGGER "TableVersion_Agreement_insert" AFTER INSERT ON "Agreement" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Agreement';
END;

CREATE TRIGGER "TableVersion_Agreement_update" AFTER UPDATE ON "Agreement" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Agreement';
END;

CREATE TRIGGER "TableVersion_Agreement_delete" AFTER DELETE ON "Agreement" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Agreement';
END;

CREATE TRIGGER "TableVersion_AgreementProgramme_insert" AFTER INSERT ON "AgreementProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AgreementProgramme';
END;

CREATE TRIGGER "TableVersion_AgreementProgramme_update" AFTER UPDATE ON "AgreementProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AgreementProgramme';
END;

CREATE TRIGGER "TableVersion_AgreementProgramme_delete" AFTER DELETE ON "AgreementProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AgreementProgramme';
END;

CREATE TRIGGER "TableVersion_Attendance_insert" AFTER INSERT ON "Attendance" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Attendance';
END;

CREATE TRIGGER "TableVersion_Attendance_update" AFTER UPDATE ON "Attendance" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Attendance';
END;

CREATE TRIGGER "TableVersion_Attendance_delete" AFTER DELETE ON "Attendance" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Attendance';
END;

CREATE TRIGGER "TableVersion_AuditEvent_insert" AFTER INSERT ON "AuditEvent" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditEvent';
END;

CREATE TRIGGER "TableVersion_AuditEvent_update" AFTER UPDATE ON "AuditEvent" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditEvent';
END;

CREATE TRIGGER "TableVersion_AuditEvent_delete" AFTER DELETE ON "AuditEvent" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditEvent';
END;

CREATE TRIGGER "TableVersion_AuditHead_insert" AFTER INSERT ON "AuditHead" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditHead';
END;

CREATE TRIGGER "TableVersion_AuditHead_update" AFTER UPDATE ON "AuditHead" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditHead';
END;

CREATE TRIGGER "TableVersion_AuditHead_delete" AFTER DELETE ON "AuditHead" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AuditHead';
END;

CREATE TRIGGER "TableVersion_Certificate_insert" AFTER INSERT ON "Certificate" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Certificate';
END;

CREATE TRIGGER "TableVersion_Certificate_update" AFTER UPDATE ON "Certificate" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Certificate';
END;

CREATE TRIGGER "TableVersion_Certificate_delete" AFTER DELETE ON "Certificate" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Certificate';
END;

CREATE TRIGGER "TableVersion_Department_insert" AFTER INSERT ON "Department" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Department';
END;

CREATE TRIGGER "TableVersion_Department_update" AFTER UPDATE ON "Department" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Department';
END;

CREATE TRIGGER "TableVersion_Department_delete" AFTER DELETE ON "Department" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Department';
END;

CREATE TRIGGER "TableVersion_DepartmentTutor_insert" AFTER INSERT ON "DepartmentTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'DepartmentTutor';
END;

CREATE TRIGGER "TableVersion_DepartmentTutor_update" AFTER UPDATE ON "DepartmentTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'DepartmentTutor';
END;

CREATE TRIGGER "TableVersion_DepartmentTutor_delete" AFTER DELETE ON "DepartmentTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'DepartmentTutor';
END;

CREATE TRIGGER "TableVersion_EvaluationAnswer_insert" AFTER INSERT ON "EvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_EvaluationAnswer_update" AFTER UPDATE ON "EvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_EvaluationAnswer_delete" AFTER DELETE ON "EvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_EvaluationForm_insert" AFTER INSERT ON "EvaluationForm" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationForm';
END;

CREATE TRIGGER "TableVersion_EvaluationForm_update" AFTER UPDATE ON "EvaluationForm" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationForm';
END;

CREATE TRIGGER "TableVersion_EvaluationForm_delete" AFTER DELETE ON "EvaluationForm" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationForm';
END;

CREATE TRIGGER "TableVersion_EvaluationFormVersion_insert" AFTER INSERT ON "EvaluationFormVersion" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationFormVersion';
END;

CREATE TRIGGER "TableVersion_EvaluationFormVersion_update" AFTER UPDATE ON "EvaluationFormVersion" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationFormVersion';
END;

CREATE TRIGGER "TableVersion_EvaluationFormVersion_delete" AFTER DELETE ON "EvaluationFormVersion" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationFormVersion';
END;

CREATE TRIGGER "TableVersion_EvaluationRelease_insert" AFTER INSERT ON "EvaluationRelease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationRelease';
END;

CREATE TRIGGER "TableVersion_EvaluationRelease_update" AFTER UPDATE ON "EvaluationRelease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationRelease';
END;

CREATE TRIGGER "TableVersion_EvaluationRelease_delete" AFTER DELETE ON "EvaluationRelease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationRelease';
END;

CREATE TRIGGER "TableVersion_EvaluationSubmission_insert" AFTER INSERT ON "EvaluationSubmission" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationSubmission';
END;

CREATE TRIGGER "TableVersion_EvaluationSubmission_update" AFTER UPDATE ON "EvaluationSubmission" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationSubmission';
END;

CREATE TRIGGER "TableVersion_EvaluationSubmission_delete" AFTER DELETE ON "EvaluationSubmission" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'EvaluationSubmission';
END;

CREATE TRIGGER "TableVersion_Lease_insert" AFTER INSERT ON "Lease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Lease';
END;

CREATE TRIGGER "TableVersion_Lease_update" AFTER UPDATE ON "Lease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Lease';
END;

CREATE TRIGGER "TableVersion_Lease_delete" AFTER DELETE ON "Lease" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Lease';
END;

CREATE TRIGGER "TableVersion_LogbookActivity_insert" AFTER INSERT ON "LogbookActivity" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookActivity';
END;

CREATE TRIGGER "TableVersion_LogbookActivity_update" AFTER UPDATE ON "LogbookActivity" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookActivity';
END;

CREATE TRIGGER "TableVersion_LogbookActivity_delete" AFTER DELETE ON "LogbookActivity" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookActivity';
END;

CREATE TRIGGER "TableVersion_LogbookCatalogue_insert" AFTER INSERT ON "LogbookCatalogue" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookCatalogue';
END;

CREATE TRIGGER "TableVersion_LogbookCatalogue_update" AFTER UPDATE ON "LogbookCatalogue" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookCatalogue';
END;

CREATE TRIGGER "TableVersion_LogbookCatalogue_delete" AFTER DELETE ON "LogbookCatalogue" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookCatalogue';
END;

CREATE TRIGGER "TableVersion_LogbookEntry_insert" AFTER INSERT ON "LogbookEntry" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookEntry';
END;

CREATE TRIGGER "TableVersion_LogbookEntry_update" AFTER UPDATE ON "LogbookEntry" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookEntry';
END;

CREATE TRIGGER "TableVersion_LogbookEntry_delete" AFTER DELETE ON "LogbookEntry" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookEntry';
END;

CREATE TRIGGER "TableVersion_LogbookMonth_insert" AFTER INSERT ON "LogbookMonth" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookMonth';
END;

CREATE TRIGGER "TableVersion_LogbookMonth_update" AFTER UPDATE ON "LogbookMonth" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookMonth';
END;

CREATE TRIGGER "TableVersion_LogbookMonth_delete" AFTER DELETE ON "LogbookMonth" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LogbookMonth';
END;

CREATE TRIGGER "TableVersion_LoginThrottle_insert" AFTER INSERT ON "LoginThrottle" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LoginThrottle';
END;

CREATE TRIGGER "TableVersion_LoginThrottle_update" AFTER UPDATE ON "LoginThrottle" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LoginThrottle';
END;

CREATE TRIGGER "TableVersion_LoginThrottle_delete" AFTER DELETE ON "LoginThrottle" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'LoginThrottle';
END;

CREATE TRIGGER "TableVersion_Notification_insert" AFTER INSERT ON "Notification" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Notification';
END;

CREATE TRIGGER "TableVersion_Notification_update" AFTER UPDATE ON "Notification" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Notification';
END;

CREATE TRIGGER "TableVersion_Notification_delete" AFTER DELETE ON "Notification" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Notification';
END;

CREATE TRIGGER "TableVersion_NotificationPreference_insert" AFTER INSERT ON "NotificationPreference" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'NotificationPreference';
END;

CREATE TRIGGER "TableVersion_NotificationPreference_update" AFTER UPDATE ON "NotificationPreference" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'NotificationPreference';
END;

CREATE TRIGGER "TableVersion_NotificationPreference_delete" AFTER DELETE ON "NotificationPreference" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'NotificationPreference';
END;

CREATE TRIGGER "TableVersion_OutboxMessage_insert" AFTER INSERT ON "OutboxMessage" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'OutboxMessage';
END;

CREATE TRIGGER "TableVersion_OutboxMessage_update" AFTER UPDATE ON "OutboxMessage" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'OutboxMessage';
END;

CREATE TRIGGER "TableVersion_OutboxMessage_delete" AFTER DELETE ON "OutboxMessage" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'OutboxMessage';
END;

CREATE TRIGGER "TableVersion_PasswordToken_insert" AFTER INSERT ON "PasswordToken" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PasswordToken';
END;

CREATE TRIGGER "TableVersion_PasswordToken_update" AFTER UPDATE ON "PasswordToken" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PasswordToken';
END;

CREATE TRIGGER "TableVersion_PasswordToken_delete" AFTER DELETE ON "PasswordToken" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PasswordToken';
END;

CREATE TRIGGER "TableVersion_PersonSearchText_insert" AFTER INSERT ON "PersonSearchText" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PersonSearchText';
END;

CREATE TRIGGER "TableVersion_PersonSearchText_update" AFTER UPDATE ON "PersonSearchText" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PersonSearchText';
END;

CREATE TRIGGER "TableVersion_PersonSearchText_delete" AFTER DELETE ON "PersonSearchText" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'PersonSearchText';
END;

CREATE TRIGGER "TableVersion_Programme_insert" AFTER INSERT ON "Programme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Programme';
END;

CREATE TRIGGER "TableVersion_Programme_update" AFTER UPDATE ON "Programme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Programme';
END;

CREATE TRIGGER "TableVersion_Programme_delete" AFTER DELETE ON "Programme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Programme';
END;

CREATE TRIGGER "TableVersion_ProgressionOutcome_insert" AFTER INSERT ON "ProgressionOutcome" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ProgressionOutcome';
END;

CREATE TRIGGER "TableVersion_ProgressionOutcome_update" AFTER UPDATE ON "ProgressionOutcome" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ProgressionOutcome';
END;

CREATE TRIGGER "TableVersion_ProgressionOutcome_delete" AFTER DELETE ON "ProgressionOutcome" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ProgressionOutcome';
END;

CREATE TRIGGER "TableVersion_Resident_insert" AFTER INSERT ON "Resident" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Resident';
END;

CREATE TRIGGER "TableVersion_Resident_update" AFTER UPDATE ON "Resident" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Resident';
END;

CREATE TRIGGER "TableVersion_Resident_delete" AFTER DELETE ON "Resident" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Resident';
END;

CREATE TRIGGER "TableVersion_ResidentImport_insert" AFTER INSERT ON "ResidentImport" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ResidentImport';
END;

CREATE TRIGGER "TableVersion_ResidentImport_update" AFTER UPDATE ON "ResidentImport" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ResidentImport';
END;

CREATE TRIGGER "TableVersion_ResidentImport_delete" AFTER DELETE ON "ResidentImport" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ResidentImport';
END;

CREATE TRIGGER "TableVersion_Rotation_insert" AFTER INSERT ON "Rotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Rotation';
END;

CREATE TRIGGER "TableVersion_Rotation_update" AFTER UPDATE ON "Rotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Rotation';
END;

CREATE TRIGGER "TableVersion_Rotation_delete" AFTER DELETE ON "Rotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Rotation';
END;

CREATE TRIGGER "TableVersion_ScheduledRun_insert" AFTER INSERT ON "ScheduledRun" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ScheduledRun';
END;

CREATE TRIGGER "TableVersion_ScheduledRun_update" AFTER UPDATE ON "ScheduledRun" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ScheduledRun';
END;

CREATE TRIGGER "TableVersion_ScheduledRun_delete" AFTER DELETE ON "ScheduledRun" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'ScheduledRun';
END;

CREATE TRIGGER "TableVersion_SealedEvaluationAnswer_insert" AFTER INSERT ON "SealedEvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'SealedEvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_SealedEvaluationAnswer_update" AFTER UPDATE ON "SealedEvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'SealedEvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_SealedEvaluationAnswer_delete" AFTER DELETE ON "SealedEvaluationAnswer" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'SealedEvaluationAnswer';
END;

CREATE TRIGGER "TableVersion_Session_insert" AFTER INSERT ON "Session" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Session';
END;

CREATE TRIGGER "TableVersion_Session_update" AFTER UPDATE ON "Session" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Session';
END;

CREATE TRIGGER "TableVersion_Session_delete" AFTER DELETE ON "Session" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Session';
END;

CREATE TRIGGER "TableVersion_Setting_insert" AFTER INSERT ON "Setting" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Setting';
END;

CREATE TRIGGER "TableVersion_Setting_update" AFTER UPDATE ON "Setting" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Setting';
END;

CREATE TRIGGER "TableVersion_Setting_delete" AFTER DELETE ON "Setting" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'Setting';
END;

CREATE TRIGGER "TableVersion_StoredDocument_insert" AFTER INSERT ON "StoredDocument" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'StoredDocument';
END;

CREATE TRIGGER "TableVersion_StoredDocument_update" AFTER UPDATE ON "StoredDocument" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'StoredDocument';
END;

CREATE TRIGGER "TableVersion_StoredDocument_delete" AFTER DELETE ON "StoredDocument" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'StoredDocument';
END;

CREATE TRIGGER "TableVersion_TeachingProgramme_insert" AFTER INSERT ON "TeachingProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingProgramme';
END;

CREATE TRIGGER "TableVersion_TeachingProgramme_update" AFTER UPDATE ON "TeachingProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingProgramme';
END;

CREATE TRIGGER "TableVersion_TeachingProgramme_delete" AFTER DELETE ON "TeachingProgramme" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingProgramme';
END;

CREATE TRIGGER "TableVersion_TeachingSession_insert" AFTER INSERT ON "TeachingSession" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingSession';
END;

CREATE TRIGGER "TableVersion_TeachingSession_update" AFTER UPDATE ON "TeachingSession" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingSession';
END;

CREATE TRIGGER "TableVersion_TeachingSession_delete" AFTER DELETE ON "TeachingSession" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingSession';
END;

CREATE TRIGGER "TableVersion_TeachingTutor_insert" AFTER INSERT ON "TeachingTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingTutor';
END;

CREATE TRIGGER "TableVersion_TeachingTutor_update" AFTER UPDATE ON "TeachingTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingTutor';
END;

CREATE TRIGGER "TableVersion_TeachingTutor_delete" AFTER DELETE ON "TeachingTutor" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TeachingTutor';
END;

CREATE TRIGGER "TableVersion_TutorEvaluation_insert" AFTER INSERT ON "TutorEvaluation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TutorEvaluation';
END;

CREATE TRIGGER "TableVersion_TutorEvaluation_update" AFTER UPDATE ON "TutorEvaluation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TutorEvaluation';
END;

CREATE TRIGGER "TableVersion_TutorEvaluation_delete" AFTER DELETE ON "TutorEvaluation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'TutorEvaluation';
END;

CREATE TRIGGER "TableVersion_University_insert" AFTER INSERT ON "University" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'University';
END;

CREATE TRIGGER "TableVersion_University_update" AFTER UPDATE ON "University" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'University';
END;

CREATE TRIGGER "TableVersion_University_delete" AFTER DELETE ON "University" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'University';
END;

CREATE TRIGGER "TableVersion_User_insert" AFTER INSERT ON "User" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'User';
END;

CREATE TRIGGER "TableVersion_User_update" AFTER UPDATE ON "User" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'User';
END;

CREATE TRIGGER "TableVersion_User_delete" AFTER DELETE ON "User" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'User';
END;

CREATE TRIGGER "TableVersion_UserRole_insert" AFTER INSERT ON "UserRole" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'UserRole';
END;

CREATE TRIGGER "TableVersion_UserRole_update" AFTER UPDATE ON "UserRole" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'UserRole';
END;

CREATE TRIGGER "TableVersion_UserRole_delete" AFTER DELETE ON "UserRole" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'UserRole';
END;
