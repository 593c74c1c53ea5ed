import {
  generateCertificateCode,
  isCertificateKind,
  MAX_PERIOD_YEARS,
  normaliseCertificateCode,
  periodProblem,
  type CertificateKind,
} from "~/domain/certificate";
import { academicYearOf, academicYearsBetween, minutesByAcademicYear } from "~/domain/teaching";
import { toIsoDate } from "~/domain/dates";
import { refuse } from "~/domain/refusal";
import type { Locale } from "~/i18n/locale";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { academicYearStart } from "./settings.server";

/**
 * Certificates of teaching: a resident's attended teaching and a tutor's teaching delivered, over a
 * period. Issuing computes the figures from the database, stores them with an unguessable code and
 * records an audit event; verifying a code returns only what the public page may show.
 *
 * A session counts when it was delivered: not cancelled, and its attendance confirmed. A resident's
 * hours are those of the delivered sessions they were present at; a tutor's, those of the delivered
 * sessions they gave (co-tutors each get the full duration).
 */

export type CertificateSession = { date: Date; startTime: string; title: string; type: string; durationMinutes: number };

/** Everything the PDF states. */
export type CertificateDocument = {
  code: string;
  kind: CertificateKind;
  locale: Locale;
  issuedAt: Date;
  periodStart: Date;
  periodEnd: Date;
  holder: {
    name: string;
    /** For a resident's certificate: their programme (specialty code), university and student number. */
    resident: { specialtyCode: string; university: string; studentNumber: string } | null;
  };
  sessions: CertificateSession[];
  minutes: number;
  /** Minutes per academic year the period touches (oldest first), for a resident's certificate. */
  byYear: Array<{ label: string; minutes: number }>;
};

export type IssueInput = { kind: CertificateKind; holderId: string; from: Date; to: Date; locale: Locale };

const DELIVERED = { cancelledAt: null, confirmedAt: { not: null } } as const;
const MAX_CODE_ATTEMPTS = 3;

/** Issues a certificate: four queries and one write transaction, whatever the number of sessions. */
export async function issueCertificate(input: IssueInput, actorId: string | null, now = new Date()): Promise<CertificateDocument> {
  const problem = periodProblem(input.from, input.to);
  if (problem) refuse("to", `certificates.notIssued.${problem}`, { values: { years: MAX_PERIOD_YEARS } });

  const holder = await prisma.user.findUnique({
    where: { id: input.holderId },
    select: {
      name: true,
      roles: { select: { role: true } },
      resident: {
        select: { id: true, studentNumber: true, programme: { select: { specialtyCode: true, university: { select: { name: true } } } } },
      },
    },
  });
  // The holder must exist and hold the role the certificate needs.
  const roles = holder?.roles.map((r) => r.role) ?? [];
  const resident = input.kind === "resident-teaching" ? holder?.resident : null;
  if (!holder || (input.kind === "resident-teaching" ? !resident || !roles.includes("resident") : !roles.includes("tutor"))) {
    const key = input.kind === "resident-teaching" ? "certificates.notIssued.notResident" : "certificates.notIssued.notTutor";
    refuse("holderId", key, { values: { name: holder?.name ?? "" } });
  }

  const [sessions, yearStart] = await Promise.all([
    prisma.teachingSession.findMany({
      where: {
        ...DELIVERED,
        date: { gte: input.from, lte: input.to },
        ...(resident
          ? { attendance: { some: { residentId: resident.id, status: "present" } } }
          : { tutors: { some: { userId: input.holderId } } }),
      },
      select: { date: true, startTime: true, title: true, type: true, durationMinutes: true },
      orderBy: [{ date: "asc" }, { startTime: "asc" }, { title: "asc" }],
    }),
    academicYearStart(),
  ]);

  const minutes = sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
  const perYear = minutesByAcademicYear(sessions, yearStart);
  const byYear = resident
    ? academicYearsBetween(input.from, input.to, yearStart).map((y) => ({ label: y.label, minutes: perYear.get(y.startYear) ?? 0 }))
    : [];

  const row = await createWithFreshCode(async (code) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.certificate.create({
        data: {
          code,
          kind: input.kind,
          holderId: input.holderId,
          periodStart: input.from,
          periodEnd: input.to,
          locale: input.locale,
          minutes,
          sessions: sessions.length,
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
          kind: input.kind,
          holderId: input.holderId,
          periodStart: toIsoDate(input.from),
          periodEnd: toIsoDate(input.to),
          locale: input.locale,
          minutes,
          sessions: sessions.length,
        },
      });
      return created;
    }),
  );

  return {
    code: row.code,
    kind: input.kind,
    locale: input.locale,
    issuedAt: row.issuedAt,
    periodStart: input.from,
    periodEnd: input.to,
    holder: {
      name: holder.name,
      resident: resident
        ? {
            specialtyCode: resident.programme.specialtyCode,
            university: resident.programme.university.name,
            studentNumber: resident.studentNumber,
          }
        : null,
    },
    sessions,
    minutes,
    byYear,
  };
}

/** Tries again with a new code (also for the logbook extract, app/models/logbook-extract.server.ts) in the (1 in 2^60) case of a code already taken. */
export async function createWithFreshCode<T>(create: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create(generateCertificateCode());
    } catch (error) {
      const duplicate = typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
      if (!duplicate || attempt >= MAX_CODE_ATTEMPTS) throw error;
    }
  }
}

/** What the public verification page may show: the certificate's statement, nothing that identifies records. */
export type VerifiedCertificate = {
  code: string;
  kind: CertificateKind;
  holderName: string;
  periodStart: Date;
  periodEnd: Date;
  minutes: number;
  sessions: number;
  /** A logbook extract's certified entries and the activities they count. */
  entries: number;
  performed: number;
  /** The signed evaluations a logbook extract includes; null when it includes none by choice. */
  evaluations: number | null;
  issuedAt: Date;
};

/** The certificate with this code (typed in any case, with or without dashes), or null. */
export async function verifyCertificate(code: string): Promise<VerifiedCertificate | null> {
  const normalised = normaliseCertificateCode(code);
  if (!normalised) return null;
  const row = await prisma.certificate.findUnique({
    where: { code: normalised },
    select: {
      code: true,
      kind: true,
      periodStart: true,
      periodEnd: true,
      minutes: true,
      sessions: true,
      entries: true,
      performed: true,
      evaluations: true,
      issuedAt: true,
      holder: { select: { name: true } },
    },
  });
  if (!row || !isCertificateKind(row.kind)) return null;
  return {
    code: row.code,
    kind: row.kind,
    holderName: row.holder.name,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    minutes: row.minutes,
    sessions: row.sessions,
    entries: row.entries,
    performed: row.performed,
    evaluations: row.evaluations,
    issuedAt: row.issuedAt,
  };
}

/** The academic year containing `today`, as the default period of the issuing forms (ISO days). */
export async function defaultCertificatePeriod(today: Date): Promise<{ from: string; to: string }> {
  const year = academicYearOf(today, await academicYearStart());
  return { from: toIsoDate(year.start), to: toIsoDate(year.end) };
}

/** The person a certificate would be for, and the page of theirs the issuing form is on; null when unknown. */
export async function certificateHolder(kind: CertificateKind, holderId: string): Promise<{ name: string; page: string } | null> {
  const user = await prisma.user.findUnique({
    where: { id: holderId },
    select: { id: true, name: true, resident: { select: { id: true } } },
  });
  if (!user) return null;
  return {
    name: user.name,
    page: kind === "resident-teaching" && user.resident ? `/admin/residents/${user.resident.id}` : `/admin/users/${user.id}`,
  };
}
