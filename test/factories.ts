import { randomUUID } from "node:crypto";
import { specialty } from "~/domain/specialties";
import type { CatalogueActivity, Degree, EntryStatus } from "~/domain/logbook";
import type { AttendanceStatus } from "~/domain/teaching";
import { prisma } from "~/utils/db.server";

/**
 * The records tests make again and again, for the unit tests (Vitest, beside the code in app/) and the
 * journeys (Playwright, e2e/) alike: a university and its programmes, a programme covered by an
 * agreement, a department and its tutors, a resident's stay, a teaching session and its attendance.
 * Each test still makes its own, named with its own tag, so that tests never share rows.
 *
 * People are made by each side in its own way: the journeys with a password and a session
 * (e2e/fixtures.ts createUser), the unit tests with a plain row.
 */

export type ProgrammeSpec = {
  specialtyCode: string;
  durationYears?: number;
  directorName?: string;
  directorEmail?: string;
  archivedAt?: Date | null;
};

/** A university with its programmes, listed in order of specialty code; a programme lasts as long as its specialty unless told. */
export function createUniversity(data: { name: string; shortName?: string; city?: string; programmes?: ProgrammeSpec[] }) {
  const { programmes = [], city = "Milano", ...university } = data;
  return prisma.university.create({
    data: {
      ...university,
      city,
      programmes: {
        create: programmes.map((p) => ({
          ...p,
          directorName: p.directorName ?? "Prof. Direttore",
          directorEmail: p.directorEmail ?? "direttore@example.it",
          durationYears: p.durationYears ?? specialty(p.specialtyCode)?.years ?? 4,
        })),
      },
    },
    include: { programmes: { orderBy: { specialtyCode: "asc" } } },
  });
}

/**
 * A university with one programme, covered by a signed agreement (a "collegata" facility) with `posts`
 * posts from `startDate` to `endDate`: a programme whose residents may rotate here on those days.
 */
export async function createCoveredProgramme(data: {
  university: string;
  specialtyCode: string;
  posts: number;
  startDate: Date;
  endDate: Date;
  signedOn: Date;
}) {
  const university = await createUniversity({ name: data.university, programmes: [{ specialtyCode: data.specialtyCode }] });
  const programme = university.programmes[0]!;
  const agreement = await prisma.agreement.create({
    data: {
      universityId: university.id,
      facilityRole: "collegata",
      startDate: data.startDate,
      endDate: data.endDate,
      signedOn: data.signedOn,
      programmes: { create: { programmeId: programme.id, posts: data.posts } },
    },
  });
  return { university, programme, agreement };
}

/** A department with room for `capacity` residents at a time and these tutors on its staff. */
export function createDepartment(name: string, capacity: number, tutorIds: string[] = []) {
  return prisma.department.create({ data: { name, capacity, tutors: { create: tutorIds.map((userId) => ({ userId })) } } });
}

/** A person's training record: a resident of the programme (in their second year unless told) at the hospital from `stayStart` to `stayEnd`. */
export function createResident(data: {
  userId: string;
  programmeId: string;
  studentNumber: string;
  stayStart: Date;
  stayEnd: Date;
  yearOfTraining?: number;
  tutorId?: string;
}) {
  return prisma.resident.create({ data: { ...data, yearOfTraining: data.yearOfTraining ?? 2 } });
}

export type TeachingSessionSpec = {
  title: string;
  date: Date;
  minutes: number;
  /** The lead tutor first. */
  tutorIds: string[];
  programmeIds?: string[];
  departmentId?: string | null;
  /** A lecture unless told. */
  type?: string;
  /** 14:00 unless told. */
  startTime?: string;
  place?: string;
  link?: string;
  confirmedAt?: Date | null;
  cancelledAt?: Date | null;
  createdById?: string;
  /** Attendance already marked: [residentId, status]. */
  marks?: Array<[residentId: string, status: AttendanceStatus]>;
};

