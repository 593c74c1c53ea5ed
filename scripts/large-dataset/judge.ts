// The large-data builder's last step (scripts/seed-large.ts): the broken rotations of the database that
// DATABASE_URL names judged once, as a database that has served has them (decision 022), since the writer
// loads its rows with the triggers that mark them off. Prints how many are broken. Its own process, so
// that the app's database client opens this file: `tsx scripts/large-dataset/judge.ts YYYY-MM-DD`.
import { parseIsoDate } from "~/domain/dates";
import { brokenRotationIds } from "~/models/broken-rotations.server";
import { prisma } from "~/utils/db.server";

const today = parseIsoDate(process.argv[2] ?? "");
if (!today) throw new Error("usage: judge.ts YYYY-MM-DD");
console.log((await brokenRotationIds(today)).length);
await prisma.$disconnect();
