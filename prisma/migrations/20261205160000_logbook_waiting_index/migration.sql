-- The daily reminder of logbook entries waiting a week asks, tutor by tutor, for pending entries by when
-- they were logged: an index-only read instead of a scan of every entry (issue 17's national-size run).
CREATE INDEX "LogbookEntry_status_tutorId_createdAt_idx" ON "LogbookEntry"("status", "tutorId", "createdAt");
