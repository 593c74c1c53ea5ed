-- The administrators' absence lists: requests waiting (personal, requested, with or without a rotation,
-- soonest first) and protected absences running or to come (protected, recorded, ending today or later,
-- soonest first). By state alone SQLite read every recorded absence of the country to find those still
-- running, and every waiting request to tell whether it has a rotation: with the kind, both dates and the
-- rotation in the index it counts them from the index and reads only the rows of the page shown.
CREATE INDEX "Absence_state_kind_startDate_endDate_rotationId_idx" ON "Absence"("state", "kind", "startDate", "endDate", "rotationId");
