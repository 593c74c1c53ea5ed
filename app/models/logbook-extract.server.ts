import { periodProblem, MAX_PERIOD_YEARS } from "~/domain/certificate";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import type { Degree } from "~/domain/logbook";
import { refuse } from "~/domain/refusal";
import type { Locale } from "~/i18n/locale";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { createWithFreshCode } from "./certificate.server";
import { residentProgressOfUser } from "./logbook-progress.server";
import { extractEvaluations, type SignedEvaluation } from "./tutor-evaluation.server";

/**
 * The certified extract of a resident's logbook (DI 68/2015 art. 5): the entries their tutors certified
 * in a period or in one rotation, with who certified each, and, when asked, the tutors' signed evaluations
 * of the rotations it covers. Issuing stores it as a certificate (kind
 * "resident-logbook") with its figures and an unguessable code that /verify confirms; the same entries
 * are exported as CSV for the university. Only certified entries are ever listed.
 */

export type ExtractEntry = {
  date: Date;
  code: string;
  category: string;
  activity: { it: string; en: string };
  degree: Degree;
  count: number;
  department: string;
  certifiedBy: string | null;
  certifiedAt: Date | null;
};

export type LogbookExtractDocument = {
  code: string;
  locale: Locale;
  issuedAt: Date;
  periodStart: Date;
  periodEnd: Date;
  holder: { name: string; specialtyCode: string; university: string; studentNumber: string; yearOfTraining: number };
  rotation: { department: string } | null;
  entries: ExtractEntry[];
  /** The activities the entries count (their counts added up). */
  performed: number;
  /** The signed evaluations of the rotation or of the rotations the period touches, oldest first; null when not asked for. */
  evaluations: SignedEvaluation[] | null;
};

export type ExtractInput = {
  holderId: string;
  from: Date;
  to: Date;
  rotationId?: string | null;
  locale: Locale;
  /** Whether the extract includes the resident's signed evaluations. */
  withEvaluations?: boolean;
};

const entrySelect = {
  date: true,
  count: true,
  degree: true,
  decidedAt: true,
  decidedBy: { select: { name: true } },
  department: { select: { name: true } },
  activity: { select: { code: true, category: true, labelIt: true, labelEn: true } },
} satisfies Prisma.LogbookEntrySelect;

/**
 * The resident (by their user id, as the issuing form names every holder), the period (a rotation's own
 * dates when one is chosen) and their certified entries in it, oldest first.
 */
export async function certifiedEntries(
  input: Omit<ExtractInput, "locale" | "holderId"> & { resident: { userId: string } | { id: string } },
) {
  const problem = periodProblem(input.from, input.to);
  if (problem) refuse("to", `certificates.notIssued.${problem}`, { values: { years: MAX_PERIOD_YEARS } });
  const resident = await prisma.resident.findUnique({
    where: input.resident,
    select: {
      id: true,
      studentNumber: true,
      yearOfTraining: true,
      user: { select: { name: true } },
      programme: { select: { specialtyCode: true, university: { select: { name: true } } } },
    },
  });
  if (!resident) refuse("holderId", "certificates.logbook.notResident", { status: 404 });
  const rotation = input.rotationId
    ? await prisma.rotation.findFirst({
        where: { id: input.rotationId, residentId: resident.id },
        select: { startDate: true, endDate: true, departmentId: true, department: { select: { name: true } } },
      })
    : null;
  if (input.rotationId && !rotation) refuse("rotationId", "certificates.logbook.unknownRotation", { status: 400 });
  const from = rotation?.startDate ?? input.from;
  const to = rotation?.endDate ?? input.to;
  const rows = await prisma.logbookEntry.findMany({
    where: {
      residentId: resident.id,
      status: "certified",
      date: { gte: from, lte: to },
      ...(rotation ? { departmentId: rotation.departmentId } : {}),
    },
    select: entrySelect,
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
  });
  const entries = rows.map((row): ExtractEntry => ({
    date: row.date,
    code: row.activity.code,
    category: row.activity.category,
    activity: { it: row.activity.labelIt, en: row.activity.labelEn },
    degree: row.degree as Degree,
    count: row.count,
    department: row.department.name,
    certifiedBy: row.decidedBy?.name ?? null,
    certifiedAt: row.decidedAt,
  }));
  return { resident, rotation: rotation ? { department: rotation.department.name } : null, from, to, entries };
}

/**
 * Issues the extract: three queries (five with the evaluations) and one write transaction, whatever the
 * number of entries.
 */
export async function issueLogbookExtract(input: ExtractInput, actorId: string | null, now = new Date()): Promise<LogbookExtractDocument> {
  const { resident, rotation, from, to, entries } = await certifiedEntries({ ...input, resident: { userId: input.holderId } });
  const performed = entries.reduce((sum, e) => sum + e.count, 0);
  const evaluations = input.withEvaluations ? await extractEvaluations(resident.id, { from, to, rotationId: input.rotationId }) : null;
  const row = await createWithFreshCode((code) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.certificate.create({
        data: {
          code,
          kind: "resident-logbook",
          holderId: input.holderId,
          periodStart: from,
          periodEnd: to,
          locale: input.locale,
          minutes: 0,
          sessions: 0,
          entries: entries.length,
          performed,
          evaluations: evaluations?.length ?? null,
          issuedAt: now,
          issuedById: actorId,
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "create",
        entityType: "certificate",
        entityId: created.id,
        before: null,
        after: {
          code,
          kind: "resident-logbook",
          holderId: input.holderId,
          periodStart: toIsoDate(from),
          periodEnd: toIsoDate(to),
          locale: input.locale,
          entries: entries.length,
          performed,
          evaluations: evaluations?.length ?? null,
        },
      });
      return created;
    }),
  );
  return {
    code: row.code,
    locale: input.locale,
    issuedAt: row.issuedAt,
    periodStart: from,
    periodEnd: to,
    holder: {
      name: resident.user.name,
      specialtyCode: resident.programme.specialtyCode,
      university: resident.programme.university.name,
      studentNumber: resident.studentNumber,
      yearOfTraining: resident.yearOfTraining,
    },
    rotation,
    entries,
    performed,
    evaluations,
  };
}

/** The progress printed on an extract: the resident's current training year against its minimums, or null without a catalogue. */
export async function extractProgress(holderId: string, today = hospitalToday()) {
  const found = await residentProgressOfUser(holderId, today);
  if (!found?.catalogue) return null;
  return { year: found.trainingYear, rows: found.rows };
}
