import { fakerIT as faker } from "@faker-js/faker";
import type { Prisma } from "~/generated/prisma/client";
import { addDays, toIsoDate } from "~/domain/dates";
import { DEGREES, monthOf, type Degree, type Minimum } from "~/domain/logbook";

/**
 * The demo hospital's logbooks: a catalogue for every demo programme (activities every resident of a
 * cancer hospital performs, and those of the main specialties), and the entries of the last year for
 * every resident who rotated here: mostly certified by the rotation's tutor, the last weeks awaiting
 * them, a few returned with a reason; the demo resident has countersigned their older months.
 */

export type Activity = {
  code: string;
  category: [string, string];
  it: string;
  en: string;
  minimums: Record<number, [number, number, number]>;
};

export const CLINIC: [string, string] = ["Attività clinica", "Clinical work"];
export const PROCEDURES: [string, string] = ["Procedure", "Procedures"];
const TEAM: [string, string] = ["Discussione multidisciplinare", "Multidisciplinary discussion"];
const RESEARCH: [string, string] = ["Ricerca e formazione", "Research and teaching"];

/** minimums: year → [support, collaboration, autonomy]; year 0 is the whole programme. */
export const COMMON: Activity[] = [
  {
    code: "prima-visita",
    category: CLINIC,
    it: "Prima visita",
    en: "First visit",
    minimums: { 1: [20, 10, 0], 2: [5, 20, 5], 3: [0, 15, 20], 0: [25, 50, 60] },
  },
  {
    code: "visita-controllo",
    category: CLINIC,
    it: "Visita di controllo",
    en: "Follow-up visit",
    minimums: { 1: [10, 10, 0], 2: [0, 20, 10], 3: [0, 10, 30] },
  },
  {
    code: "consenso",
    category: CLINIC,
    it: "Consenso informato",
    en: "Informed consent",
    minimums: { 1: [5, 0, 0], 2: [0, 5, 0], 3: [0, 0, 5] },
  },
  {
    code: "lettera-dimissione",
    category: CLINIC,
    it: "Lettera di dimissione",
    en: "Discharge letter",
    minimums: { 1: [0, 10, 0], 2: [0, 5, 10], 3: [0, 0, 15] },
  },
  {
    code: "tumour-board",
    category: TEAM,
    it: "Presentazione al tumour board",
    en: "Tumour board presentation",
    minimums: { 1: [6, 0, 0], 2: [2, 4, 0], 3: [0, 2, 4], 0: [8, 6, 8] },
  },
  {
    code: "journal-club",
    category: RESEARCH,
    it: "Presentazione al journal club",
    en: "Journal club presentation",
    minimums: { 2: [0, 2, 0], 3: [0, 0, 2] },
  },
  {
    code: "studio-clinico",
    category: RESEARCH,
    it: "Arruolamento in studio clinico",
    en: "Clinical trial enrolment",
    minimums: { 3: [2, 2, 0] },
  },
];

