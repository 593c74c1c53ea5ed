import { fakerIT as faker } from "@faker-js/faker";
import { hashPassword } from "~/auth/password.server";
import { addDays, hospitalToday } from "~/domain/dates";
import { CANCER_HOSPITAL_SPECIALTIES } from "~/domain/specialties";
import type { PrismaClient } from "~/generated/prisma/client";
import { seedAbsences } from "./demo-absences";
import { seedProgression } from "./demo-progression";
import { seedEvaluations } from "./demo-evaluations";
import { seedLogbooks } from "./demo-logbook";
import { seedNotifications } from "./demo-notifications";
import { breakByLaterChanges, placeRotations } from "./demo-rotations";
import { seedTeaching } from "./demo-teaching";

/**
 * The demo hospital: an Italian cancer research hospital hosting programmes of six universities, with
 * invented people only. Deterministic (fixed faker seed) so screenshots and tests see the same data.
 * This file makes the people, universities, programmes, departments, residents and agreements, then
 * calls on prisma/demo-rotations.ts (the rotations, and later changes that break a few) and
 * prisma/demo-teaching.ts (a year of teaching and attendance), in that order: the faker draws follow
 * one another, so the order of the calls is part of the data.
 */
export const DEMO_PASSWORD = "Demo-Portal-1";
export const DEMO_ACCOUNTS = {
  admin: "admin@example.org",
  tutor: "tutor@example.org",
  resident: "resident@example.org",
} as const;

const UNIVERSITIES = [
  {
    name: "Università degli Studi di Milano",
    shortName: "UNIMI",
    city: "Milano",
    office: "Ufficio Scuole di Specializzazione di Area Sanitaria",
  },
  { name: "Università degli Studi di Milano-Bicocca", shortName: "UNIMIB", city: "Milano", office: "Area Formazione Post Laurea" },
  { name: "Università degli Studi di Pavia", shortName: "UNIPV", city: "Pavia", office: "Servizio Scuole di Specializzazione" },
  { name: "Humanitas University", shortName: "HUNIMED", city: "Pieve Emanuele", office: "Postgraduate Office" },
  { name: "Università Vita-Salute San Raffaele", shortName: "UNISR", city: "Milano", office: "Segreteria Scuole di Specializzazione" },
  { name: "Università degli Studi di Brescia", shortName: "UNIBS", city: "Brescia", office: "U.O.C. Formazione Specialistica" },
];

const DEPARTMENTS: Array<[string, number]> = [
  ["Oncologia Medica 1", 14],
  ["Oncologia Medica 2", 12],
  ["Oncologia Medica Toraco-Polmonare", 8],
  ["Radioterapia Oncologica", 10],
  ["Ematologia e Trapianto di Midollo", 10],
  ["Anatomia Patologica", 9],
  ["Radiologia Diagnostica e Interventistica", 10],
  ["Medicina Nucleare", 6],
  ["Chirurgia Generale Oncologica", 10],
  ["Chirurgia Toracica", 6],
  ["Ginecologia Oncologica", 7],
  ["Urologia", 7],
  ["Otorinolaringoiatria e Chirurgia Cervico-Facciale", 6],
  ["Chirurgia Plastica Ricostruttiva", 5],
  ["Dermatologia Oncologica", 5],
  ["Anestesia, Rianimazione e Terapia del Dolore", 12],
  ["Cure Palliative e Hospice", 6],
  ["Gastroenterologia ed Endoscopia Digestiva", 7],
  ["Pneumologia Oncologica", 5],
  ["Medicina Interna Oncologica", 8],
  ["Oncologia Pediatrica", 6],
  ["Genetica Medica e Oncologia Predittiva", 4],
  ["Laboratorio di Patologia Clinica", 5],
  ["Farmacia Ospedaliera", 4],
];

