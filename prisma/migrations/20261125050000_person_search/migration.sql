-- Search of people by any part of their name, e-mail or student number, fast at national scale
-- (48,000 people) and literal (a `%` typed in the box is a percent sign, not a wildcard):
-- app/models/person-search.server.ts. Prisma's schema does not describe these tables; triggers keep
-- them in the same transaction as every change to a person or a training record.
--
-- "PersonSearchText" holds one row per person with the text searched; its INTEGER PRIMARY KEY is a
-- rowid that VACUUM never renumbers, and "userId" is indexed, so a trigger finds a person's row without
-- scanning. "PersonSearch" is the full-text index over it, of three-character pieces (FTS5 trigram).
CREATE TABLE "PersonSearchText" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "userId" TEXT NOT NULL UNIQUE,
  "text" TEXT NOT NULL
);
CREATE VIRTUAL TABLE "PersonSearch" USING fts5("text", content = 'PersonSearchText', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER "PersonSearchText_insert" AFTER INSERT ON "PersonSearchText" BEGIN
  INSERT INTO "PersonSearch" (rowid, "text") VALUES (new."id", new."text");
END;
CREATE TRIGGER "PersonSearchText_delete" AFTER DELETE ON "PersonSearchText" BEGIN
  INSERT INTO "PersonSearch" ("PersonSearch", rowid, "text") VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "PersonSearchText_update" AFTER UPDATE ON "PersonSearchText" BEGIN
  INSERT INTO "PersonSearch" ("PersonSearch", rowid, "text") VALUES ('delete', old."id", old."text");
  INSERT INTO "PersonSearch" (rowid, "text") VALUES (new."id", new."text");
END;

CREATE TRIGGER "PersonSearch_user_insert" AFTER INSERT ON "User" BEGIN
  INSERT INTO "PersonSearchText" ("userId", "text") VALUES (new."id", new."name" || ' ' || new."email");
END;
CREATE TRIGGER "PersonSearch_user_update" AFTER UPDATE OF "name", "email" ON "User" BEGIN
  UPDATE "PersonSearchText"
  SET "text" = new."name" || ' ' || new."email" || coalesce(' ' || (SELECT "studentNumber" FROM "Resident" WHERE "userId" = new."id"), '')
  WHERE "userId" = new."id";
END;
CREATE TRIGGER "PersonSearch_user_delete" AFTER DELETE ON "User" BEGIN
  DELETE FROM "PersonSearchText" WHERE "userId" = old."id";
END;

CREATE TRIGGER "PersonSearch_resident_insert" AFTER INSERT ON "Resident" BEGIN
  UPDATE "PersonSearchText"
  SET "text" = (SELECT "name" || ' ' || "email" FROM "User" WHERE "id" = new."userId") || ' ' || new."studentNumber"
  WHERE "userId" = new."userId";
END;
CREATE TRIGGER "PersonSearch_resident_update" AFTER UPDATE OF "userId", "studentNumber" ON "Resident" BEGIN
  UPDATE "PersonSearchText" SET "text" = (SELECT "name" || ' ' || "email" FROM "User" WHERE "id" = old."userId") WHERE "userId" = old."userId";
  UPDATE "PersonSearchText"
  SET "text" = (SELECT "name" || ' ' || "email" FROM "User" WHERE "id" = new."userId") || ' ' || new."studentNumber"
  WHERE "userId" = new."userId";
END;
CREATE TRIGGER "PersonSearch_resident_delete" AFTER DELETE ON "Resident" BEGIN
  UPDATE "PersonSearchText" SET "text" = (SELECT "name" || ' ' || "email" FROM "User" WHERE "id" = old."userId") WHERE "userId" = old."userId";
END;

INSERT INTO "PersonSearchText" ("userId", "text")
SELECT u."id", u."name" || ' ' || u."email" || coalesce(' ' || r."studentNumber", '')
FROM "User" u LEFT JOIN "Resident" r ON r."userId" = u."id";