export const BY_SPECIALTY: Record<string, Activity[]> = {
  "oncologia-medica": [
    {
      code: "prescrizione-chemio",
      category: CLINIC,
      it: "Prescrizione di chemioterapia",
      en: "Chemotherapy prescription",
      minimums: { 1: [15, 5, 0], 2: [0, 20, 5], 3: [0, 10, 25], 0: [20, 40, 50] },
    },
    {
      code: "immunoterapia",
      category: CLINIC,
      it: "Gestione di tossicità da immunoterapia",
      en: "Immunotherapy toxicity management",
      minimums: { 2: [3, 3, 0], 3: [0, 3, 3] },
    },
    {
      code: "biopsia-osteomidollare",
      category: PROCEDURES,
      it: "Biopsia osteomidollare",
      en: "Bone-marrow biopsy",
      minimums: { 2: [3, 2, 0], 3: [0, 2, 3], 0: [3, 4, 5] },
    },
    {
      code: "paracentesi",
      category: PROCEDURES,
      it: "Paracentesi",
      en: "Paracentesis",
      minimums: { 1: [2, 0, 0], 2: [0, 3, 0], 3: [0, 0, 3] },
    },
    { code: "toracentesi", category: PROCEDURES, it: "Toracentesi", en: "Thoracentesis", minimums: { 2: [2, 2, 0], 3: [0, 0, 3] } },
  ],
  ematologia: [
    {
      code: "biopsia-osteomidollare",
      category: PROCEDURES,
      it: "Biopsia osteomidollare",
      en: "Bone-marrow biopsy",
      minimums: { 1: [5, 0, 0], 2: [0, 10, 5], 3: [0, 0, 15] },
    },
    {
      code: "aspirato-midollare",
      category: PROCEDURES,
      it: "Aspirato midollare",
      en: "Bone-marrow aspirate",
      minimums: { 1: [5, 0, 0], 2: [0, 10, 5], 3: [0, 0, 15] },
    },
    {
      code: "rachicentesi",
      category: PROCEDURES,
      it: "Rachicentesi medicata",
      en: "Intrathecal chemotherapy",
      minimums: { 2: [3, 2, 0], 3: [0, 2, 4] },
    },
    {
      code: "trapianto",
      category: CLINIC,
      it: "Gestione di trapianto di cellule staminali",
      en: "Stem-cell transplant care",
      minimums: { 2: [3, 0, 0], 3: [0, 3, 2] },
    },
  ],
  radioterapia: [
    {
      code: "contornazione",
      category: PROCEDURES,
      it: "Contornazione dei volumi",
      en: "Target volume contouring",
      minimums: { 1: [10, 5, 0], 2: [0, 15, 10], 3: [0, 5, 20] },
    },
    {
      code: "piano-trattamento",
      category: PROCEDURES,
      it: "Verifica del piano di trattamento",
      en: "Treatment plan review",
      minimums: { 1: [10, 0, 0], 2: [0, 10, 5], 3: [0, 0, 15] },
    },
    { code: "brachiterapia", category: PROCEDURES, it: "Brachiterapia", en: "Brachytherapy", minimums: { 2: [3, 0, 0], 3: [0, 3, 2] } },
  ],
  "chirurgia-generale": [
    {
      code: "intervento-maggiore",
      category: PROCEDURES,
      it: "Intervento di chirurgia maggiore",
      en: "Major surgery",
      minimums: { 1: [20, 0, 0], 2: [20, 10, 0], 3: [5, 15, 5] },
    },
    {
      code: "laparoscopia",
      category: PROCEDURES,
      it: "Chirurgia laparoscopica",
      en: "Laparoscopic surgery",
      minimums: { 1: [10, 0, 0], 2: [5, 10, 0], 3: [0, 10, 5] },
    },
    {
      code: "linfonodo-sentinella",
      category: PROCEDURES,
      it: "Biopsia del linfonodo sentinella",
      en: "Sentinel lymph-node biopsy",
      minimums: { 2: [5, 3, 0], 3: [0, 3, 5] },
    },
  ],
  "anatomia-patologica": [
    {
      code: "riscontro-macroscopico",
      category: PROCEDURES,
      it: "Esame macroscopico",
      en: "Gross examination",
      minimums: { 1: [30, 10, 0], 2: [0, 30, 20], 3: [0, 0, 60] },
    },
    {
      code: "estemporanea",
      category: PROCEDURES,
      it: "Esame estemporaneo",
      en: "Frozen section",
      minimums: { 2: [10, 5, 0], 3: [0, 10, 10] },
    },
  ],
  radiodiagnostica: [
    {
      code: "refertazione-tc",
      category: PROCEDURES,
      it: "Refertazione TC",
      en: "CT reporting",
      minimums: { 1: [30, 10, 0], 2: [0, 40, 20], 3: [0, 10, 60] },
    },
    {
      code: "biopsia-imaging",
      category: PROCEDURES,
      it: "Biopsia guidata da imaging",
      en: "Image-guided biopsy",
      minimums: { 2: [5, 3, 0], 3: [0, 3, 5] },
    },
  ],
};

/** Generic procedures for the specialties without a catalogue of their own above. */
export const GENERIC: Activity[] = [
  {
    code: "procedura-specialistica",
    category: PROCEDURES,
    it: "Procedura specialistica",
    en: "Specialist procedure",
    minimums: { 1: [10, 0, 0], 2: [0, 10, 5], 3: [0, 5, 10] },
  },
  {
    code: "consulenza",
    category: CLINIC,
    it: "Consulenza specialistica",
    en: "Specialist consultation",
    minimums: { 1: [5, 5, 0], 2: [0, 10, 5], 3: [0, 0, 10] },
  },
];

export function minimumsOf(activity: Activity): Minimum[] {
  return Object.entries(activity.minimums).flatMap(([year, counts]) =>
    DEGREES.flatMap((degree, i) => (counts[i] ? [{ year: Number(year), degree, count: counts[i] }] : [])),
  );
}

export const RETURN_REASONS = [
  "Il grado di autonomia era di collaborazione, non autonomo.",
  "Manca il riferimento del caso discusso.",
  "La data non corrisponde alla seduta: correggila.",
];

