-- Each programme's maximum of total suspension (issue 19): the portal warns at 80% of it.
ALTER TABLE "Programme" ADD COLUMN "maxSuspensionDays" INTEGER NOT NULL DEFAULT 365;
