import { SPECIALTIES } from "~/domain/specialties";
import type { Day } from "./days";
import { DEPARTMENT_KINDS, TERMINATION_REASON, UNIVERSITIES } from "./names";
import { DEMO, People, type Person } from "./people";
import { idMaker, randomStream, type Random } from "./random";
import type { Shape } from "./shape";
import type { DatasetSize } from "./sizes";

/**
 * The hospital's organisation: universities, their programmes, the tutors and departments, and the
 * agreements under which the programmes train here, with the posts each grants per day.
 */
export type PlanUniversity = { id: string; name: string; shortName: string; city: string; contactOffice: string; contactEmail: string };
export type PlanProgramme = {
  id: string;
  universityIndex: number;
  specialtyCode: string;
  durationYears: number;
  directorName: string;
  directorEmail: string;
  /** The days an agreement is in force for it, first to last (its chain of agreements leaves no gap). */
  coverStart: Day;
  coverEnd: Day;
};
/** The head is the first tutor on the staff. */
export type PlanDepartment = { id: string; name: string; capacity: number; tutorIndexes: number[] };
export type PlanAgreement = {
  id: string;
  universityIndex: number;
  facilityRole: "collegata" | "complementare";
  start: Day;
  end: Day;
  signedOn: Day | null;
  terminatedOn: Day | null;
  terminationReason: string | null;
  renewsIndex: number | null;
  notes: string | null;
  programmes: Array<{ programmeIndex: number; posts: number }>;
};

export type Organisation = {
  universities: PlanUniversity[];
  programmes: PlanProgramme[];
  /** Tutor 0 is the demo tutor. */
  tutors: Person[];
  tutorDepartments: number[][];
  departments: PlanDepartment[];
  agreements: PlanAgreement[];
  /** Posts in force per programme and day: programme p, day d at [p * windowDays + d - window.start]. */
  posts: Uint16Array;
};

/** Programmes per university, as even as can be, each university's specialties drawn without repeats. */
function programmesOf(size: DatasetSize, random: Random, people: People, seed: number): PlanProgramme[] {
  const id = idMaker(seed, "p");
  const count = Math.min(size.programmes, size.universities * SPECIALTIES.length);
  const programmes: PlanProgramme[] = [];
  for (let u = 0; u < size.universities; u++) {
    const here = Math.floor(count / size.universities) + (u < count % size.universities ? 1 : 0);
    const picks = random.shuffle(SPECIALTIES).slice(0, here);
    // The first university hosts medical oncology: the demo resident's school.
    if (u === 0 && here > 0 && !picks.some((s) => s.code === "oncologia-medica")) picks[0] = SPECIALTIES[0]!;
    const domain = `${UNIVERSITIES[u % UNIVERSITIES.length]![1].toLowerCase()}.example.it`;
    for (const s of picks) {
      const director = people.next(domain);
      programmes.push({
        id: id(programmes.length),
        universityIndex: u,
        specialtyCode: s.code,
        durationYears: s.years,
        directorName: `Prof. ${director.name}`,
        directorEmail: director.email,
        coverStart: 0,
        coverEnd: -1,
      });
    }
  }
  return programmes;
}

/** Tutor t works in department t mod D, and one in four in a second one; the demo tutor in 0 and 1. */
function staff(size: DatasetSize, random: Random): number[][] {
  const of: number[][] = Array.from({ length: size.tutors }, (_, t) => [t % size.departments]);
  for (let t = 0; t < size.tutors; t++) {
    const second = t === 0 ? 1 : random.chance(0.25) ? random.int(0, size.departments - 1) : -1;
    if (second >= 0 && second < size.departments && !of[t]!.includes(second)) of[t]!.push(second);
  }
  return of;
}

type Chain = Array<Omit<PlanAgreement, "id" | "universityIndex" | "facilityRole" | "programmes">>;

/**
 * One university's chain of agreements, in one of five stories, each leaving no gap between the
 * agreements in force (so exactly one grants the posts on any day it covers): expiring soon with its
 * renewal signed; expired and renewed; in force with a renewal still a draft; terminated early and
 * replaced; expiring soon with only a draft to follow (nothing in force after it).
 */
function chainOf(today: Day, random: Random, story: number): Chain {
  const plain = { terminatedOn: null, terminationReason: null, notes: null };
  if (story === 0) {
    const end = today + random.int(20, 85);
    return [
      { ...plain, start: end - 1824, end, signedOn: end - 1844, renewsIndex: null, notes: "In scadenza: rinnovo già firmato." },
      { ...plain, start: end + 1, end: end + 1825, signedOn: today - random.int(1, 10), renewsIndex: 0 },
    ];
  }
  if (story === 1) {
    const end = today - random.int(100, 700);
    return [
      { ...plain, start: end - 1824, end, signedOn: end - 1844, renewsIndex: null },
      { ...plain, start: end + 1, end: end + 1825, signedOn: end - 20, renewsIndex: 0 },
    ];
  }
  if (story === 2) {
    const start = today - random.int(900, 1300);
    return [
      { ...plain, start, end: start + 1824, signedOn: start - 20, renewsIndex: null },
      {
        ...plain,
        start: start + 1825,
        end: start + 3649,
        signedOn: null,
        renewsIndex: 0,
        notes: "Bozza di rinnovo in attesa del parere dell'osservatorio regionale.",
      },
    ];
  }
  if (story === 3) {
    const stop = today - random.int(20, 120);
    return [
      { ...plain, start: today - 2200, end: today - 500, signedOn: today - 2220, renewsIndex: null },
      {
        ...plain,
        start: today - 499,
        end: today + 1326,
        signedOn: today - 519,
        terminatedOn: stop,
        terminationReason: TERMINATION_REASON,
        renewsIndex: 0,
      },
      { ...plain, start: stop + 1, end: stop + 1825, signedOn: stop - 10, renewsIndex: 1, notes: "Nuova convenzione dopo il recesso." },
    ];
  }
  const end = today + random.int(30, 80);
  return [
    { ...plain, start: end - 1824, end, signedOn: end - 1844, renewsIndex: null },
    {
      ...plain,
      start: end + 1,
      end: end + 1825,
      signedOn: null,
      renewsIndex: 0,
      notes: "Rinnovo in bozza: nessuna convenzione in vigore dopo la scadenza.",
    },
  ];
}

