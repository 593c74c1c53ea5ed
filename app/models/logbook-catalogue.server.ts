import { parseMinimums, type CatalogueActivity } from "~/domain/logbook";
import { prisma } from "~/utils/db.server";

/**
 * Programmes' logbook catalogues: versions of activities with their minimum counts (app/domain/logbook.ts).
 * A version is never changed once written; a change is a new version.
 */

export type CatalogueVersion = {
  id: string;
  version: number;
  validFrom: Date;
  createdAt: Date;
  activities: Array<CatalogueActivity & { id: string }>;
};

/** Every version of a programme's catalogue with its activities in order, oldest first. */
export async function catalogueVersions(programmeId: string): Promise<CatalogueVersion[]> {
  const rows = await prisma.logbookCatalogue.findMany({
    where: { programmeId },
    orderBy: { version: "asc" },
    select: {
      id: true,
      version: true,
      validFrom: true,
      createdAt: true,
      activities: {
        orderBy: { position: "asc" },
        select: { id: true, code: true, category: true, labelIt: true, labelEn: true, minimums: true },
      },
    },
  });
  return rows.map((row) => ({ ...row, activities: row.activities.map((a) => ({ ...a, minimums: parseMinimums(a.minimums) })) }));
}
