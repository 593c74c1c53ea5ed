-- The rotations that a later change has broken (app/domain/broken-rotations.ts), kept judged. The
-- administrators' dashboard and the notifications read these verdicts instead of judging every open
-- rotation again after each change (4.3 s at national size). Derived data, like the attendance marks'
-- counts: Prisma's schema does not describe it, and the model test
-- (app/models/broken-rotations.server.test.ts) holds it to every open rotation judged afresh.
-- docs/decisions/022-broken-rotations-kept-judged.md.

-- A broken rotation: its first day (the dashboard's order) and the rules it breaks, as messages (a JSON
-- array, app/domain/refusal.ts). A rotation deleted takes its verdict with it.
CREATE TABLE "BrokenRotation" (
    "rotationId" TEXT NOT NULL PRIMARY KEY,
    "startDate" DATETIME NOT NULL,
    "messages" TEXT NOT NULL,
    CONSTRAINT "BrokenRotation_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "BrokenRotation_startDate_rotationId_idx" ON "BrokenRotation" ("startDate", "rotationId");

-- The day the verdicts were judged for (one row, none before the first judgement). On a later day the
-- rotations and absences that ended meanwhile count no more, which can only mend: the broken rotations
-- are judged again.
CREATE TABLE "BrokenRotationDay" (
    "day" DATETIME NOT NULL PRIMARY KEY
);

-- What a change may have broken or mended since: a resident's rotations, a department's or a
-- programme's rotations that meet the days from "fromDate" to "toDate" (all of them when those are
-- null), or one rotation (scope 'rotation', the broken ones on a new day). Written by the triggers below in the same transaction as every change, whoever makes it; the
-- next read judges these rotations again and empties the list. AUTOINCREMENT: a mark's number is never
-- given again, so a judgement knows which marks it has seen.
CREATE TABLE "BrokenRotationStale" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fromDate" DATETIME,
    "toDate" DATETIME
);

-- A rotation saved, changed or removed: its resident's rotations, and its department's and programme's
-- rotations on its days (before and after a change of dates).
CREATE TRIGGER "BrokenRotation_rotation_insert" AFTER INSERT ON "Rotation" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', NEW."residentId");
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
        VALUES ('department', NEW."departmentId", NEW."startDate", NEW."endDate");
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
        SELECT 'programme', "programmeId", NEW."startDate", NEW."endDate" FROM "Resident" WHERE "id" = NEW."residentId";
END;

CREATE TRIGGER "BrokenRotation_rotation_update"
AFTER UPDATE OF "residentId", "departmentId", "tutorId", "startDate", "endDate", "state" ON "Rotation" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', OLD."residentId");
    INSERT INTO "BrokenRotationStale" ("scope", "key") SELECT 'resident', NEW."residentId" WHERE NEW."residentId" <> OLD."residentId";
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate") VALUES
        ('department', OLD."departmentId", OLD."startDate", OLD."endDate"),
        ('department', NEW."departmentId", NEW."startDate", NEW."endDate");
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
        SELECT 'programme', "programmeId", OLD."startDate", OLD."endDate" FROM "Resident" WHERE "id" = OLD."residentId"
        UNION ALL
        SELECT 'programme', "programmeId", NEW."startDate", NEW."endDate" FROM "Resident" WHERE "id" = NEW."residentId";
END;

-- When the resident is deleted, their row is gone by the time the cascade removes the rotations:
-- "BrokenRotation_resident_delete" has marked the programme already.
CREATE TRIGGER "BrokenRotation_rotation_delete" AFTER DELETE ON "Rotation" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', OLD."residentId");
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
        VALUES ('department', OLD."departmentId", OLD."startDate", OLD."endDate");
    INSERT INTO "BrokenRotationStale" ("scope", "key", "fromDate", "toDate")
        SELECT 'programme', "programmeId", OLD."startDate", OLD."endDate" FROM "Resident" WHERE "id" = OLD."residentId";
END;

-- A resident's stay or programme changed, or the resident deleted: their rotations, and the programmes'
-- that they count in.
CREATE TRIGGER "BrokenRotation_resident_update" AFTER UPDATE OF "programmeId", "stayStart", "stayEnd" ON "Resident" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', NEW."id");
    INSERT INTO "BrokenRotationStale" ("scope", "key")
        SELECT 'programme', OLD."programmeId" WHERE NEW."programmeId" <> OLD."programmeId"
        UNION ALL
        SELECT 'programme', NEW."programmeId" WHERE NEW."programmeId" <> OLD."programmeId";
END;

