import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { issuePasswordToken } from "~/auth/password-token.server";
import { addDays, hospitalToday } from "~/domain/dates";
import { generateCertificateCode } from "~/domain/certificate";
import { unsubscribeToken } from "~/domain/notifications";
import { storeDocument } from "~/models/document.server";
import { prisma } from "~/utils/db.server";
import { E2E_MAIL_DIR, E2E_SESSION_SECRET } from "./environment";
import { activityOf, programmeOfItsOwn } from "./fixtures";

/** The resident record of `residentUserId` (made for them if they have none); any resident's without one. */
async function ownResident(residentUserId: string | undefined) {
  if (!residentUserId) return prisma.resident.findFirstOrThrow({ select: { id: true } });
  return (
    (await prisma.resident.findUnique({ where: { userId: residentUserId }, select: { id: true } })) ??
    (await prisma.resident.create({
      data: {
        userId: residentUserId,
        programmeId: (await programmeOfItsOwn()).id,
        yearOfTraining: 1,
        studentNumber: `S-${randomUUID().slice(0, 8)}`,
        stayStart: addDays(hospitalToday(), -30),
        stayEnd: addDays(hospitalToday(), 300),
      },
      select: { id: true },
    }))
  );
}

/**
 * A real value for every dynamic segment of the app's routes, for the route policy test.
 * A route with a parameter missing here fails that test: add its sample when adding the route.
 */
/**
 * `tutorId`: the signed-in tutor of the policy test, who must give a sample teaching session or supervise a
 * sample rotation to reach it;
 * `residentUserId`: its signed-in resident, who must own a sample logbook entry or rotation to reach it.
 */