/** "Niccolò", "D'Amico" → "niccolo.damico": an e-mail address's part before the @, in plain ASCII. */
export function emailLocalPart(first: string, last: string): string {
  return `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z.]/g, "");
}

function emailFor(first: string, last: string, used: Set<string>, domain: string): string {
  const base = emailLocalPart(first, last);
  let email = `${base}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
  used.add(email);
  return email;
}

export type DemoSummary = Record<
  | "universities"
  | "programmes"
  | "departments"
  | "tutors"
  | "residents"
  | "admins"
  | "agreements"
  | "rotations"
  | "broken"
  | "teachingSessions"
  | "attendanceMarks"
  | "unconfirmedSessions"
  | "logbookCatalogues"
  | "logbookEntries"
  | "tutorEvaluations"
  | "residentEvaluations"
  | "absences"
  | "leavePendingForTutor"
  | "notifications",
  number
>;

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<DemoSummary> {
  faker.seed(2026);
  const used = new Set<string>(Object.values(DEMO_ACCOUNTS));
  const demoHash = await hashPassword(DEMO_PASSWORD);
  // Invented colleagues get a password nobody knows; a few are left waiting for their first sign-in.
  const unknownHash = await hashPassword(faker.string.alphanumeric(40));

  return prisma.$transaction(
    async (tx) => {
      // Stays, agreements and rotations are whole days (UTC midnights), counted from the hospital's today.
      const today = hospitalToday(now);
      const person = (domain: string) => {
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        return { name: `${first} ${last}`, email: emailFor(first, last, used, domain) };
      };

      // Administrators
      const admin = await tx.user.create({
        data: { email: DEMO_ACCOUNTS.admin, name: "Giulia Ferraris", passwordHash: demoHash, roles: { create: [{ role: "admin" }] } },
      });
      const secondAdmin = person("istituto-demo.it");
      await tx.user.create({
        data: { ...secondAdmin, passwordHash: unknownHash, createdById: admin.id, roles: { create: [{ role: "admin" }] } },
      });

      // Universities and programmes: each university hosts 7–9 specialties.
      const universities: Array<{ id: string; shortName: string | null }> = [];
      for (const u of UNIVERSITIES) {
        universities.push(
          await tx.university.create({
            data: {
              name: u.name,
              shortName: u.shortName,
              city: u.city,
              contactOffice: u.office,
              contactEmail: `specializzazioni@${u.shortName.toLowerCase()}.example.it`,
            },
          }),
        );
      }
      const programmes: Array<{ id: string; specialtyCode: string; universityId: string; durationYears: number }> = [];
      for (const [index, university] of universities.entries()) {
        const count = 7 + (index % 3);
        const picks = faker.helpers.arrayElements(CANCER_HOSPITAL_SPECIALTIES.slice(), count);
        // The first university always hosts medical oncology (the resident demo account's school).
        if (index === 0 && !picks.some((s) => s.code === "oncologia-medica")) picks[0] = CANCER_HOSPITAL_SPECIALTIES[0]!;
        for (const specialty of picks) {
          const director = person(`${university.shortName!.toLowerCase()}.example.it`);
          programmes.push(
            await tx.programme.create({
              data: {
                specialtyCode: specialty.code,
                universityId: university.id,
                directorName: `Prof. ${director.name}`,
                directorEmail: director.email,
                durationYears: specialty.years,
              },
            }),
          );
        }
      }

      // Tutors: the demo tutor plus 34 invented colleagues, all with the tutor role.
      const tutorUser = await tx.user.create({
        data: { email: DEMO_ACCOUNTS.tutor, name: "Marco Bellini", passwordHash: demoHash, roles: { create: [{ role: "tutor" }] } },
      });
      const tutors = [tutorUser];
      for (let i = 0; i < 34; i++) {
        tutors.push(
          await tx.user.create({
            data: {
              ...person("istituto-demo.it"),
              passwordHash: i < 3 ? null : unknownHash,
              createdById: admin.id,
              roles: { create: [{ role: "tutor" }] },
            },
          }),
        );
      }

      // Departments: a head from the tutors and two or three tutors on the staff.
      const departments: Array<{ id: string }> = [];
      for (const [index, [name, capacity]] of DEPARTMENTS.entries()) {
        const staff = faker.helpers.arrayElements(tutors.slice(1), 2);
        if (index < 2) staff.push(tutorUser); // the demo tutor works in both medical oncology units
        const department = await tx.department.create({
          data: { name, capacity, headId: staff[0]!.id, tutors: { create: staff.map((t) => ({ userId: t.id })) } },
        });
        departments.push(department);
      }

      // Residents: 219 invented plus the demo resident; stays past, present and future.
      const oncology = programmes.find((p) => p.specialtyCode === "oncologia-medica" && p.universityId === universities[0]!.id)!;
      const residentUser = await tx.user.create({
        data: { email: DEMO_ACCOUNTS.resident, name: "Luca Moretti", passwordHash: demoHash, roles: { create: [{ role: "resident" }] } },
      });
      await tx.resident.create({
        data: {
          userId: residentUser.id,
          programmeId: oncology.id,
          yearOfTraining: 3,
          studentNumber: "R10427",
          stayStart: addDays(today, -120),
          stayEnd: addDays(today, 240),
          tutorId: tutorUser.id,
          insurancePolicy: "RC-2026-004127",
          insuranceExpiry: addDays(today, 300),
        },
      });
      let residents = 1;
      for (let i = 0; i < 219; i++) {
        const programme = faker.helpers.arrayElement(programmes);
        const offset = faker.number.int({ min: -500, max: 200 });
        const length = faker.number.int({ min: 90, max: 365 });
        const stayStart = addDays(today, offset);
        const stayEnd = addDays(stayStart, length);
        const user = await tx.user.create({
          data: {
            ...person("studenti.example.it"),
            passwordHash: unknownHash,
            createdById: admin.id,
            roles: { create: [{ role: "resident" }] },
          },
        });
        await tx.resident.create({
          data: {
            userId: user.id,
            programmeId: programme.id,
            yearOfTraining: faker.number.int({ min: 1, max: programme.durationYears }),
            studentNumber: `M${String(100000 + i * 37).padStart(6, "0")}`,
            stayStart,
            stayEnd,
            // The demo tutor looks after a handful of residents; the others are shared out.
            tutorId: i < 9 ? tutorUser.id : faker.helpers.arrayElement(tutors).id,
            insurancePolicy: `RC-2026-${String(5000 + i).padStart(6, "0")}`,
            insuranceExpiry: addDays(stayEnd, faker.number.int({ min: -30, max: 120 })),
          },
        });
        residents++;
      }

      // Agreements in every status (docs/domain.md): one chain per university.
      const on = (days: number) => addDays(today, days);
      const coverageOf = (universityId: string) =>
        programmes
          .filter((p) => p.universityId === universityId)
          .map((p) => ({ programmeId: p.id, posts: faker.number.int({ min: 2, max: 8 }) }));
      const agreement = (data: {
        university: number;
        role?: "collegata" | "complementare";
        start: number;
        end: number;
        signed?: number | null;
        terminated?: number;
        reason?: string;
        renews?: string;
        notes?: string;
      }) =>
        tx.agreement.create({
          data: {
            universityId: universities[data.university]!.id,
            facilityRole: data.role ?? "collegata",
            startDate: on(data.start),
            endDate: on(data.end),
            signedOn: data.signed === null ? null : on(data.signed ?? data.start - 20),
            terminatedOn: data.terminated === undefined ? null : on(data.terminated),
            terminationReason: data.reason ?? null,
            renewsId: data.renews ?? null,
            notes: data.notes ?? null,
            programmes: { create: coverageOf(universities[data.university]!.id) },
          },
          select: { id: true },
        });
      await agreement({
        university: 0,
        start: -700,
        end: 1100,
        notes: "Convenzione quadro per la rete formativa delle scuole di area medica.",
      });
      const bicocca = await agreement({ university: 1, start: -1780, end: 45, notes: "In scadenza: rinnovo in firma presso l'ateneo." });
      await agreement({ university: 1, start: 46, end: 46 + 1825, signed: null, renews: bicocca.id });
      const pavia = await agreement({ university: 2, role: "complementare", start: -1845, end: -20 });
      await agreement({
        university: 2,
        role: "complementare",
        start: 10,
        end: 10 + 1825,
        signed: null,
        renews: pavia.id,
        notes: "Bozza in attesa del parere dell'osservatorio regionale.",
      });
      await agreement({
        university: 3,
        start: -900,
        end: 900,
        terminated: -60,
        reason: "Recesso dell'ateneo per riorganizzazione della rete formativa.",
      });
      await agreement({ university: 4, role: "complementare", start: -300, end: 1500 });
      const brescia = await agreement({ university: 5, start: -1795, end: 29 });
      await agreement({ university: 5, start: 30, end: 30 + 1825, signed: -5, renews: brescia.id });

      // Rotations past, present and future, kept only where the seven rules allow them (prisma/demo-rotations.ts).
      const { placed, stays, staff, coverage } = await placeRotations(tx, today);

      // Later changes break a few of those rotations, as happens in real life: the dashboard lists them.
      const demoResident = await tx.resident.findUniqueOrThrow({ where: { userId: residentUser.id }, select: { id: true } });
      const sanRaffaele = await tx.agreement.findFirstOrThrow({ where: { universityId: universities[4]!.id }, select: { id: true } });
      const broken = await breakByLaterChanges(tx, {
        today,
        actorId: admin.id,
        placed,
        stays,
        departments: staff,
        coverage,
        agreementId: sanRaffaele.id,
        // The demo accounts' own days stay as they are: the demo tutor's departments and residents, the demo resident.
        spare: {
          departmentIds: new Set(departments.slice(0, 2).map((d) => d.id)),
          residentIds: new Set([demoResident.id, ...stays.filter((s) => s.tutorId === tutorUser.id).map((s) => s.id)]),
        },
      });

      // A year of teaching with its attendance, once the rotations and stays are final.
      const teaching = await seedTeaching(tx, {
        now,
        today,
        departmentNames: DEPARTMENTS.map(([name]) => name),
        demoTutorId: tutorUser.id,
        demoResidentId: demoResident.id,
        oncologyId: oncology.id,
      });

      // A year of logbooks, certified month by month (prisma/demo-logbook.ts).
      const logbooks = await seedLogbooks(tx, { today, demoResidentId: demoResident.id, programmes });

      // A year of evaluations both ways, the closed period's residents' answers released (prisma/demo-evaluations.ts).
      const evaluations = await seedEvaluations(tx, { today, demoTutorId: tutorUser.id, demoResidentId: demoResident.id });

      // Personal leave taken, approved ahead and waiting for the demo tutor and the administrators (prisma/demo-absences.ts).
      const absences = await seedAbsences(tx, { today, demoTutorId: tutorUser.id, demoResidentId: demoResident.id, adminId: admin.id });

      // Training calendars from each contract's start, last year's round decided, a maternity leave and an illness (prisma/demo-progression.ts).
      const progression = await seedProgression(tx, { today, adminId: admin.id, demoResidentId: demoResident.id });

      // What the portal has already told the demo accounts: the bell has something to show (prisma/demo-notifications.ts).
      const notifications = await seedNotifications(tx, {
        now,
        today,
        adminId: admin.id,
        tutorId: tutorUser.id,
        residentUserId: residentUser.id,
        residentId: demoResident.id,
        agreements: { endingSoon: brescia.id, ending: bicocca.id, expired: pavia.id },
        broken,
      });

      return {
        ...logbooks,
        ...evaluations,
        ...absences,
        ...progression,
        notifications,
        rotations: placed.length,
        broken,
        ...teaching,
        agreements: 9,
        universities: universities.length,
        programmes: programmes.length,
        departments: departments.length,
        tutors: tutors.length,
        residents,
        admins: 2,
      };
    },
    { timeout: 120_000 },
  );
}