export async function seedLogbooks(
  tx: Prisma.TransactionClient,
  { today, demoResidentId, programmes }: { today: Date; demoResidentId: string; programmes: Array<{ id: string; specialtyCode: string }> },
) {
  // Catalogues in force for three years: version 1 of each programme.
  const activitiesOf = new Map<string, Array<{ id: string; minimums: Minimum[] }>>();
  for (const programme of programmes) {
    const list = [...COMMON, ...(BY_SPECIALTY[programme.specialtyCode] ?? GENERIC)];
    const catalogue = await tx.logbookCatalogue.create({
      data: {
        programmeId: programme.id,
        version: 1,
        validFrom: addDays(today, -3 * 365),
        activities: {
          create: list.map((a, position) => ({
            code: a.code,
            category: a.category[0],
            labelIt: a.it,
            labelEn: a.en,
            position,
            minimums: JSON.stringify(minimumsOf(a)),
          })),
        },
      },
      include: { activities: { orderBy: { position: "asc" } } },
    });
    activitiesOf.set(
      programme.id,
      catalogue.activities.map((a) => ({ id: a.id, minimums: JSON.parse(a.minimums) as Minimum[] })),
    );
  }

  // Entries on working days of the rotations of the last year: the demo resident logs most days.
  const rotations = await tx.rotation.findMany({
    where: { state: { not: "cancelled" }, startDate: { lte: today }, endDate: { gte: addDays(today, -365) } },
    select: {
      residentId: true,
      departmentId: true,
      tutorId: true,
      startDate: true,
      endDate: true,
      resident: { select: { programmeId: true } },
    },
  });
  const recent = addDays(today, -21);
  const rows: Prisma.LogbookEntryCreateManyInput[] = [];
  for (const rotation of rotations) {
    if (!rotation.tutorId) continue;
    const activities = activitiesOf.get(rotation.resident.programmeId) ?? [];
    if (!activities.length) continue;
    const demo = rotation.residentId === demoResidentId;
    const last = rotation.endDate < today ? rotation.endDate : today;
    for (let day = rotation.startDate; day <= last; day = addDays(day, 1)) {
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6 || faker.number.float() > (demo ? 0.6 : 0.3)) continue;
      const activity = faker.helpers.arrayElement(activities);
      // Degrees grow with the year of the minimums the activity asks most of.
      const degree: Degree = faker.helpers.weightedArrayElement([
        { weight: 3, value: "support" },
        { weight: 4, value: "collaboration" },
        { weight: 3, value: "autonomy" },
      ]);
      const pending = day >= recent;
      const returned = !pending && faker.number.float() < 0.02;
      rows.push({
        residentId: rotation.residentId,
        activityId: activity.id,
        departmentId: rotation.departmentId,
        tutorId: rotation.tutorId,
        date: day,
        count: faker.helpers.weightedArrayElement([
          { weight: 6, value: 1 },
          { weight: 3, value: 2 },
          { weight: 1, value: 3 },
        ]),
        degree,
        note:
          faker.number.float() < 0.15
            ? faker.helpers.arrayElement(["Caso discusso in reparto", "Paziente in follow-up", "Con il tutor"])
            : null,
        caseRef: faker.number.float() < 0.1 ? `C-${faker.number.int({ min: 100, max: 999 })}` : null,
        status: pending ? "pending" : returned ? "returned" : "certified",
        returnReason: returned ? faker.helpers.arrayElement(RETURN_REASONS) : null,
        decidedById: pending ? null : rotation.tutorId,
        decidedAt: pending ? null : addDays(day, faker.number.int({ min: 3, max: 20 })),
      });
    }
  }
  // The demo resident has one entry returned to correct, the latest their tutor decided.
  const toCorrect = rows.findLast((r) => r.residentId === demoResidentId && r.status === "certified");
  if (toCorrect) Object.assign(toCorrect, { status: "returned", returnReason: RETURN_REASONS[0], decidedAt: today });
  for (let i = 0; i < rows.length; i += 500) await tx.logbookEntry.createMany({ data: rows.slice(i, i + 500) });

  // The demo resident countersigned every closed month but the last, which awaits them.
  const mine = rows.filter((r) => r.residentId === demoResidentId);
  const months = [...new Set(mine.map((r) => monthOf(r.date as Date)))].sort();
  const closed = months.filter(
    (m) => toIsoDate(today).slice(0, 7) > m && mine.filter((r) => monthOf(r.date as Date) === m).every((r) => r.status === "certified"),
  );
  await tx.logbookMonth.createMany({
    data: closed.slice(0, -1).map((month) => ({ residentId: demoResidentId, month, countersignedAt: addDays(today, -10) })),
  });
  return { logbookCatalogues: programmes.length, logbookEntries: rows.length };
}