export const ROUTE_SAMPLES: Record<string, (subject: { userId: string; tutorId?: string; residentUserId?: string }) => Promise<string>> = {
  ":userId": async ({ userId }) => userId,
  ":token": async ({ userId }) => (await issuePasswordToken(userId)).token,
  ":unsubscribeToken": async ({ userId }) => unsubscribeToken(E2E_SESSION_SECRET, userId, "rotations"),
  ":universityId": async () => (await prisma.university.create({ data: { name: `Sample university ${randomUUID()}`, city: "Milano" } })).id,
  ":agreementId": async ({ userId }) => {
    const university = await prisma.university.create({ data: { name: `Sample university ${randomUUID()}`, city: "Pavia" } });
    // With a signed document, so that its download route answers 200 to administrators.
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const document = await prisma.$transaction((tx) => storeDocument(tx, new File([pdf], "signed.pdf"), pdf, userId));
    const agreement = await prisma.agreement.create({
      data: {
        universityId: university.id,
        facilityRole: "collegata",
        startDate: new Date("2025-01-01"),
        endDate: new Date("2029-12-31"),
        documentId: document.id,
      },
    });
    return agreement.id;
  },
  ":programmeId": async () => {
    const university = await prisma.university.create({ data: { name: `Sample university ${randomUUID()}`, city: "Brescia" } });
    const programme = await prisma.programme.create({
      data: {
        universityId: university.id,
        specialtyCode: "urologia",
        directorName: "Prof. Campione",
        directorEmail: "campione@example.it",
        durationYears: 5,
      },
    });
    return programme.id;
  },
  ":departmentId": async () => (await prisma.department.create({ data: { name: `Sample department ${randomUUID()}`, capacity: 4 } })).id,
  ":rotationId": async ({ tutorId, residentUserId }) => {
    // The policy test's resident's own (a record made for them if they have none), so that their evaluation
    // of it (/me/evaluations/:rotationId) answers them 200; any resident's otherwise.
    const resident = await ownResident(residentUserId);
    const department = await prisma.department.findFirstOrThrow({ select: { id: true } });
    // Supervised by the policy test's tutor, so that its evaluation's page (/tutor/evaluations/:rotationId) answers them 200.
    const rotation = await prisma.rotation.create({
      data: {
        residentId: resident.id,
        departmentId: department.id,
        tutorId: tutorId ?? null,
        startDate: new Date("2020-01-01"),
        endDate: new Date("2020-01-31"),
        state: "cancelled",
      },
    });
    return rotation.id;
  },
  ":residentId": async ({ tutorId }) => {
    const resident = await prisma.resident.findFirstOrThrow({ select: { id: true, programmeId: true } });
    if (!tutorId) return resident.id;
    // A resident of their own in the tutor's care (a rotation they supervise, running today), so that
    // /tutor/residents/:residentId/progress answers them 200; other roles' pages read it as any resident.
    const user = await prisma.user.create({ data: { email: `sample-${randomUUID()}@example.test`, name: "Sample resident" } });
    const today = hospitalToday();
    const record = await prisma.resident.create({
      data: {
        userId: user.id,
        programmeId: resident.programmeId,
        yearOfTraining: 1,
        studentNumber: `S-${randomUUID().slice(0, 8)}`,
        stayStart: addDays(today, -30),
        stayEnd: addDays(today, 30),
      },
    });
    const department = await prisma.department.create({ data: { name: `Sample department ${randomUUID()}`, capacity: 4 } });
    await prisma.rotation.create({
      data: {
        residentId: record.id,
        departmentId: department.id,
        tutorId,
        startDate: today,
        endDate: addDays(today, 7),
        state: "confirmed",
      },
    });
    return record.id;
  },
  ":importId": async ({ userId }) => {
    const university = await prisma.university.findFirstOrThrow({ select: { id: true } });
    const content =
      "matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza\r\nX1;Rossi;Anna;anna.sample@example.test;Urologia;1;01/01/2027;31/12/2027\r\n";
    return (
      await prisma.residentImport.create({
        data: { universityId: university.id, fileName: "sample.csv", content, rowCount: 1, createdById: userId },
      })
    ).id;
  },
  ":file": async () => "not-a-calendar-token.ics",
  ":code": async ({ userId }) => {
    const certificate = await prisma.certificate.create({
      data: {
        code: generateCertificateCode(),
        kind: "resident-teaching",
        holderId: userId,
        periodStart: new Date("2025-11-01"),
        periodEnd: new Date("2026-10-31"),
        locale: "it",
        minutes: 90,
        sessions: 1,
      },
    });
    return certificate.code;
  },
  ":sessionId": async ({ userId, tutorId }) => {
    // A session that started yesterday, given by the tutor (so that its pages answer them 200).
    const programme = await prisma.programme.findFirstOrThrow({ select: { id: true } });
    const session = await prisma.teachingSession.create({
      data: {
        title: `Sample session ${randomUUID()}`,
        type: "lecture",
        date: addDays(hospitalToday(), -1),
        startTime: "09:00",
        durationMinutes: 60,
        tutors: { create: { userId: tutorId ?? userId, lead: true } },
        programmes: { create: { programmeId: programme.id } },
      },
    });
    return session.id;
  },
  // The demo hospital's forms exist from its seed (prisma/demo-evaluations.ts).
  ":absenceId": async ({ userId, residentUserId }) => {
    // A protected absence of the policy test's resident with its supporting PDF, so that both its download
    // routes (/admin/absences/:absenceId/document, /me/absences/:absenceId/document) answer 200.
    const resident = await ownResident(residentUserId);
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const document = await prisma.$transaction((tx) => storeDocument(tx, new File([pdf], "certificato.pdf"), pdf, userId));
    const absence = await prisma.absence.create({
      data: {
        residentId: resident.id,
        kind: "protected",
        protectedType: "illness",
        state: "recorded",
        startDate: new Date("2020-02-03"),
        endDate: new Date("2020-02-04"),
        documentId: document.id,
      },
    });
    return absence.id;
  },
  ":formId": async () => (await prisma.evaluationForm.findFirstOrThrow({ select: { id: true } })).id,
  ":entryId": async ({ userId, residentUserId }) => {
    // A resident of a programme of the sample's own (never a demo programme, whose catalogue the demo
    // journeys log from), with an activity of their programme's catalogue.
    const owner = residentUserId ?? userId;
    const resident =
      (await prisma.resident.findUnique({ where: { userId: owner }, select: { id: true, programmeId: true } })) ??
      (await prisma.resident.create({
        data: {
          userId: owner,
          programmeId: (await programmeOfItsOwn()).id,
          yearOfTraining: 1,
          studentNumber: `S-${randomUUID().slice(0, 8)}`,
          stayStart: addDays(hospitalToday(), -30),
          stayEnd: addDays(hospitalToday(), 300),
        },
        select: { id: true, programmeId: true },
      }));
    const activity = await activityOf(resident.programmeId);
    const department = await prisma.department.findFirstOrThrow({ select: { id: true } });
    const entry = await prisma.logbookEntry.create({
      data: {
        residentId: resident.id,
        activityId: activity.id,
        departmentId: department.id,
        date: hospitalToday(),
        count: 1,
        degree: "support",
      },
    });
    return entry.id;
  },
  ":mailFile": async () => {
    // An e-mail in the portal's mail folder, as the suite's mail server writes what it receives.
    const name = `sample-${randomUUID()}@example.test`;
    await mkdir(E2E_MAIL_DIR, { recursive: true });
    await writeFile(
      path.join(E2E_MAIL_DIR, `${name}.eml`),
      `From: portal@example.test\r\nTo: someone@example.test\r\nSubject: Sample\r\nMessage-ID: <${name}>\r\n\r\nA sample e-mail.\r\n`,
    );
    return name;
  },
  "*": async () => "no-such-page",
};
