import { fakerIT as faker } from "@faker-js/faker";
import { hashPassword } from "~/auth/password.server";
import { findBrokenRotations, type BrokenRotationsInput } from "~/domain/broken-rotations";
import { addDays, daysBetween, hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { rotationProblems } from "~/domain/rotation-rules";
import { SPECIALTIES } from "~/domain/specialties";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";

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

export type DemoSummary = Record<"universities" | "programmes" | "departments" | "tutors" | "residents" | "admins" | "agreements" | "rotations" | "broken", number>;

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
            insuranceExpiry: addDays(stayEnd, faker.number.int({ min: -30, max: 120 })),
          },
        });
        residents++;
      }

      // Agreements in every status (DOMAIN.md): one chain per university.
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

      return {
        rotations: placed.length,
        broken,
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

type Placed = { id: string; residentId: string; departmentId: string; programmeId: string; startDate: Date; endDate: Date };
type Judged = Placed & { tutorId: string | null; state: string };

/**
 * Later changes (DOMAIN.md: "a few deliberately broken by a later change"). After the plan is made, an
 * administrator lowers a department's capacity below the residents it hosts on some day, a university
 * shortens a resident's stay so that their last rotation runs past it, and another university withdraws
 * early from its agreement, leaving its last rotation uncovered. Each change is written as the portal
 * writes it, with its audit event, and chosen (deterministically) so that only a few rotations break.
 * Returns how many rotations now break the rules.
 */
async function breakByLaterChanges(
  tx: Prisma.TransactionClient,
  ctx: {
    today: Date;
    actorId: string;
    placed: Placed[];
    stays: Array<{ id: string; programmeId: string; stayStart: Date; stayEnd: Date }>;
    departments: Array<{ id: string; name: string; capacity: number; tutors: Array<{ userId: string }> }>;
    coverage: Array<{ programmeId: string; posts: number; agreement: { id: string; startDate: Date; endDate: Date; signedOn: Date | null; terminatedOn: Date | null } }>;
    agreementId: string;
    spare: { departmentIds: Set<string>; residentIds: Set<string> };
  },
): Promise<number> {
  const { today, actorId, spare } = ctx;
  // The tutor is left out of the judgement: no change here moves a tutor, and every placed rotation has a staff tutor.
  const rotations: Judged[] = ctx.placed.map((r) => ({ ...r, tutorId: null, state: "planned" }));
  const residents = ctx.stays.map((s) => ({ ...s }));
  const departments = ctx.departments.map((d) => ({ id: d.id, name: d.name, capacity: d.capacity, tutorIds: d.tutors.map((t) => t.userId) }));
  const coverage = ctx.coverage.map((c) => ({ ...c, agreement: { ...c.agreement } }));
  const judge = (over: Partial<BrokenRotationsInput<Judged>> = {}) => findBrokenRotations({ today, rotations, residents, departments, coverage, ...over });
  const spared = (broken: ReturnType<typeof judge>) => broken.every((b) => !spare.residentIds.has(b.rotation.residentId));

  // 1. A capacity lowered: the first department (by name) where one place less breaks two or three rotations.
  for (const department of departments.filter((d) => !spare.departmentIds.has(d.id)).sort((a, b) => a.name.localeCompare(b.name))) {
    const own = rotations.filter((r) => r.departmentId === department.id);
    let chosen: number | null = null;
    for (let capacity = department.capacity - 1; capacity >= 1 && chosen === null; capacity--) {
      const broken = judge({ rotations: own, departments: [{ ...department, capacity }] });
      if (broken.length === 0) continue;
      if (broken.length <= 3 && broken.length >= 2 && spared(broken)) chosen = capacity;
      break;
    }
    if (chosen === null) continue;
    await tx.department.update({ where: { id: department.id }, data: { capacity: chosen } });
    await recordAudit(tx, { actorId, action: "update", entityType: "department", entityId: department.id, before: { capacity: department.capacity }, after: { capacity: chosen } });
    department.capacity = chosen;
    break;
  }

  // 2. A stay shortened: halfway through the resident's last rotation, a month or more away.
  const touched = new Set(judge().map((b) => b.rotation.residentId));
  for (const stay of residents) {
    if (spare.residentIds.has(stay.id) || touched.has(stay.id)) continue;
    const last = rotations.filter((r) => r.residentId === stay.id).sort((a, b) => a.startDate.getTime() - b.startDate.getTime()).at(-1);
    if (!last || last.startDate < addDays(today, 30)) continue;
    const length = daysBetween(last.startDate, last.endDate);
    if (length < 30) continue;
    const stayEnd = addDays(last.startDate, Math.floor(length / 2));
    await tx.resident.update({ where: { id: stay.id }, data: { stayEnd } });
    await recordAudit(tx, { actorId, action: "update", entityType: "resident", entityId: stay.id, before: { stayEnd: stay.stayEnd }, after: { stayEnd } });
    stay.stayEnd = stayEnd;
    break;
  }

  // 3. An agreement terminated early: its last day set just before the end of its last rotation or two.
  const already = new Set(judge().map((b) => b.rotation.id));
  const covered = new Set(coverage.filter((c) => c.agreement.id === ctx.agreementId).map((c) => c.programmeId));
  const ends = rotations
    .filter((r) => covered.has(r.programmeId) && r.endDate >= today && !spare.residentIds.has(r.residentId))
    .map((r) => r.endDate)
    .sort((a, b) => b.getTime() - a.getTime());
  for (const end of ends.slice(1)) {
    // The end of a rotation, rounded up to a whole day: that rotation stays covered, the later ones do not.
    const midnight = parseIsoDate(toIsoDate(end))!;
    const lastDay = midnight < end ? addDays(midnight, 1) : midnight;
    if (lastDay < addDays(today, 30)) break;
    const trial = coverage.map((c) => (c.agreement.id === ctx.agreementId ? { ...c, agreement: { ...c.agreement, terminatedOn: lastDay } } : c));
    const newly = judge({ coverage: trial }).filter((b) => !already.has(b.rotation.id));
    if (newly.length === 0) continue;
    if (newly.length > 2 || !spared(newly)) break;
    const terminationReason = "Recesso anticipato comunicato dall'ateneo per la riorganizzazione della rete formativa.";
    await tx.agreement.update({ where: { id: ctx.agreementId }, data: { terminatedOn: lastDay, terminationReason } });
    await recordAudit(tx, {
      actorId,
      action: "terminate",
      entityType: "agreement",
      entityId: ctx.agreementId,
      before: { terminatedOn: null, terminationReason: null },
      after: { terminatedOn: lastDay, terminationReason },
    });
    coverage.splice(0, coverage.length, ...trial);
    break;
  }

  return judge().length;
}
