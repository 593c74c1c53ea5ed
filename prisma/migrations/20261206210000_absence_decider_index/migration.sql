-- A tutor's latest decisions on leave (/tutor/absences) are read by decider, newest first: without this
-- index every absence of the country was read and sorted (1 request a second at national size).
CREATE INDEX "Absence_decidedById_decidedAt_idx" ON "Absence"("decidedById", "decidedAt");
