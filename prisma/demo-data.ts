import { fakerIT as faker } from "@faker-js/faker";
import { hashPassword } from "~/auth/password.server";
import { addDays, hospitalToday } from "~/domain/dates";
import { rotationProblems } from "~/domain/rotation-rules";
import { SPECIALTIES } from "~/domain/specialties";
import type { PrismaClient } from "~/generated/prisma/client";

/**
 * The demo hospital: an Italian cancer research hospital hosting programmes of six universities, with
 * invented people only. Deterministic (fixed faker seed) so screenshots and tests see the same data.
 */
export const DEMO_PASSWORD = "Demo-Portal-1";
export const DEMO_ACCOUNTS = {
  admin: "admin@example.org",
  tutor: "tutor@example.org",
  resident: "resident@example.org",
} as const;

const UNIVERSITIES = [
  { name: "Università degli Studi di Milano", shortName: "UNIMI", city: "Milano", office: "Ufficio Scuole di Specializzazione di Area Sanitaria" },
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

const DAY = 24 * 60 * 60 * 1000;

function emailFor(first: string, last: string, used: Set<string>, domain: string): string {
  const base = `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z.]/g, "");
  let email = `${base}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
  used.add(email);
  return email;
}

export type DemoSummary = Record<"universities" | "programmes" | "departments" | "tutors" | "residents" | "admins" | "agreements" | "rotations", number>;

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<DemoSummary> {
  faker.seed(2026);
  const used = new Set<string>(Object.values(DEMO_ACCOUNTS));
  const demoHash = await hashPassword(DEMO_PASSWORD);
  // Invented colleagues get a password nobody knows; a few are left waiting for their first sign-in.
  const unknownHash = await hashPassword(faker.string.alphanumeric(40));

  return prisma.$transaction(
    async (tx) => {
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
        const picks = faker.helpers.arrayElements(SPECIALTIES.slice(), count);
        // The first university always hosts medical oncology (the resident demo account's school).
        if (index === 0 && !picks.some((s) => s.code === "oncologia-medica")) picks[0] = SPECIALTIES[0]!;
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
            data: { ...person("istituto-demo.it"), passwordHash: i < 3 ? null : unknownHash, createdById: admin.id, roles: { create: [{ role: "tutor" }] } },
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
          stayStart: new Date(now.getTime() - 120 * DAY),
          stayEnd: new Date(now.getTime() + 240 * DAY),
          tutorId: tutorUser.id,
          insurancePolicy: "RC-2026-004127",
          insuranceExpiry: new Date(now.getTime() + 300 * DAY),
        },
      });
      let residents = 1;
      for (let i = 0; i < 219; i++) {
        const programme = faker.helpers.arrayElement(programmes);
        const offset = faker.number.int({ min: -500, max: 200 });
        const length = faker.number.int({ min: 90, max: 365 });
        const stayStart = new Date(now.getTime() + offset * DAY);
        const stayEnd = new Date(stayStart.getTime() + length * DAY);
        const user = await tx.user.create({
          data: { ...person("studenti.example.it"), passwordHash: unknownHash, createdById: admin.id, roles: { create: [{ role: "resident" }] } },
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
            insuranceExpiry: new Date(stayEnd.getTime() + faker.number.int({ min: -30, max: 120 }) * DAY),
          },
        });
        residents++;
      }

      // Agreements in every status (DOMAIN.md): one chain per university.
      const today = hospitalToday(now);
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
      await agreement({ university: 0, start: -700, end: 1100, notes: "Convenzione quadro per la rete formativa delle scuole di area medica." });
      const bicocca = await agreement({ university: 1, start: -1780, end: 45, notes: "In scadenza: rinnovo in firma presso l'ateneo." });
      await agreement({ university: 1, start: 46, end: 46 + 1825, signed: null, renews: bicocca.id });
      const pavia = await agreement({ university: 2, role: "complementare", start: -1845, end: -20 });
      await agreement({ university: 2, role: "complementare", start: 10, end: 10 + 1825, signed: null, renews: pavia.id, notes: "Bozza in attesa del parere dell'osservatorio regionale." });
      await agreement({ university: 3, start: -900, end: 900, terminated: -60, reason: "Recesso dell'ateneo per riorganizzazione della rete formativa." });
      await agreement({ university: 4, role: "complementare", start: -300, end: 1500 });
      const brescia = await agreement({ university: 5, start: -1795, end: 29 });
      await agreement({ university: 5, start: 30, end: 30 + 1825, signed: -5, renews: brescia.id });

      // Rotations past, present and future, placed one after another through each resident's stay and
      // kept only where the six rules allow them: the demo never shows a rotation the portal would refuse.
      const staff = await tx.department.findMany({ select: { id: true, name: true, capacity: true, tutors: { select: { userId: true } } } });
      const coverage = await tx.agreementProgramme.findMany({
        select: { programmeId: true, posts: true, agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } } },
      });
      const stays = await tx.resident.findMany({ select: { id: true, programmeId: true, stayStart: true, stayEnd: true, tutorId: true }, orderBy: { studentNumber: "asc" } });
      const placed: Array<{ id: string; residentId: string; departmentId: string; programmeId: string; startDate: Date; endDate: Date }> = [];
      const overlapping = (r: { startDate: Date; endDate: Date }, start: Date, end: Date) => r.startDate <= end && start <= r.endDate;
      for (const stay of stays) {
        let start = stay.stayStart;
        while (start < stay.stayEnd) {
          const end = new Date(Math.min(addDays(start, faker.number.int({ min: 45, max: 100 })).getTime(), stay.stayEnd.getTime()));
          const preferred = stay.tutorId ? staff.filter((d) => d.tutors.some((t) => t.userId === stay.tutorId)) : [];
          // Residents move on: never twice in a row in the same department.
          const last = placed.findLast((r) => r.residentId === stay.id)?.departmentId;
          for (const department of [...preferred, ...faker.helpers.shuffle(staff).slice(0, 5)].filter((d) => d.id !== last)) {
            const tutorId = department.tutors.some((t) => t.userId === stay.tutorId) ? stay.tutorId : (department.tutors[0]?.userId ?? null);
            const problems = rotationProblems({
              candidate: { startDate: start, endDate: end, tutorId },
              resident: stay,
              residentRotations: placed.filter((r) => r.residentId === stay.id && overlapping(r, start, end)).map((r) => ({ ...r, departmentName: "" })),
              department: { capacity: department.capacity, tutorIds: department.tutors.map((t) => t.userId) },
              departmentRotations: placed.filter((r) => r.departmentId === department.id && overlapping(r, start, end)),
              agreements: coverage.filter((c) => c.programmeId === stay.programmeId).map((c) => ({ ...c.agreement, posts: c.posts })),
              programmeRotations: placed.filter((r) => r.programmeId === stay.programmeId && r.residentId !== stay.id && overlapping(r, start, end)),
            });
            if (problems.length > 0) continue;
            const rotation = await tx.rotation.create({
              data: { residentId: stay.id, departmentId: department.id, tutorId, startDate: start, endDate: end, state: end < today ? "confirmed" : start <= on(30) ? "confirmed" : "planned" },
              select: { id: true },
            });
            placed.push({ id: rotation.id, residentId: stay.id, departmentId: department.id, programmeId: stay.programmeId, startDate: start, endDate: end });
            break;
          }
          start = addDays(end, 1);
        }
      }

      return {
        rotations: placed.length,
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
