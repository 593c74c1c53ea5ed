import { fakerIT as faker } from "@faker-js/faker";
import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { findBrokenRotations, type BrokenRotationsInput } from "~/domain/broken-rotations";
import { addDays, daysBetween, hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { rotationProblems } from "~/domain/rotation-rules";
import { expectedAttendees, sessionEnd } from "~/domain/teaching";
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

export type DemoSummary = Record<
  "universities" | "programmes" | "departments" | "tutors" | "residents" | "admins" | "agreements" | "rotations" | "broken" | "teachingSessions" | "attendanceMarks" | "unconfirmedSessions",
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

      // A year of teaching with its attendance, once the rotations and stays are final.
      const teaching = await seedTeaching(tx, { now, today, demoTutorId: tutorUser.id, demoResidentId: demoResident.id, oncologyId: oncology.id });

      return {
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

// ─── Teaching ────────────────────────────────────────────────────────────────────────────────────

/** What each department teaches, in the words its tutors would put on the programme. */
const TEACHING_TOPICS: Record<string, string[]> = {
  "Oncologia Medica 1": ["immunoterapia nel NSCLC", "carcinoma mammario HER2-positivo", "tossicità da inibitori dei checkpoint", "carcinoma del colon-retto metastatico", "biopsia liquida nella pratica clinica", "terapia adiuvante nel melanoma"],
  "Oncologia Medica 2": ["carcinoma della prostata resistente alla castrazione", "tumori neuroendocrini", "sarcomi dei tessuti molli", "prima linea nel carcinoma renale", "carcinoma ovarico e PARP-inibitori", "valutazione geriatrica in oncologia"],
  "Oncologia Medica Toraco-Polmonare": ["mutazioni di EGFR e ALK nel NSCLC", "mesotelioma pleurico", "microcitoma polmonare", "immunoterapia neoadiuvante", "screening con TC a basse dosi"],
  "Radioterapia Oncologica": ["radioterapia stereotassica delle metastasi cerebrali", "ipofrazionamento nel carcinoma mammario", "indicazioni alla protonterapia", "tossicità acute e tardive", "contornamento degli organi a rischio"],
  "Ematologia e Trapianto di Midollo": ["linfomi diffusi a grandi cellule B", "selezione dei pazienti per le CAR-T", "mieloma multiplo", "leucemia mieloide acuta", "malattia del trapianto contro l'ospite"],
  "Anatomia Patologica": ["classificazione WHO dei tumori polmonari", "immunoistochimica predittiva", "patologia molecolare e NGS", "esame estemporaneo intraoperatorio", "valutazione e refertazione di PD-L1"],
  "Radiologia Diagnostica e Interventistica": ["criteri RECIST e iRECIST", "RM multiparametrica della prostata", "radiologia interventistica epatica", "stadiazione TC del carcinoma gastrico", "mammografia con mezzo di contrasto"],
  "Medicina Nucleare": ["PET/TC con FDG nella stadiazione", "PET con PSMA nel carcinoma prostatico", "terapia radiometabolica con lutezio", "biopsia del linfonodo sentinella", "dosimetria in terapia radiometabolica"],
  "Chirurgia Generale Oncologica": ["chirurgia del carcinoma gastrico", "resezioni epatiche per metastasi", "percorsi ERAS", "chirurgia del pancreas", "carcinosi peritoneale e HIPEC"],
  "Chirurgia Toracica": ["lobectomia VATS", "chirurgia robotica del polmone", "gestione delle perdite aeree", "timomi e carcinomi timici", "resezioni bronchiali a manicotto"],
  "Ginecologia Oncologica": ["classificazione molecolare del carcinoma dell'endometrio", "citoriduzione nel carcinoma ovarico", "carcinoma della cervice uterina", "preservazione della fertilità", "linfonodo sentinella in ginecologia"],
  Urologia: ["cistectomia radicale", "prostatectomia robotica", "tumori del testicolo", "carcinoma uroteliale delle alte vie", "sorveglianza attiva nel carcinoma prostatico"],
  "Otorinolaringoiatria e Chirurgia Cervico-Facciale": ["carcinomi del cavo orale", "chirurgia transorale robotica", "tumori delle ghiandole salivari", "HPV e carcinoma orofaringeo", "ricostruzione con lembi liberi"],
  "Chirurgia Plastica Ricostruttiva": ["ricostruzione mammaria con lembi autologhi", "lembi microchirurgici", "complicanze in chirurgia ricostruttiva", "chirurgia del linfedema", "ricostruzione dopo resezione di sarcoma"],
  "Dermatologia Oncologica": ["dermoscopia del melanoma", "carcinomi cutanei non melanoma", "tossicità cutanee delle terapie oncologiche", "linfomi cutanei", "follow-up del melanoma"],
  "Anestesia, Rianimazione e Terapia del Dolore": ["vie aeree difficili", "dolore oncologico", "anestesia in chirurgia toracica", "sepsi nel paziente oncologico", "blocchi nervosi ecoguidati"],
  "Cure Palliative e Hospice": ["comunicazione delle cattive notizie", "sedazione palliativa", "gestione della dispnea", "pianificazione condivisa delle cure", "rotazione e titolazione degli oppioidi"],
  "Gastroenterologia ed Endoscopia Digestiva": ["ecoendoscopia nel carcinoma pancreatico", "dissezione endoscopica sottomucosa", "sorveglianza dell'esofago di Barrett", "colangiocarcinoma", "tossicità gastrointestinali"],
  "Pneumologia Oncologica": ["broncoscopia interventistica", "EBUS-TBNA", "versamento pleurico maligno", "polmonite da immunoterapia", "gestione dei noduli polmonari"],
  "Medicina Interna Oncologica": ["tromboembolismo venoso nel paziente oncologico", "ipercalcemia", "neutropenia febbrile", "sindrome da lisi tumorale", "iponatriemia"],
  "Oncologia Pediatrica": ["neuroblastoma", "tumori cerebrali in età pediatrica", "leucemia linfoblastica acuta", "sarcomi dell'età pediatrica", "transizione all'età adulta"],
  "Genetica Medica e Oncologia Predittiva": ["consulenza genetica per BRCA1 e BRCA2", "sindrome di Lynch", "test genomici somatici e germinali", "varianti di significato incerto", "sorveglianza dei portatori"],
  "Laboratorio di Patologia Clinica": ["uso appropriato dei marcatori tumorali", "citofluorimetria", "aspetti tecnici della biopsia liquida", "controllo di qualità", "DNA tumorale circolante"],
  "Farmacia Ospedaliera": ["farmaci biosimilari", "allestimento degli antiblastici", "interazioni farmacologiche", "farmacovigilanza", "uso compassionevole dei farmaci"],
};
const GRAND_ROUNDS = ["gestione delle tossicità da immunoterapia", "il paziente anziano fragile", "infezioni nel paziente immunodepresso", "nutrizione clinica in oncologia", "sperimentazioni di fase I", "medicina di precisione", "consenso informato e scelte di fine vita", "dolore oncologico"];
const SIMULATIONS = ["gestione delle vie aeree difficili", "arresto cardiaco in reparto", "emergenze in sala operatoria", "reazioni da infusione di chemioterapici", "posizionamento ecoguidato di accessi venosi centrali"];
const CASE_DISCUSSIONS = ["carcinoma mammario", "tumori del polmone", "tumori del colon-retto", "tumori ginecologici", "tumori urologici", "linfomi", "tumori testa-collo", "melanoma"];
const PLACES = ["Aula Magna", "Aula 1 – Edificio didattico", "Aula 2 – Edificio didattico", "Sala riunioni, Padiglione A, 3° piano", "Sala riunioni, Padiglione B, 1° piano", "Biblioteca medica"];
const CANCEL_REASONS = ["Relatore indisponibile per urgenza clinica.", "Sovrapposizione con il congresso nazionale della società scientifica.", "Aula non disponibile: lavori di manutenzione.", "Rinviata su richiesta degli specializzandi per la sessione d'esame."];
const CORRECTION_REASON = "Firma presente sul foglio cartaceo, non riportata al momento della conferma.";

type TeachingPlan = {
  id: string;
  title: string;
  type: string;
  date: Date;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  link: string | null;
  departmentId: string;
  seriesId: string | null;
  programmeIds: string[];
  /** The lead first. */
  tutorIds: string[];
  cancelReason: string | null;
};

/** Summer and Christmas breaks and national holidays: no teaching. */
function teachingHoliday(day: Date): boolean {
  const month = day.getUTCMonth() + 1;
  const date = day.getUTCDate();
  const mmdd = `${month}-${date}`;
  return (month === 12 && date >= 22) || (month === 1 && date <= 6) || (month === 8 && date >= 5 && date <= 25) || ["4-25", "5-1", "6-2", "11-1", "12-8"].includes(mmdd);
}

async function createInChunks<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await create(rows.slice(i, i + size));
}

/**
 * A year of teaching, and two months ahead: every department's tutors give a weekly or fortnightly
 * journal club or lecture and a monthly case discussion or bedside teaching; the departments take turns
 * at a monthly grand round; the surgeons and anaesthetists run a few simulations. Each session is for
 * one to three programmes of the residents rotating in its department; a few are cancelled. Sessions
 * that have ended have attendance for every resident expected (mostly present, some absent, a few
 * excused), confirmed except for the most recent few, two of them the demo tutor's; the demo tutor
 * corrected two confirmed sheets later, with a reason.
 */
async function seedTeaching(
  tx: Prisma.TransactionClient,
  ctx: { now: Date; today: Date; demoTutorId: string; demoResidentId: string; oncologyId: string },
): Promise<{ teachingSessions: number; attendanceMarks: number; unconfirmedSessions: number }> {
  const { now, today, demoTutorId, demoResidentId } = ctx;
  const from = addDays(today, -365);
  const until = addDays(today, 61);
  const [departments, residents, rotations] = await Promise.all([
    tx.department.findMany({ select: { id: true, name: true, tutors: { select: { userId: true }, orderBy: { userId: "asc" } } }, orderBy: { name: "asc" } }),
    tx.resident.findMany({ select: { id: true, programmeId: true, stayStart: true, stayEnd: true, user: { select: { name: true } } }, orderBy: { studentNumber: "asc" } }),
    tx.rotation.findMany({ where: { state: { not: "cancelled" } }, select: { residentId: true, departmentId: true, startDate: true, endDate: true, state: true, resident: { select: { programmeId: true } } } }),
  ]);
  // The order of DEPARTMENTS, so that the demo tutor's two units come first.
  const ordered = DEPARTMENTS.map(([name]) => departments.find((d) => d.name === name)!).filter(Boolean);
  const plans: TeachingPlan[] = [];
  const plan = (p: Omit<TeachingPlan, "id" | "cancelReason" | "place" | "link"> & { place?: string | null; link?: string | null }) => {
    if (teachingHoliday(p.date) || p.date < from || p.date > until) return;
    const cancelled = faker.number.float() < 0.03;
    plans.push({ place: null, link: null, ...p, id: randomUUID(), cancelReason: cancelled ? faker.helpers.arrayElement(CANCEL_REASONS) : null });
  };
  const firstOnOrAfter = (day: Date, weekday: number) => addDays(day, (weekday - day.getUTCDay() + 7) % 7);
  const months = Array.from({ length: 15 }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)));

  for (const [index, department] of ordered.entries()) {
    const staff = department.tutors.map((t) => t.userId);
    // The demo tutor leads the journal club of the first oncology unit and the case discussions of the second.
    const lead = index === 0 ? demoTutorId : (staff.find((id) => id !== demoTutorId) ?? staff[0]!);
    const others = staff.filter((id) => id !== lead);
    const coTutors = () => (others.length && faker.number.float() < 0.25 ? [faker.helpers.arrayElement(others)] : []);
    // The programmes of the residents who rotate here most, one to three of them.
    const counts = new Map<string, number>();
    for (const r of rotations) if (r.departmentId === department.id) counts.set(r.resident.programmeId, (counts.get(r.resident.programmeId) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
    // The oncology units teach the demo resident's school first.
    if (index < 2) ranked.splice(0, ranked.length, ctx.oncologyId, ...ranked.filter((id) => id !== ctx.oncologyId));
    const programmeIds = () => {
      const take = faker.number.int({ min: 1, max: 3 });
      return ranked.length ? ranked.slice(0, take) : [ctx.oncologyId];
    };
    const topics = TEACHING_TOPICS[department.name] ?? ["aggiornamenti clinici"];
    const forSeries = programmeIds();

    // A weekly (or, in the smaller units, fortnightly) journal club or lecture.
    const journal = index % 2 === 0;
    const step = index < 2 || index % 3 !== 2 ? 7 : 14;
    const weekday = (index % 5) + 1;
    const seriesId = randomUUID();
    const online = index % 4 === 3;
    const length = journal ? faker.helpers.arrayElement([45, 60]) : faker.helpers.arrayElement([60, 90, 120]);
    let n = 0;
    for (let day = firstOnOrAfter(from, weekday); day <= until; day = addDays(day, step)) {
      const topic = topics[n++ % topics.length]!;
      plan({
        title: journal ? `Journal club: ${topic}` : `Lezione: ${topic}`,
        type: journal ? "journal-club" : "lecture",
        date: day,
        startTime: journal ? ["08:00", "08:30", "13:00"][index % 3]! : ["14:00", "16:30", "15:00"][index % 3]!,
        durationMinutes: length,
        place: online ? null : PLACES[index % PLACES.length]!,
        link: online ? `https://meet.example.org/didattica-${index + 1}` : null,
        departmentId: department.id,
        seriesId,
        programmeIds: forSeries,
        tutorIds: [lead, ...coTutors()],
      });
    }

    // Once a month: a multidisciplinary case discussion or bedside teaching, on the second Wednesday.
    for (const [m, month] of months.entries()) {
      const bedside = (index + m) % 3 === 0;
      const topic = bedside ? topics[(m + 2) % topics.length]! : CASE_DISCUSSIONS[(index + m) % CASE_DISCUSSIONS.length]!;
      const monthlyLead = index === 1 ? demoTutorId : lead;
      plan({
        title: bedside ? `Didattica al letto del paziente: ${topic}` : `Discussione multidisciplinare: ${topic}`,
        type: bedside ? "bedside" : "case-discussion",
        date: addDays(firstOnOrAfter(month, 3), 7),
        startTime: bedside ? "10:00" : "15:00",
        durationMinutes: bedside ? faker.helpers.arrayElement([60, 90]) : faker.helpers.arrayElement([90, 120]),
        place: bedside ? `${department.name}, sala medici` : PLACES[(index + m) % PLACES.length]!,
        departmentId: department.id,
        seriesId: null,
        programmeIds: programmeIds(),
        tutorIds: [monthlyLead, ...staff.filter((id) => id !== monthlyLead).slice(0, faker.number.int({ min: 0, max: 1 }))],
      });
    }
  }

  // A grand round on the last Friday of each month, hosted by the departments in turn, for three programmes.
  const allProgrammes = [...new Set(residents.map((r) => r.programmeId))].sort();
  for (const [m, month] of months.entries()) {
    const host = ordered[(m * 5) % ordered.length]!;
    const nextMonth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const lastFriday = firstOnOrAfter(addDays(nextMonth, -7), 5);
    plan({
      title: `Grand round: ${GRAND_ROUNDS[m % GRAND_ROUNDS.length]}`,
      type: "grand-round",
      date: lastFriday,
      startTime: "12:30",
      durationMinutes: faker.helpers.arrayElement([60, 75, 90]),
      place: "Aula Magna",
      departmentId: host.id,
      seriesId: null,
      programmeIds: faker.helpers.arrayElements(allProgrammes, 3),
      tutorIds: [host.tutors[0]!.userId, ...(host.tutors[1] ? [host.tutors[1].userId] : [])],
    });
  }

  // A few simulations, every seven weeks or so, in anaesthesia and general surgery.
  const simulators = ordered.filter((d) => d.name.startsWith("Anestesia") || d.name.startsWith("Chirurgia Generale"));
  for (let i = 0, day = firstOnOrAfter(addDays(from, 20), 4); day <= until; i++, day = addDays(day, 49)) {
    const host = simulators[i % simulators.length]!;
    plan({
      title: `Simulazione: ${SIMULATIONS[i % SIMULATIONS.length]}`,
      type: "simulation",
      date: day,
      startTime: "09:00",
      durationMinutes: 180,
      place: "Centro di simulazione, piano -1",
      departmentId: host.id,
      seriesId: null,
      programmeIds: [...new Set(rotations.filter((r) => r.departmentId === host.id).map((r) => r.resident.programmeId))].sort().slice(0, 2),
      tutorIds: host.tutors.map((t) => t.userId).slice(0, 2),
    });
  }

  // Attendance: for every session that has ended and was not cancelled, the residents expected that day.
  const ends = new Map(plans.map((p) => [p.id, sessionEnd(p)]));
  const ended = plans.filter((p) => !p.cancelReason && ends.get(p.id)! <= now).sort((a, b) => ends.get(b.id)!.getTime() - ends.get(a.id)!.getTime());
  const demoOpen = ended.filter((p) => p.tutorIds.includes(demoTutorId)).slice(0, 2);
  const othersOpen = ended.filter((p) => !p.tutorIds.includes(demoTutorId)).slice(0, 5);
  const unconfirmed = new Set([...demoOpen, ...othersOpen].map((p) => p.id));
  // Two of them are drafts, half marked; the others have not been started.
  const drafts = new Set([demoOpen[1]?.id, othersOpen[0]?.id].filter(Boolean));

  const people = residents.map((r) => ({ ...r, name: r.user.name }));
  const rotationsIn = new Map<string, typeof rotations>();
  for (const r of rotations) rotationsIn.set(r.departmentId, [...(rotationsIn.get(r.departmentId) ?? []), r]);
  const attendance: Prisma.AttendanceCreateManyInput[] = [];
  const audits: Prisma.AuditEventCreateManyInput[] = [];
  const confirmation = new Map<string, { confirmedAt: Date; confirmedById: string }>();
  let demoResidentSessions = 0;
  for (const p of [...ended].reverse()) {
    const expected = expectedAttendees({ day: p.date, programmeIds: p.programmeIds, departmentIds: [p.departmentId], residents: people, rotations: rotationsIn.get(p.departmentId) ?? [] });
    const open = unconfirmed.has(p.id);
    if (open && !drafts.has(p.id)) continue;
    const marked = open ? expected.slice(0, Math.ceil(expected.length / 2)) : expected;
    const confirmedAt = open ? null : new Date(Math.min(ends.get(p.id)!.getTime() + faker.number.int({ min: 1, max: 30 }) * 3_600_000, now.getTime()));
    const markedAt = confirmedAt ?? new Date(Math.min(ends.get(p.id)!.getTime() + 3_600_000, now.getTime()));
    const marks = marked.map((r) => {
      let status: string;
      if (r.id === demoResidentId) {
        demoResidentSessions++;
        status = demoResidentSessions % 9 === 4 ? "absent" : demoResidentSessions % 17 === 8 ? "excused" : "present";
      } else {
        const draw = faker.number.float();
        status = draw < 0.84 ? "present" : draw < 0.94 ? "absent" : "excused";
      }
      return { residentId: r.id, status };
    });
    const lead = p.tutorIds[0]!;
    const changes = Object.fromEntries(marks.map((m) => [m.residentId, [null, m.status]]));
    if (marks.length || !open) audits.push({
      actorId: lead,
      action: open ? "mark" : "confirm",
      entityType: "attendance",
      entityId: p.id,
      at: markedAt,
      changes: JSON.stringify(open ? changes : { ...changes, confirmedAt: [null, confirmedAt!.toISOString()] }),
    });
    if (confirmedAt) confirmation.set(p.id, { confirmedAt, confirmedById: lead });
    for (const m of marks) attendance.push({ sessionId: p.id, residentId: m.residentId, status: m.status, markedAt, markedById: lead });
  }

  // Two corrections by the demo tutor, a month or more ago: someone marked absent had signed in after all.
  const confirmedByDemo = new Set([...confirmation].filter(([, c]) => c.confirmedById === demoTutorId).map(([id]) => id));
  const corrections = attendance
    .filter((a) => confirmedByDemo.has(a.sessionId) && a.status === "absent" && a.residentId !== demoResidentId && (a.markedAt as Date) < addDays(today, -30))
    .filter((a, i, all) => all.findIndex((b) => b.sessionId === a.sessionId) === i)
    .slice(-2);
  for (const a of corrections) {
    const at = new Date((a.markedAt as Date).getTime() + 2 * 86_400_000);
    a.status = "present";
    a.markedAt = at;
    audits.push({ actorId: demoTutorId, action: "correct", entityType: "attendance", entityId: a.sessionId, at, changes: JSON.stringify({ [a.residentId]: ["absent", "present"], reason: [null, CORRECTION_REASON] }) });
  }

  await createInChunks(plans, (chunk) =>
    tx.teachingSession.createMany({
      data: chunk.map((p) => ({
        id: p.id,
        title: p.title,
        type: p.type,
        date: p.date,
        startTime: p.startTime,
        durationMinutes: p.durationMinutes,
        place: p.place,
        link: p.link,
        departmentId: p.departmentId,
        seriesId: p.seriesId,
        cancelledAt: p.cancelReason ? addDays(p.date, -faker.number.int({ min: 1, max: 6 })) : null,
        cancelReason: p.cancelReason,
        confirmedAt: confirmation.get(p.id)?.confirmedAt ?? null,
        confirmedById: confirmation.get(p.id)?.confirmedById ?? null,
        createdById: p.tutorIds[0]!,
        createdAt: addDays(p.date, -30) < now ? addDays(p.date, -30) : now,
      })),
    }),
  );
  await createInChunks(
    plans.flatMap((p) => [...new Set(p.tutorIds)].map((userId, i) => ({ sessionId: p.id, userId, lead: i === 0 }))),
    (chunk) => tx.teachingTutor.createMany({ data: chunk }),
  );
  await createInChunks(
    plans.flatMap((p) => [...new Set(p.programmeIds)].map((programmeId) => ({ sessionId: p.id, programmeId }))),
    (chunk) => tx.teachingProgramme.createMany({ data: chunk }),
  );
  await createInChunks(attendance, (chunk) => tx.attendance.createMany({ data: chunk }));
  await createInChunks(audits, (chunk) => tx.auditEvent.createMany({ data: chunk }));

  return { teachingSessions: plans.length, attendanceMarks: attendance.length, unconfirmedSessions: unconfirmed.size };
}
