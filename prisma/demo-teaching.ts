import { fakerIT as faker } from "@faker-js/faker";
import { randomUUID } from "node:crypto";
import { addDays } from "~/domain/dates";
import { expectedAttendees, sessionEnd } from "~/domain/teaching";
import type { Prisma } from "~/generated/prisma/client";
import { appendAuditEvents, type AuditAppend } from "~/models/audit.server";

/**
 * The demo hospital's teaching (prisma/demo-data.ts calls seedTeaching last, inside its transaction and
 * with its seeded faker, once the rotations and stays are final): what each department teaches, where,
 * and a year of sessions with their attendance.
 */

/** What each department teaches, in the words its tutors would put on the programme. */
const TEACHING_TOPICS: Record<string, string[]> = {
  "Oncologia Medica 1": [
    "immunoterapia nel NSCLC",
    "carcinoma mammario HER2-positivo",
    "tossicità da inibitori dei checkpoint",
    "carcinoma del colon-retto metastatico",
    "biopsia liquida nella pratica clinica",
    "terapia adiuvante nel melanoma",
  ],
  "Oncologia Medica 2": [
    "carcinoma della prostata resistente alla castrazione",
    "tumori neuroendocrini",
    "sarcomi dei tessuti molli",
    "prima linea nel carcinoma renale",
    "carcinoma ovarico e PARP-inibitori",
    "valutazione geriatrica in oncologia",
  ],
  "Oncologia Medica Toraco-Polmonare": [
    "mutazioni di EGFR e ALK nel NSCLC",
    "mesotelioma pleurico",
    "microcitoma polmonare",
    "immunoterapia neoadiuvante",
    "screening con TC a basse dosi",
  ],
  "Radioterapia Oncologica": [
    "radioterapia stereotassica delle metastasi cerebrali",
    "ipofrazionamento nel carcinoma mammario",
    "indicazioni alla protonterapia",
    "tossicità acute e tardive",
    "contornamento degli organi a rischio",
  ],
  "Ematologia e Trapianto di Midollo": [
    "linfomi diffusi a grandi cellule B",
    "selezione dei pazienti per le CAR-T",
    "mieloma multiplo",
    "leucemia mieloide acuta",
    "malattia del trapianto contro l'ospite",
  ],
  "Anatomia Patologica": [
    "classificazione WHO dei tumori polmonari",
    "immunoistochimica predittiva",
    "patologia molecolare e NGS",
    "esame estemporaneo intraoperatorio",
    "valutazione e refertazione di PD-L1",
  ],
  "Radiologia Diagnostica e Interventistica": [
    "criteri RECIST e iRECIST",
    "RM multiparametrica della prostata",
    "radiologia interventistica epatica",
    "stadiazione TC del carcinoma gastrico",
    "mammografia con mezzo di contrasto",
  ],
  "Medicina Nucleare": [
    "PET/TC con FDG nella stadiazione",
    "PET con PSMA nel carcinoma prostatico",
    "terapia radiometabolica con lutezio",
    "biopsia del linfonodo sentinella",
    "dosimetria in terapia radiometabolica",
  ],
  "Chirurgia Generale Oncologica": [
    "chirurgia del carcinoma gastrico",
    "resezioni epatiche per metastasi",
    "percorsi ERAS",
    "chirurgia del pancreas",
    "carcinosi peritoneale e HIPEC",
  ],
  "Chirurgia Toracica": [
    "lobectomia VATS",
    "chirurgia robotica del polmone",
    "gestione delle perdite aeree",
    "timomi e carcinomi timici",
    "resezioni bronchiali a manicotto",
  ],
  "Ginecologia Oncologica": [
    "classificazione molecolare del carcinoma dell'endometrio",
    "citoriduzione nel carcinoma ovarico",
    "carcinoma della cervice uterina",
    "preservazione della fertilità",
    "linfonodo sentinella in ginecologia",
  ],
  Urologia: [
    "cistectomia radicale",
    "prostatectomia robotica",
    "tumori del testicolo",
    "carcinoma uroteliale delle alte vie",
    "sorveglianza attiva nel carcinoma prostatico",
  ],
  "Otorinolaringoiatria e Chirurgia Cervico-Facciale": [
    "carcinomi del cavo orale",
    "chirurgia transorale robotica",
    "tumori delle ghiandole salivari",
    "HPV e carcinoma orofaringeo",
    "ricostruzione con lembi liberi",
  ],
  "Chirurgia Plastica Ricostruttiva": [
    "ricostruzione mammaria con lembi autologhi",
    "lembi microchirurgici",
    "complicanze in chirurgia ricostruttiva",
    "chirurgia del linfedema",
    "ricostruzione dopo resezione di sarcoma",
  ],
  "Dermatologia Oncologica": [
    "dermoscopia del melanoma",
    "carcinomi cutanei non melanoma",
    "tossicità cutanee delle terapie oncologiche",
    "linfomi cutanei",
    "follow-up del melanoma",
  ],
  "Anestesia, Rianimazione e Terapia del Dolore": [
    "vie aeree difficili",
    "dolore oncologico",
    "anestesia in chirurgia toracica",
    "sepsi nel paziente oncologico",
    "blocchi nervosi ecoguidati",
  ],
  "Cure Palliative e Hospice": [
    "comunicazione delle cattive notizie",
    "sedazione palliativa",
    "gestione della dispnea",
    "pianificazione condivisa delle cure",
    "rotazione e titolazione degli oppioidi",
  ],
  "Gastroenterologia ed Endoscopia Digestiva": [
    "ecoendoscopia nel carcinoma pancreatico",
    "dissezione endoscopica sottomucosa",
    "sorveglianza dell'esofago di Barrett",
    "colangiocarcinoma",
    "tossicità gastrointestinali",
  ],
  "Pneumologia Oncologica": [
    "broncoscopia interventistica",
    "EBUS-TBNA",
    "versamento pleurico maligno",
    "polmonite da immunoterapia",
    "gestione dei noduli polmonari",
  ],
  "Medicina Interna Oncologica": [
    "tromboembolismo venoso nel paziente oncologico",
    "ipercalcemia",
    "neutropenia febbrile",
    "sindrome da lisi tumorale",
    "iponatriemia",
  ],
  "Oncologia Pediatrica": [
    "neuroblastoma",
    "tumori cerebrali in età pediatrica",
    "leucemia linfoblastica acuta",
    "sarcomi dell'età pediatrica",
    "transizione all'età adulta",
  ],
  "Genetica Medica e Oncologia Predittiva": [
    "consulenza genetica per BRCA1 e BRCA2",
    "sindrome di Lynch",
    "test genomici somatici e germinali",
    "varianti di significato incerto",
    "sorveglianza dei portatori",
  ],
  "Laboratorio di Patologia Clinica": [
    "uso appropriato dei marcatori tumorali",
    "citofluorimetria",
    "aspetti tecnici della biopsia liquida",
    "controllo di qualità",
    "DNA tumorale circolante",
  ],
  "Farmacia Ospedaliera": [
    "farmaci biosimilari",
    "allestimento degli antiblastici",
    "interazioni farmacologiche",
    "farmacovigilanza",
    "uso compassionevole dei farmaci",
  ],
};
const GRAND_ROUNDS = [
  "gestione delle tossicità da immunoterapia",
  "il paziente anziano fragile",
  "infezioni nel paziente immunodepresso",
  "nutrizione clinica in oncologia",
  "sperimentazioni di fase I",
  "medicina di precisione",
  "consenso informato e scelte di fine vita",
  "dolore oncologico",
];
const SIMULATIONS = [
  "gestione delle vie aeree difficili",
  "arresto cardiaco in reparto",
  "emergenze in sala operatoria",
  "reazioni da infusione di chemioterapici",
  "posizionamento ecoguidato di accessi venosi centrali",
];
const CASE_DISCUSSIONS = [
  "carcinoma mammario",
  "tumori del polmone",
  "tumori del colon-retto",
  "tumori ginecologici",
  "tumori urologici",
  "linfomi",
  "tumori testa-collo",
  "melanoma",
];
const PLACES = [
  "Aula Magna",
  "Aula 1 – Edificio didattico",
  "Aula 2 – Edificio didattico",
  "Sala riunioni, Padiglione A, 3° piano",
  "Sala riunioni, Padiglione B, 1° piano",
  "Biblioteca medica",
];
const CANCEL_REASONS = [
  "Relatore indisponibile per urgenza clinica.",
  "Sovrapposizione con il congresso nazionale della società scientifica.",
  "Aula non disponibile: lavori di manutenzione.",
  "Rinviata su richiesta degli specializzandi per la sessione d'esame.",
];
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
  return (
    (month === 12 && date >= 22) ||
    (month === 1 && date <= 6) ||
    (month === 8 && date >= 5 && date <= 25) ||
    ["4-25", "5-1", "6-2", "11-1", "12-8"].includes(mmdd)
  );
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
export async function seedTeaching(
  tx: Prisma.TransactionClient,
  ctx: { now: Date; today: Date; departmentNames: string[]; demoTutorId: string; demoResidentId: string; oncologyId: string },
): Promise<{ teachingSessions: number; attendanceMarks: number; unconfirmedSessions: number }> {
  const { now, today, demoTutorId, demoResidentId } = ctx;
  const from = addDays(today, -365);
  const until = addDays(today, 61);
  const [departments, residents, rotations] = await Promise.all([
    tx.department.findMany({
      select: { id: true, name: true, tutors: { select: { userId: true }, orderBy: { userId: "asc" } } },
      orderBy: { name: "asc" },
    }),
    tx.resident.findMany({
      select: { id: true, programmeId: true, stayStart: true, stayEnd: true, user: { select: { name: true } } },
      orderBy: { studentNumber: "asc" },
    }),
    tx.rotation.findMany({
      where: { state: { not: "cancelled" } },
      select: {
        residentId: true,
        departmentId: true,
        startDate: true,
        endDate: true,
        state: true,
        resident: { select: { programmeId: true } },
      },
    }),
  ]);
  // The order the departments were created in, so that the demo tutor's two units come first.
  const ordered = ctx.departmentNames.map((name) => departments.find((d) => d.name === name)!).filter(Boolean);
  const plans: TeachingPlan[] = [];
  const plan = (p: Omit<TeachingPlan, "id" | "cancelReason" | "place" | "link"> & { place?: string | null; link?: string | null }) => {
    if (teachingHoliday(p.date) || p.date < from || p.date > until) return;
    const cancelled = faker.number.float() < 0.03;
    plans.push({
      place: null,
      link: null,
      ...p,
      id: randomUUID(),
      cancelReason: cancelled ? faker.helpers.arrayElement(CANCEL_REASONS) : null,
    });
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
    for (const r of rotations)
      if (r.departmentId === department.id) counts.set(r.resident.programmeId, (counts.get(r.resident.programmeId) ?? 0) + 1);
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
  const ended = plans
    .filter((p) => !p.cancelReason && ends.get(p.id)! <= now)
    .sort((a, b) => ends.get(b.id)!.getTime() - ends.get(a.id)!.getTime());
  const demoOpen = ended.filter((p) => p.tutorIds.includes(demoTutorId)).slice(0, 2);
  const othersOpen = ended.filter((p) => !p.tutorIds.includes(demoTutorId)).slice(0, 5);
  const unconfirmed = new Set([...demoOpen, ...othersOpen].map((p) => p.id));
  // Two of them are drafts, half marked; the others have not been started.
  const drafts = new Set([demoOpen[1]?.id, othersOpen[0]?.id].filter(Boolean));

  const people = residents.map((r) => ({ ...r, name: r.user.name }));
  const rotationsIn = new Map<string, typeof rotations>();
  for (const r of rotations) rotationsIn.set(r.departmentId, [...(rotationsIn.get(r.departmentId) ?? []), r]);
  const attendance: Prisma.AttendanceCreateManyInput[] = [];
  const audits: AuditAppend[] = [];
  const confirmation = new Map<string, { confirmedAt: Date; confirmedById: string }>();
  let demoResidentSessions = 0;
  for (const p of [...ended].reverse()) {
    const expected = expectedAttendees({
      day: p.date,
      programmeIds: p.programmeIds,
      departmentIds: [p.departmentId],
      residents: people,
      rotations: rotationsIn.get(p.departmentId) ?? [],
    });
    const open = unconfirmed.has(p.id);
    if (open && !drafts.has(p.id)) continue;
    const marked = open ? expected.slice(0, Math.ceil(expected.length / 2)) : expected;
    const confirmedAt = open
      ? null
      : new Date(Math.min(ends.get(p.id)!.getTime() + faker.number.int({ min: 1, max: 30 }) * 3_600_000, now.getTime()));
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
    if (marks.length || !open)
      audits.push({
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
    .filter(
      (a) =>
        confirmedByDemo.has(a.sessionId) &&
        a.status === "absent" &&
        a.residentId !== demoResidentId &&
        (a.markedAt as Date) < addDays(today, -30),
    )
    .filter((a, i, all) => all.findIndex((b) => b.sessionId === a.sessionId) === i)
    .slice(-2);
  for (const a of corrections) {
    const at = new Date((a.markedAt as Date).getTime() + 2 * 86_400_000);
    a.status = "present";
    a.markedAt = at;
    audits.push({
      actorId: demoTutorId,
      action: "correct",
      entityType: "attendance",
      entityId: a.sessionId,
      at,
      changes: JSON.stringify({ [a.residentId]: ["absent", "present"], reason: [null, CORRECTION_REASON] }),
    });
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
  await appendAuditEvents(tx, audits);

  return { teachingSessions: plans.length, attendanceMarks: attendance.length, unconfirmedSessions: unconfirmed.size };
}
