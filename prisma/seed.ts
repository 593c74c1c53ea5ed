// Fills an empty database with the demo hospital: `npm run db:seed -- --demo`.
// Without --demo it does nothing: demo accounts are never created unless asked for.
import { prisma } from "~/utils/db.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./demo-data";

async function main() {
  if (!process.argv.includes("--demo")) {
    console.log("Nothing to do: pass --demo to fill an empty database with demo data.");
    return;
  }
  const users = await prisma.user.count();
  if (users > 0) {
    console.log(`The database already holds ${users} people: demo data not added, existing data kept.`);
    return;
  }
  const started = Date.now();
  const summary = await seedDemo(prisma);
  console.log(
    `Demo data created in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      Object.entries(summary)
        .map(([k, v]) => `${v} ${k}`)
        .join(", "),
  );
  console.log(`Demo accounts (password ${DEMO_PASSWORD}): ${Object.values(DEMO_ACCOUNTS).join(", ")}`);
}

await main().finally(() => prisma.$disconnect());