/** A teaching session given by its tutors (the first leads) for its programmes, with the attendance marked so far. */
export function createTeachingSession(s: TeachingSessionSpec) {
  return prisma.teachingSession.create({
    data: {
      title: s.title,
      type: s.type ?? "lecture",
      date: s.date,
      startTime: s.startTime ?? "14:00",
      durationMinutes: s.minutes,
      departmentId: s.departmentId ?? null,
      place: s.place,
      link: s.link,
      confirmedAt: s.confirmedAt ?? null,
      cancelledAt: s.cancelledAt ?? null,
      createdById: s.createdById,
      tutors: { create: s.tutorIds.map((userId, i) => ({ userId, lead: i === 0 })) },
      programmes: { create: (s.programmeIds ?? []).map((programmeId) => ({ programmeId })) },
      attendance: { create: (s.marks ?? []).map(([residentId, status]) => ({ residentId, status })) },
    },
  });
}

export type CatalogueSpec = {
  programmeId: string;
  version?: number;
  validFrom?: Date;
  activities: Array<Omit<CatalogueActivity, "category"> & { category?: string }>;
};

/** A version of a programme's logbook catalogue (version 1, in force since 2000, unless told). */
export function createCatalogue(c: CatalogueSpec) {
  return prisma.logbookCatalogue.create({
    data: {
      programmeId: c.programmeId,
      version: c.version ?? 1,
      validFrom: c.validFrom ?? new Date("2000-01-01"),
      activities: {
        create: c.activities.map((a, position) => ({
          code: a.code,
          category: a.category ?? "Clinica",
          labelIt: a.labelIt,
          labelEn: a.labelEn,
          position,
          minimums: JSON.stringify(a.minimums),
        })),
      },
    },
    include: { activities: { orderBy: { position: "asc" } } },
  });
}

export type LogbookEntrySpec = {
  residentId: string;
  activityId: string;
  departmentId: string;
  date: Date;
  count?: number;
  degree?: Degree;
  tutorId?: string | null;
  status?: EntryStatus;
  note?: string;
  decidedById?: string;
};

/** A logbook entry as a resident logged it (one, under support, pending, unless told). */
export function createLogbookEntry(e: LogbookEntrySpec) {
  const decided = e.status && e.status !== "pending";
  return prisma.logbookEntry.create({
    data: {
      residentId: e.residentId,
      activityId: e.activityId,
      departmentId: e.departmentId,
      date: e.date,
      count: e.count ?? 1,
      degree: e.degree ?? "support",
      tutorId: e.tutorId ?? null,
      status: e.status ?? "pending",
      note: e.note ?? null,
      decidedById: decided ? (e.decidedById ?? e.tutorId ?? null) : null,
      decidedAt: decided ? new Date() : null,
      returnReason: e.status === "returned" ? "Manca il grado di autonomia corretto" : null,
    },
  });
}

/** Who is told what: an administrator, a department with a tutor and a head, and a resident of a covered programme staying (and covered) from `from` to `to`. */
export async function createNotificationWorld(from: Date, to: Date) {
  const tag = randomUUID().slice(0, 8);
  const person = (who: string, role: "admin" | "tutor" | "resident") =>
    prisma.user.create({ data: { email: `${who}-${tag}@example.test`, name: `${who} ${tag}`, roles: { create: { role } } } });
  const [admin, tutor, head, user] = [
    await person("admin", "admin"),
    await person("tutor", "tutor"),
    await person("head", "tutor"),
    await person("resident", "resident"),
  ];
  const { university, programme, agreement } = await createCoveredProgramme({
    university: `Ateneo ${tag}`,
    specialtyCode: "ematologia",
    posts: 2,
    startDate: from,
    endDate: to,
    signedOn: from,
  });
  const department = await prisma.department.create({
    data: { name: `Reparto ${tag}`, capacity: 2, headId: head.id, tutors: { create: { userId: tutor.id } } },
  });
  const resident = await createResident({
    userId: user.id,
    programmeId: programme.id,
    studentNumber: `W-${tag}`,
    stayStart: from,
    stayEnd: to,
  });
  return { tag, admin, tutor, head, user, resident, university, programme, agreement, department };
}
