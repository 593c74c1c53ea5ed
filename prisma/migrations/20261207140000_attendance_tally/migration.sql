-- The attendance marks counted per session, status and the resident's programme, kept by the triggers
-- below in the same transaction as every mark written, whoever writes it (this server, another process, a
-- command-line tool). The teaching report reads these counts, some tens of thousands for a national year,
-- instead of grouping its million marks again after each one marked (1.5 s at national size). Derived
-- data, like the search index and the tables' versions: Prisma's schema does not describe it, and the
-- model test (app/models/attendance-tally.server.test.ts) holds it to the marks counted afresh.
-- docs/decisions/021-pages-and-counts-that-stay-flat.md.
CREATE TABLE "AttendanceTally" (
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "marks" INTEGER NOT NULL,
    PRIMARY KEY ("sessionId", "status", "programmeId")
) WITHOUT ROWID;

INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
    SELECT a."sessionId", a."status", r."programmeId", COUNT(*)
    FROM "Attendance" a JOIN "Resident" r ON r."id" = a."residentId"
    GROUP BY a."sessionId", a."status", r."programmeId";

-- A mark written counts once for its resident's programme.
CREATE TRIGGER "AttendanceTally_insert" AFTER INSERT ON "Attendance" BEGIN
    INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
        SELECT NEW."sessionId", NEW."status", r."programmeId", 1 FROM "Resident" r WHERE r."id" = NEW."residentId"
        ON CONFLICT ("sessionId", "status", "programmeId") DO UPDATE SET "marks" = "marks" + 1;
END;

-- A mark removed counts no more. When its resident is deleted, the resident's row is gone by the time the
-- cascade removes the marks: "AttendanceTally_resident_delete" has taken them off already.
CREATE TRIGGER "AttendanceTally_delete" AFTER DELETE ON "Attendance" BEGIN
    UPDATE "AttendanceTally" SET "marks" = "marks" - 1
        WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status"
          AND "programmeId" = (SELECT "programmeId" FROM "Resident" WHERE "id" = OLD."residentId");
    DELETE FROM "AttendanceTally" WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status" AND "marks" <= 0;
END;

-- A mark changed (its status, most often) moves from its old count to its new one.
CREATE TRIGGER "AttendanceTally_update" AFTER UPDATE OF "sessionId", "residentId", "status" ON "Attendance" BEGIN
    UPDATE "AttendanceTally" SET "marks" = "marks" - 1
        WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status"
          AND "programmeId" = (SELECT "programmeId" FROM "Resident" WHERE "id" = OLD."residentId");
    DELETE FROM "AttendanceTally" WHERE "sessionId" = OLD."sessionId" AND "status" = OLD."status" AND "marks" <= 0;
    INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
        SELECT NEW."sessionId", NEW."status", r."programmeId", 1 FROM "Resident" r WHERE r."id" = NEW."residentId"
        ON CONFLICT ("sessionId", "status", "programmeId") DO UPDATE SET "marks" = "marks" + 1;
END;

-- A resident deleted: their marks leave the counts before the cascade removes them.
CREATE TRIGGER "AttendanceTally_resident_delete" BEFORE DELETE ON "Resident" BEGIN
    UPDATE "AttendanceTally" SET "marks" = "marks" - (
            SELECT COUNT(*) FROM "Attendance" a
            WHERE a."residentId" = OLD."id" AND a."sessionId" = "AttendanceTally"."sessionId" AND a."status" = "AttendanceTally"."status")
        WHERE "programmeId" = OLD."programmeId" AND "sessionId" IN (SELECT "sessionId" FROM "Attendance" WHERE "residentId" = OLD."id");
    DELETE FROM "AttendanceTally" WHERE "programmeId" = OLD."programmeId" AND "marks" <= 0;
END;

-- A resident moved to another programme takes their marks' counts with them.
CREATE TRIGGER "AttendanceTally_resident_programme" AFTER UPDATE OF "programmeId" ON "Resident"
WHEN OLD."programmeId" <> NEW."programmeId" BEGIN
    UPDATE "AttendanceTally" SET "marks" = "marks" - (
            SELECT COUNT(*) FROM "Attendance" a
            WHERE a."residentId" = NEW."id" AND a."sessionId" = "AttendanceTally"."sessionId" AND a."status" = "AttendanceTally"."status")
        WHERE "programmeId" = OLD."programmeId" AND "sessionId" IN (SELECT "sessionId" FROM "Attendance" WHERE "residentId" = NEW."id");
    DELETE FROM "AttendanceTally" WHERE "programmeId" = OLD."programmeId" AND "marks" <= 0;
    INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
        SELECT a."sessionId", a."status", NEW."programmeId", COUNT(*) FROM "Attendance" a WHERE a."residentId" = NEW."id"
        GROUP BY a."sessionId", a."status"
        ON CONFLICT ("sessionId", "status", "programmeId") DO UPDATE SET "marks" = "marks" + excluded."marks";
END;

-- Its version, as every table has one (migration 20261207110000_table_versions).
INSERT INTO "TableVersion" ("name") VALUES ('AttendanceTally');

CREATE TRIGGER "TableVersion_AttendanceTally_insert" AFTER INSERT ON "AttendanceTally" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AttendanceTally';
END;

CREATE TRIGGER "TableVersion_AttendanceTally_update" AFTER UPDATE ON "AttendanceTally" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AttendanceTally';
END;

CREATE TRIGGER "TableVersion_AttendanceTally_delete" AFTER DELETE ON "AttendanceTally" BEGIN
    UPDATE "TableVersion" SET "version" = "version" + 1 WHERE "name" = 'AttendanceTally';
END;
