-- The daily checks ask for the rotations starting on a day, across every department: without this index
-- SQLite read all of them (500,000 at national size, 0.3 s holding the server; issue 17's daily run).
CREATE INDEX "Rotation_startDate_idx" ON "Rotation"("startDate");