CREATE TRIGGER "BrokenRotation_resident_delete" BEFORE DELETE ON "Resident" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', OLD."programmeId");
END;

-- A department's capacity changed: its rotations. Renamed: also the rotations of the residents who have
-- one there, whose overlaps name it.
CREATE TRIGGER "BrokenRotation_department_capacity" AFTER UPDATE OF "capacity" ON "Department" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', NEW."id");
END;

CREATE TRIGGER "BrokenRotation_department_name" AFTER UPDATE OF "name" ON "Department" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', NEW."id");
    INSERT INTO "BrokenRotationStale" ("scope", "key")
        SELECT DISTINCT 'resident', "residentId" FROM "Rotation" WHERE "departmentId" = NEW."id" AND "state" <> 'cancelled';
END;

-- A tutor joining or leaving a department's staff: its rotations.
CREATE TRIGGER "BrokenRotation_tutor_insert" AFTER INSERT ON "DepartmentTutor" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', NEW."departmentId");
END;

CREATE TRIGGER "BrokenRotation_tutor_delete" AFTER DELETE ON "DepartmentTutor" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', OLD."departmentId");
END;

CREATE TRIGGER "BrokenRotation_tutor_update" AFTER UPDATE ON "DepartmentTutor" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('department', OLD."departmentId"), ('department', NEW."departmentId");
END;

-- An agreement's dates or signature changed: the rotations of the programmes it covers. A programme
-- added to or taken from an agreement, or its posts changed: that programme's rotations.
CREATE TRIGGER "BrokenRotation_agreement_update"
AFTER UPDATE OF "startDate", "endDate", "signedOn", "terminatedOn" ON "Agreement" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key")
        SELECT 'programme', "programmeId" FROM "AgreementProgramme" WHERE "agreementId" = NEW."id";
END;

CREATE TRIGGER "BrokenRotation_coverage_insert" AFTER INSERT ON "AgreementProgramme" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', NEW."programmeId");
END;

CREATE TRIGGER "BrokenRotation_coverage_delete" AFTER DELETE ON "AgreementProgramme" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', OLD."programmeId");
END;

CREATE TRIGGER "BrokenRotation_coverage_update" AFTER UPDATE ON "AgreementProgramme" BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('programme', OLD."programmeId"), ('programme', NEW."programmeId");
END;

-- A protected absence recorded, changed or removed: its resident's rotations.
CREATE TRIGGER "BrokenRotation_absence_insert" AFTER INSERT ON "Absence" WHEN NEW."kind" = 'protected' BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', NEW."residentId");
END;

CREATE TRIGGER "BrokenRotation_absence_update" AFTER UPDATE ON "Absence"
WHEN OLD."kind" = 'protected' OR NEW."kind" = 'protected' BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', OLD."residentId"), ('resident', NEW."residentId");
END;

CREATE TRIGGER "BrokenRotation_absence_delete" AFTER DELETE ON "Absence" WHEN OLD."kind" = 'protected' BEGIN
    INSERT INTO "BrokenRotationStale" ("scope", "key") VALUES ('resident', OLD."residentId");
END;

-- Their versions, as every table has one (migration 20261207110000_table_versions).
INSERT INTO "TableVersion" ("name") VALUES ('BrokenRotation'), ('BrokenRotationDay'), ('BrokenRotationStale');

CREATE TRIGGER "TableVersion_BrokenRotation_insert" AFTER INSERT ON "BrokenRotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotation';
END;
CREATE TRIGGER "TableVersion_BrokenRotation_update" AFTER UPDATE ON "BrokenRotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotation';
END;
CREATE TRIGGER "TableVersion_BrokenRotation_delete" AFTER DELETE ON "BrokenRotation" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotation';
END;
CREATE TRIGGER "TableVersion_BrokenRotationDay_insert" AFTER INSERT ON "BrokenRotationDay" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationDay';
END;
CREATE TRIGGER "TableVersion_BrokenRotationDay_update" AFTER UPDATE ON "BrokenRotationDay" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationDay';
END;
CREATE TRIGGER "TableVersion_BrokenRotationDay_delete" AFTER DELETE ON "BrokenRotationDay" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationDay';
END;
CREATE TRIGGER "TableVersion_BrokenRotationStale_insert" AFTER INSERT ON "BrokenRotationStale" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationStale';
END;
CREATE TRIGGER "TableVersion_BrokenRotationStale_update" AFTER UPDATE ON "BrokenRotationStale" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationStale';
END;
CREATE TRIGGER "TableVersion_BrokenRotationStale_delete" AFTER DELETE ON "BrokenRotationStale" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'BrokenRotationStale';
END;
