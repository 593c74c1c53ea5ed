import { prepareDatabase, prisma } from "~/utils/db.server";

/** Whether the database answers a trivial query (once prepared): the health check's one question. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await prepareDatabase();
    await prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
