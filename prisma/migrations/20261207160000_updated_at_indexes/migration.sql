-- The open figures say when their data last changed, including rows their years no longer hold (a stay
-- moved out of them, a rotation cancelled): the latest "updatedAt" of residents, rotations and teaching
-- sessions. Without an index each was a read of the whole table (200 and 500 ms for the rotations and
-- sessions at national size) on every first request after a change; with one it is a single step.
CREATE INDEX "Rotation_updatedAt_idx" ON "Rotation"("updatedAt");
CREATE INDEX "TeachingSession_updatedAt_idx" ON "TeachingSession"("updatedAt");
CREATE INDEX "Resident_updatedAt_idx" ON "Resident"("updatedAt");
