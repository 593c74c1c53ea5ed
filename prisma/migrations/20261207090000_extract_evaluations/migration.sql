-- A certified logbook extract may include the resident's signed evaluations: how many it printed (NULL when not asked for), so /verify states it.
ALTER TABLE "Certificate" ADD COLUMN "evaluations" INTEGER;