export function planOrganisation(size: DatasetSize, shape: Shape, seed: number): Organisation {
  const random = randomStream(seed, "organisation");
  const people = new People(randomStream(seed, "organisation-people"));
  const universityId = idMaker(seed, "u");
  const universities = Array.from({ length: size.universities }, (_, u): PlanUniversity => {
    const [name, short, city, office] = UNIVERSITIES[u % UNIVERSITIES.length]!;
    const round = Math.floor(u / UNIVERSITIES.length);
    const shortName = round ? `${short}${round + 1}` : short;
    return {
      id: universityId(u),
      name: round ? `${name} (${round + 1})` : name,
      shortName,
      city,
      contactOffice: office,
      contactEmail: `specializzazioni@${shortName.toLowerCase()}.example.it`,
    };
  });
  const programmes = programmesOf(size, random, people, seed);

  const tutors = Array.from({ length: size.tutors }, (_, t) => (t === 0 ? { ...DEMO.tutor } : people.next("ospedale-demo.it")));
  const tutorDepartments = staff(size, random);
  const departmentId = idMaker(seed, "d");
  const present = (size.residents * shape.presentShare) / Math.max(1, size.departments);
  const departments = Array.from({ length: size.departments }, (_, d): PlanDepartment => {
    const kind = DEPARTMENT_KINDS[d % DEPARTMENT_KINDS.length]!;
    // Capacity above the expected crowd near today, so that random choices rarely meet a full unit.
    return {
      id: departmentId(d),
      name: `${kind} ${Math.floor(d / DEPARTMENT_KINDS.length) + 1}`,
      capacity: Math.max(2, Math.ceil(present * (1.3 + 0.9 * random.next()))),
      tutorIndexes: [],
    };
  });
  // The demo tutor's two units are the two medical oncology ones, as in the demo.
  if (departments.length > DEPARTMENT_KINDS.length) {
    const second = departments[DEPARTMENT_KINDS.length]!;
    [departments[1]!.name, second.name] = [second.name, departments[1]!.name];
  }
  tutorDepartments.forEach((ds, t) => ds.forEach((d) => departments[d]!.tutorIndexes.push(t)));
  // With fewer tutors than departments, some tutors work in several: no unit is left without staff.
  for (const [d, department] of departments.entries()) {
    if (department.tutorIndexes.length > 0 || size.tutors === 0) continue;
    department.tutorIndexes.push(d % size.tutors);
    tutorDepartments[d % size.tutors]!.push(d);
  }

  // Agreements: each university one chain, or two (the second "complementare") splitting its programmes.
  const agreementId = idMaker(seed, "a");
  const agreements: PlanAgreement[] = [];
  const windowDays = shape.window.end - shape.window.start + 1;
  const posts = new Uint16Array(programmes.length * windowDays);
  const perProgramme = (size.residents / Math.max(1, programmes.length)) * shape.presentShare;
  for (let u = 0; u < size.universities; u++) {
    const own = programmes.map((p, i) => ({ p, i })).filter(({ p }) => p.universityIndex === u);
    const groups =
      u > 0 && own.length > 1 && random.chance(0.4) ? [own.filter((_, k) => k % 2 === 0), own.filter((_, k) => k % 2 === 1)] : [own];
    for (const [g, group] of groups.entries()) {
      // The demo resident's university: expired and renewed, in force for years around today.
      const story = u === 0 && g === 0 ? 1 : random.pick([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4]);
      const base = agreements.length;
      for (const link of chainOf(shape.today, random, story)) {
        const granted = group.map(({ i }) => ({
          programmeIndex: i,
          posts: Math.max(2, Math.ceil(perProgramme * (1.5 + random.next())) + 1),
        }));
        agreements.push({
          ...link,
          id: agreementId(agreements.length),
          universityIndex: u,
          facilityRole: g === 0 ? "collegata" : "complementare",
          renewsIndex: link.renewsIndex === null ? null : base + link.renewsIndex,
          programmes: granted,
        });
      }
      for (const a of agreements.slice(base)) {
        if (a.signedOn === null) continue;
        const last = Math.min(a.end, a.terminatedOn ?? a.end);
        for (const { programmeIndex, posts: n } of a.programmes) {
          const p = programmes[programmeIndex]!;
          p.coverStart = p.coverEnd < p.coverStart ? a.start : Math.min(p.coverStart, a.start);
          p.coverEnd = Math.max(p.coverEnd, last);
          const from = Math.max(a.start, shape.window.start);
          const to = Math.min(last, shape.window.end);
          if (from <= to)
            posts.fill(
              n,
              programmeIndex * windowDays + from - shape.window.start,
              programmeIndex * windowDays + to - shape.window.start + 1,
            );
        }
      }
    }
  }
  return { universities, programmes, tutors, tutorDepartments, departments, agreements, posts };
}
