-- The daily reminder's index leads with the tutor, not the status: led by the status (three values), it
-- was the index SQLite chose for any "pending and yours" question, walking every pending entry in the
-- country; by tutor it serves the reminder (tutor by tutor, by when logged) just as well.
DROP INDEX "LogbookEntry_status_tutorId_createdAt_idx";

CREATE INDEX "LogbookEntry_tutorId_status_createdAt_idx" ON "LogbookEntry"("tutorId", "status", "createdAt");
