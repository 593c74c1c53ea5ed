import { randomUUID } from "node:crypto";
import { issuePasswordToken } from "~/auth/password-token.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { unsubscribeToken } from "~/domain/notifications";
import type { Role } from "~/domain/roles";
import { storeDocument } from "~/models/document.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import {
  createCatalogue,
  createCoveredProgramme,
  createDepartment,
  createLogbookEntry,
  createResident,
  createTeachingSession,
} from "../factories";

/**
 * The small hospital the property test of every action works in: one person for each role (and a
 * second tutor and resident, whose records the first must not reach), a covered programme, a
 * department, rotations, a teaching session given yesterday with its attendance. Records an action
 * may delete or change for good are made afresh for each request by `fresh`.
 */
export type Actor = "anonymous" | Role;

export async function makeWorld() {
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const yesterday = addDays(today, -1);
  let closedMonths = 0;
  const person = (role: Role, who: string) =>
    prisma.user.create({ data: { email: `${who}.${tag}@fuzz.test`, name: `${who} ${tag}`, roles: { create: [{ role }] } } });
  const admin = await person("admin", "admin");
  const tutor = await person("tutor", "tutor");
  const otherTutor = await person("tutor", "other-tutor");
  const residentUser = await person("resident", "resident");
  const otherResidentUser = await person("resident", "other-resident");

  const { university, programme, agreement } = await createCoveredProgramme({
    university: `Ateneo fuzz ${tag}`,
    specialtyCode: "oncologia-medica",
    posts: 20,
    startDate: addDays(today, -400),
    endDate: addDays(today, 700),
    signedOn: addDays(today, -420),
  });
  const department = await createDepartment(`Reparto fuzz ${tag}`, 10, [tutor.id, otherTutor.id]);
  const stay = { programmeId: programme.id, stayStart: addDays(today, -200), stayEnd: addDays(today, 300) };
  const resident = await createResident({ ...stay, userId: residentUser.id, studentNumber: `F-${tag}-1`, tutorId: tutor.id });
  const otherResident = await createResident({
    ...stay,
    userId: otherResidentUser.id,
    studentNumber: `F-${tag}-2`,
    tutorId: otherTutor.id,
  });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, 10),
      endDate: addDays(today, 40),
      state: "planned",
    },
  });
  const session = (tutorId: string, title: string, confirmedAt: Date | null = null) =>
    createTeachingSession({
      title: `${title} ${tag}`,
      date: yesterday,
      minutes: 60,
      tutorIds: [tutorId],
      programmeIds: [programme.id],
      departmentId: department.id,
      marks: [[resident.id, "present"]],
      confirmedAt,
    });
  const teaching = await session(tutor.id, "Lezione");
  const otherTeaching = await session(otherTutor.id, "Seminario");
  /** An unread notification of a person's, as the portal writes them. */
  const notification = (userId: string) =>
    prisma.notification.create({
      data: {
        userId,
        kind: "rotation-starting",
        category: "rotations",
        params: JSON.stringify({ department: department.name, startDate: toIsoDate(addDays(today, 7)) }),
        link: "/me/rotations",
        delivery: "portal",
      },
    });
  const otherNotification = await notification(otherResidentUser.id);

  const actors: Record<Exclude<Actor, "anonymous">, string> = { admin: admin.id, tutor: tutor.id, resident: residentUser.id };
  const world = {
    tag,
    today,
    yesterday,
    actors,
    admin,
    tutor,
    otherTutor,
    residentUser,
    otherResidentUser,
    university,
    programme,
    agreement,
    department,
    resident,
    otherResident,
    rotation,
    teaching,
    otherTeaching,
    otherNotification,
    /** Every id of the world, of every kind and owner: what a tampered form or address may carry. */
    ids: [
      ...[admin, tutor, otherTutor, residentUser, otherResidentUser, university, programme, agreement, department].map((r) => r.id),
      ...[resident, otherResident, rotation, teaching, otherTeaching, otherNotification].map((r) => r.id),
    ],
    /** A session cookie for the actor, opened for this one request (earlier requests may have signed them out). */
    async cookie(actor: Actor): Promise<string | null> {
      if (actor === "anonymous") return null;
      const { token, expiresAt } = await createSession(actors[actor]);
      return sessionCookie(token, expiresAt).split(";")[0]!;
    },
    fresh: {
      university: () => prisma.university.create({ data: { name: `Ateneo ${randomUUID()}`, city: "Pavia" } }),
      department: () => prisma.department.create({ data: { name: `Reparto ${randomUUID()}`, capacity: 3 } }),
      programme: async () =>
        prisma.programme.create({
          data: {
            universityId: (await world.fresh.university()).id,
            specialtyCode: "urologia",
            directorName: "Prof. Ugo Neri",
            directorEmail: "ugo.neri@example.it",
            durationYears: 5,
          },
        }),
      /** A draft agreement of a university and programme of its own, so that it overlaps no other. */
      agreement: async () => {
        const programme = await world.fresh.programme();
        return prisma.agreement.create({
          data: {
            universityId: programme.universityId,
            facilityRole: "complementare",
            startDate: addDays(today, 30),
            endDate: addDays(today, 400),
            programmes: { create: { programmeId: programme.id, posts: 2 } },
          },
          include: { programmes: true },
        });
      },
      user: () =>
        prisma.user.create({ data: { email: `${randomUUID()}@fuzz.test`, name: "Persona Nuova", roles: { create: [{ role: "tutor" }] } } }),
      rotation: () =>
        prisma.rotation.create({
          data: {
            residentId: otherResident.id,
            departmentId: department.id,
            tutorId: otherTutor.id,
            startDate: addDays(today, 60),
            endDate: addDays(today, 80),
            state: "planned",
          },
        }),
      teaching: (confirmed = false) => session(tutor.id, "Incontro", confirmed ? new Date() : null),
      /** A logbook entry of the resident awaiting the tutor (the programme gets a catalogue and the resident a past rotation the first time). */
      logbookEntry: async () => {
        // An entry's date lies within a rotation: the resident gets one ending yesterday the first time.
        const covering = { residentId: resident.id, startDate: { lte: yesterday }, endDate: { gte: yesterday } };
        if (!(await prisma.rotation.findFirst({ where: covering }))) {
          await prisma.rotation.create({
            data: {
              residentId: resident.id,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: addDays(today, -30),
              endDate: yesterday,
              state: "planned",
            },
          });
        }
        const catalogue =
          (await prisma.logbookCatalogue.findFirst({ where: { programmeId: programme.id }, include: { activities: true } })) ??
          (await createCatalogue({
            programmeId: programme.id,
            activities: [
              { code: "visita", labelIt: "Prima visita", labelEn: "First visit", minimums: [{ year: 1, degree: "support", count: 5 }] },
            ],
          }));
        return createLogbookEntry({
          residentId: resident.id,
          activityId: catalogue.activities[0]!.id,
          departmentId: department.id,
          date: yesterday,
          tutorId: tutor.id,
        });
      },
      /**
       * A month of the resident's, long over, whose one entry is certified: it awaits their countersignature
       * or an administrator's reopening. Each call makes a month of its own ("YYYY-MM").
       */
      closedMonth: async () => {
        const entry = await world.fresh.logbookEntry();
        const day = addDays(today, -400 - 31 * closedMonths++);
        await prisma.logbookEntry.update({ where: { id: entry.id }, data: { date: day, status: "certified", decidedById: tutor.id } });
        return toIsoDate(day).slice(0, 7);
      },
      notification,
      /** A new person's signed unsubscribe link for one category, as their e-mails carry it. */
      unsubscribeToken: async () => unsubscribeToken(env.SESSION_SECRET, (await world.fresh.user()).id, "rotations"),
      passwordToken: async () => (await issuePasswordToken((await world.fresh.user()).id)).token,
      residentImport: () =>
        prisma.residentImport.create({
          data: {
            universityId: university.id,
            fileName: "fuzz.csv",
            content: `matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza\r\nX-${randomUUID().slice(0, 8)};Rossi;Anna;${randomUUID()}@fuzz.test;Oncologia medica;1;01/01/2027;31/12/2027\r\n`,
            rowCount: 1,
            createdById: admin.id,
          },
        }),
      /** A protected absence of the resident's, long past, with its supporting PDF. */
      absenceWithDocument: async () => {
        const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
        const document = await prisma.$transaction((tx) => storeDocument(tx, new File([pdf], "certificato.pdf"), pdf, admin.id));
        return prisma.absence.create({
          data: {
            residentId: resident.id,
            kind: "protected",
            protectedType: "illness",
            state: "recorded",
            startDate: addDays(today, -190),
            endDate: addDays(today, -189),
            documentId: document.id,
          },
        });
      },
      /** A new resident of the world's programme this academic year, whose outcome no one has recorded. */
      roundResident: async () => {
        const user = await prisma.user.create({ data: { email: `${randomUUID()}@fuzz.test`, name: "Specializzando Nuovo" } });
        return createResident({ ...stay, userId: user.id, studentNumber: `F-${randomUUID().slice(0, 8)}` });
      },
    },
  };
  return world;
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
