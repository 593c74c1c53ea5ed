// Walks the audit log's hash chain and names the first event that was altered, removed or inserted:
// `npm run audit:verify` (DATABASE_URL as for the app). Exit code 0 when the chain holds, 1 when it
// does not. Reads the log in batches, so any length runs in constant memory. The last hash printed can
// be kept elsewhere (a signed report) to anchor the log: docs/decisions/008-tamper-evident-audit.md.
import { verifyAuditLog } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";

try {
  const result = await verifyAuditLog();
  if (result.ok) {
    console.log(`Audit log verified: ${result.count} events, last ${result.lastHash.slice(0, 16)}`);
  } else {
    const { problem, event } = result;
    console.error(`Audit log NOT verified (${problem.kind}) at event ${problem.eventId}, after ${result.count} good events.`);
    console.error(`  ${problem.message}`);
    if (event) {
      console.error(
        `  event ${event.id}: ${event.at.toISOString()}, ${event.entityType} ${event.entityId}, action "${event.action}", actor ${event.actorId ?? "none"}`,
      );
    } else {
      console.error(`  event ${problem.eventId} is no longer in the log.`);
    }
    process.exitCode = 1;
  }
} finally {
  await prisma.$disconnect();
}
