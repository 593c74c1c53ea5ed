-- A logbook extract is a certificate too: the certified entries it lists and the activities they count.
ALTER TABLE "Certificate" ADD COLUMN "entries" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Certificate" ADD COLUMN "performed" INTEGER NOT NULL DEFAULT 0;
