import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_EVALUATION_SETTINGS,
  DEFAULT_FORMS,
  dueOn,
  opensOn,
  periodByKey,
  periodOf,
  periodReleasable,
  type Answers,
} from "~/domain/evaluations";
import { isDegree, monthState, type Minimum } from "~/domain/logbook";
import { rotationProblems } from "~/domain/rotation-rules";
import { DEFAULT_YEAR_START } from "~/domain/teaching";
import { dateOf, storedDay, weekday } from "./days";
import { buildPlan, type DatasetSize, type Plan } from "./plan";
import { EVALUATION } from "./plan-evaluations";
import { CATALOGUE_AGE_DAYS, CATALOGUE_SIZE, monthKey, PENDING_DAYS, residentLogbooks } from "./plan-logbook";
import { DEMO_TUTEES, rotationState } from "./plan-rotations";
import { tablesOf } from "./rows";

/**
 * The generator of the large benchmark database, at a small size: the counts asked for, every rotation
 * accepted by the app's own seven rules (app/domain/rotation-rules.ts) with its full context, attendance
 * only where the domain allows it, logbook entries inside their rotations and decided only once old enough, the demo accounts as the demo has them, and the same plan from the
 * same seed.
 */
const SMALL: DatasetSize = {
  universities: 3,
  programmes: 20,
  departments: 6,
  tutors: 15,
  residents: 200,
  rotations: 1_500,
  sessions: 300,
  attendance: 4_000,
};
const TODAY = new Date(Date.UTC(2026, 10, 25));
const plan = buildPlan(SMALL, 7, TODAY);
const { org, residents, rotations, sessions, attendance } = plan;

/** Rotation i as the rules see it, with every other rotation of its resident, department and programme. */
function contextOf(p: Plan, i: number) {
  const { org, residents, rotations } = p;
  const span = (j: number) => ({ id: String(j), startDate: dateOf(rotations.start[j]!), endDate: dateOf(rotations.end[j]!) });
  const overlaps = (j: number) => j !== i && rotations.start[j]! <= rotations.end[i]! && rotations.start[i]! <= rotations.end[j]!;
  const all = Array.from({ length: rotations.count }, (_, j) => j);
  const r = rotations.resident[i]!;
  const programme = residents.programme[r]!;
  const department = org.departments[rotations.department[i]!]!;
  return {
    candidate: { ...span(i), tutorId: String(rotations.tutor[i]) },
    resident: { stayStart: dateOf(residents.stayStart[r]!), stayEnd: dateOf(residents.stayEnd[r]!) },
    residentRotations: all.filter((j) => j !== i && rotations.resident[j] === r).map((j) => ({ ...span(j), departmentName: "" })),
    department: { capacity: department.capacity, tutorIds: department.tutorIndexes.map(String) },
    departmentRotations: all.filter((j) => overlaps(j) && rotations.department[j] === rotations.department[i]).map(span),
    agreements: org.agreements.flatMap((a) =>
      a.programmes
        .filter((g) => g.programmeIndex === programme)
        .map((g) => ({
          id: a.id,
          posts: g.posts,
          startDate: dateOf(a.start),
          endDate: dateOf(a.end),
          signedOn: a.signedOn === null ? null : dateOf(a.signedOn),
          terminatedOn: a.terminatedOn === null ? null : dateOf(a.terminatedOn),
        })),
    ),
    programmeRotations: all
      .filter((j) => overlaps(j) && rotations.resident[j] !== r && residents.programme[rotations.resident[j]!] === programme)
      .map(span),
    // Its resident's protected absences: the seventh rule.
    absences: Array.from({ length: p.absences.count }, (_, a) => a)
      .filter((a) => p.absences.resident[a] === r && p.absences.rotation[a] === -1)
      .map((a) => ({ start: dateOf(p.absences.start[a]!), end: dateOf(p.absences.end[a]!) })),
  };
}

/** A digest of every row the writer would store. */
function digest(p: Plan): string {
  const hash = createHash("sha256");
  for (const table of tablesOf(p, "hash")) for (const row of table.rows()) hash.update(JSON.stringify(row));
  return hash.digest("hex");
}

describe("the large dataset's plan", () => {
  it("has the counts the size asks for", () => {
    expect(org.universities).toHaveLength(3);
    expect(org.programmes).toHaveLength(20);
    expect(org.departments).toHaveLength(6);
    expect(org.tutors).toHaveLength(15);
    expect(residents.count).toBe(200);
    expect(rotations.count).toBe(1_500);
    expect(sessions).toHaveLength(300);
    expect(attendance.count).toBe(4_000);
    expect(org.agreements.length).toBeGreaterThanOrEqual(6);
  });

  it("places every rotation where the app's seven rules accept it", () => {
    for (let i = 0; i < rotations.count; i++) expect(rotationProblems(contextOf(plan, i)), `rotation ${i}`).toEqual([]);
  });

  it("keeps programmes unique per university, years within the programme, and e-mails and student numbers unique", () => {
    expect(new Set(org.programmes.map((p) => `${p.universityIndex}:${p.specialtyCode}`)).size).toBe(org.programmes.length);
    for (let r = 0; r < residents.count; r++)
      expect(residents.year[r]).toBeLessThanOrEqual(org.programmes[residents.programme[r]!]!.durationYears);
    const rows = Object.fromEntries(
      tablesOf(plan, "hash")
        .filter((t) => t.table !== "LogbookEntry")
        .map((t) => [t.table, [...t.rows()]]),
    );
    const emails = rows.User!.map((u) => u[1]);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(rows.Resident!.map((r) => `${r[2]}:${r[4]}`)).size).toBe(residents.count);
    expect(new Set(rows.Department!.map((d) => d[1])).size).toBe(org.departments.length);
  });

  it("marks rotations confirmed up to a month ahead and planned after", () => {
    for (let i = 0; i < rotations.count; i++) {
      const state = rotationState(rotations.start[i]!, plan.today);
      expect(state).toBe(rotations.start[i]! <= plan.today + 30 ? "confirmed" : "planned");
    }
  });

  it("has sessions led by a tutor of their department, and attendance only where the domain allows it", () => {
    for (const s of sessions) {
      expect(org.departments[s.department]!.tutorIndexes).toContain(s.lead);
      expect(s.coTutor).not.toBe(s.lead);
      expect(s.programmes.length).toBeGreaterThan(0);
      expect(s.confirmedAtMs !== null).toBe(s.day < plan.today && s.cancelReason === null);
    }
    const seen = new Set<string>();
    for (let n = 0; n < attendance.count; n++) {
      const s = sessions[attendance.session[n]!]!;
      const r = attendance.resident[n]!;
      expect(s.confirmedAtMs, "a held, confirmed session").not.toBeNull();
      expect(s.programmes).toContain(residents.programme[r]);
      expect(residents.stayStart[r]!).toBeLessThanOrEqual(s.day);
      expect(residents.stayEnd[r]!).toBeGreaterThanOrEqual(s.day);
      const key = `${attendance.session[n]}:${r}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it("gives the demo accounts what the demo gives them", () => {
    const now = plan.today;
    // The demo tutor: two departments, ten residents in their care, rotations now and within 60 days, sessions led.
    expect(org.tutorDepartments[0]).toHaveLength(2);
    expect(Array.from(residents.tutor).filter((t) => t === 0)).toHaveLength(DEMO_TUTEES);
    const supervised = Array.from({ length: rotations.count }, (_, i) => i).filter((i) => rotations.tutor[i] === 0);
    expect(supervised.some((i) => rotations.start[i]! <= now && now <= rotations.end[i]!)).toBe(true);
    expect(supervised.some((i) => rotations.start[i]! > now && rotations.start[i]! <= now + 60)).toBe(true);
    expect(sessions.some((s) => s.lead === 0 && s.confirmedAtMs !== null)).toBe(true);
    // The demo resident: at the hospital today, with past, current and upcoming rotations and attendance.
    expect(residents.stayStart[0]!).toBeLessThan(now);
    expect(residents.stayEnd[0]!).toBeGreaterThan(now);
    const own = Array.from({ length: rotations.count }, (_, i) => i).filter((i) => rotations.resident[i] === 0);
    expect(own.some((i) => rotations.end[i]! < now)).toBe(true);
    expect(own.some((i) => rotations.start[i]! <= now && now <= rotations.end[i]!)).toBe(true);
    expect(own.some((i) => rotations.start[i]! > now)).toBe(true);
    expect(Array.from(attendance.resident).filter((r) => r === 0).length).toBeGreaterThan(3);
    // Their logbooks: the demo resident's entries, some certified; pending entries in the demo tutor's queue.
    const books = [...residentLogbooks(plan, plan.logbook)];
    expect(books[0]!.entries.filter((e) => e.status === "certified").length).toBeGreaterThan(10);
    expect(books[0]!.months.length).toBeGreaterThan(0);
    const demoTutorPending = books.flatMap((b) => b.entries).filter((e) => e.status === "pending" && rotations.tutor[e.rotation] === 0);
    expect(demoTutorPending.length).toBeGreaterThan(3);
    expect(plan.admins[0]!.email).toBe("admin@example.org");
  });

  it("gives every programme a catalogue of about a dozen activities with minimums the app reads", () => {
    const rows = Object.fromEntries(
      tablesOf(plan, "hash")
        .filter((t) => t.table !== "LogbookEntry")
        .map((t) => [t.table, [...t.rows()]]),
    );
    expect(rows.LogbookCatalogue).toHaveLength(org.programmes.length);
    expect(new Set(rows.LogbookCatalogue!.map((c) => c[1]))).toEqual(new Set(org.programmes.map((p) => p.id)));
    for (const c of rows.LogbookCatalogue!) {
      expect(c[2]).toBe(1);
      expect(c[3]).toBe(storedDay(plan.today - CATALOGUE_AGE_DAYS));
    }
    const catalogues = new Set(rows.LogbookCatalogue!.map((c) => c[0]));
    const codes = new Set<string>();
    for (const a of rows.LogbookActivity!) {
      expect(catalogues.has(a[1])).toBe(true);
      const key = `${a[1]}:${a[2]}`;
      expect(codes.has(key), key).toBe(false);
      codes.add(key);
      const minimums = JSON.parse(String(a[7])) as Minimum[];
      expect(minimums.length).toBeGreaterThan(0);
      for (const m of minimums) {
        expect(Object.keys(m)).toEqual(["year", "degree", "count"]);
        expect(isDegree(m.degree)).toBe(true);
        expect(m.year).toBeGreaterThanOrEqual(0);
        expect(m.year).toBeLessThanOrEqual(6);
        expect(m.count).toBeGreaterThan(0);
      }
    }
    for (const list of plan.logbook.activities) {
      expect(list.length).toBeGreaterThanOrEqual(CATALOGUE_SIZE - 1);
      expect(list.length).toBeLessThanOrEqual(CATALOGUE_SIZE);
    }
    expect(rows.LogbookActivity).toHaveLength(plan.logbook.activityCount);
  }, 60_000);

  it("logs about one entry per working day of every rotation begun, inside it, decided by its tutor only once old enough", () => {
    const today = plan.today;
    let entries = 0;
    let months = 0;
    let workingDays = 0;
    const statuses = { pending: 0, certified: 0, returned: 0 };
    const problems: string[] = [];
    for (let i = 0; i < rotations.count; i++)
      for (let day = rotations.start[i]!; day <= Math.min(rotations.end[i]!, today); day++) if (weekday(day) % 6 !== 0) workingDays++;
    for (const book of residentLogbooks(plan, plan.logbook)) {
      entries += book.entries.length;
      months += book.months.length;
      const byMonth = new Map<string, string[]>();
      for (const e of book.entries) {
        // Plain checks gathered into one list: an expect() per entry is too slow for a hundred thousand.
        const broken = [
          rotations.resident[e.rotation] !== book.resident && "another resident's rotation",
          (e.day < rotations.start[e.rotation]! || e.day > rotations.end[e.rotation]!) && "outside its rotation",
          e.day > today && "in the future",
          weekday(e.day) % 6 === 0 && "on a weekend",
          e.activity >= plan.logbook.activities[residents.programme[book.resident]!]!.length && "not in the catalogue",
          !isDegree(e.degree) && "no degree",
          (e.count < 1 || e.count > 50) && "count out of range",
          e.status === "pending" && (e.day < today - PENDING_DAYS || e.decidedDay !== -1) && "pending too long",
          e.status !== "pending" && (e.day >= today - PENDING_DAYS || e.decidedDay <= e.day || e.decidedDay >= today) && "decided too soon",
          (e.returnReason !== null) !== (e.status === "returned") && "return reason",
        ].filter(Boolean);
        if (broken.length) problems.push(`${book.resident} ${dateOf(e.day).toISOString()}: ${broken.join(", ")}`);
        statuses[e.status]++;
        byMonth.set(monthKey(e.day), [...(byMonth.get(monthKey(e.day)) ?? []), e.status]);
      }
      // Every countersigned month is one the app counts as closed and countersigned.
      for (const m of book.months) {
        const state = monthState({
          month: m.month,
          today: dateOf(today),
          statuses: (byMonth.get(m.month) ?? []) as Array<"pending" | "certified" | "returned">,
          countersignedAt: dateOf(m.countersignedDay),
          reopenedAt: null,
        });
        if (!state.countersigned || m.countersignedDay >= today) problems.push(`${book.resident} ${m.month}: not closed`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(entries).toBe(plan.logbook.entryCount);
    expect(months).toBe(plan.logbook.monthCount);
    // A few hundred a year: about one a working day.
    expect(entries / workingDays).toBeGreaterThan(0.9);
    expect(entries / workingDays).toBeLessThan(1.5);
    expect(statuses.returned / (statuses.returned + statuses.certified)).toBeLessThan(0.05);
    expect(statuses.returned).toBeGreaterThan(0);
    expect(statuses.pending).toBeGreaterThan(0);
    expect(months).toBeGreaterThan(0);
  }, 60_000);

  it("writes entries that name their rotation's resident, tutor, department and the resident's catalogue", () => {
    const rows = Object.fromEntries(tablesOf(plan, "hash").map((t) => [t.table, [...t.rows()]]));
    const residentRows = new Map(rows.Resident!.map((r) => [r[0], r]));
    const activityCatalogue = new Map(rows.LogbookActivity!.map((a) => [a[0], a[1]]));
    const catalogueProgramme = new Map(rows.LogbookCatalogue!.map((c) => [c[0], c[1]]));
    const rotationsOf = new Map<unknown, unknown[][]>();
    for (const r of rows.Rotation!) rotationsOf.set(r[1], [...(rotationsOf.get(r[1]) ?? []), r]);
    const tutors = new Set(rows.UserRole!.filter((u) => u[1] === "tutor").map((u) => u[0]));
    const ids = new Set<unknown>();
    expect(rows.LogbookEntry).toHaveLength(plan.logbook.entryCount);
    const problems: string[] = [];
    for (const e of rows.LogbookEntry!) {
      const resident = residentRows.get(e[1]);
      const rotation = (rotationsOf.get(e[1]) ?? []).find((r) => String(r[4]) <= String(e[3]) && String(e[3]) <= String(r[5]));
      const broken = [
        ids.has(e[0]) && "id twice",
        catalogueProgramme.get(activityCatalogue.get(e[2])) !== resident?.[2] && "activity of another programme",
        (!rotation || e[6] !== rotation[3] || e[7] !== rotation[2]) && "not its rotation's tutor and department",
        !tutors.has(e[6]) && "tutor is no tutor",
        e[12] !== (e[10] === "pending" ? null : e[6]) && "decided by another",
        (e[13] === null) !== (e[10] === "pending") && "decidedAt",
      ].filter(Boolean);
      if (broken.length) problems.push(`${String(e[0])}: ${broken.join(", ")}`);
      ids.add(e[0]);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    for (const m of rows.LogbookMonth!) expect(residentRows.has(m[0])).toBe(true);
  }, 60_000);

  it("evaluates confirmed, opened rotations as the demo does, each submission with one answer and none naming its author", () => {
    const settings = DEFAULT_EVALUATION_SETTINGS;
    const today = dateOf(plan.today);
    const rows = Object.fromEntries(
      tablesOf(plan, "hash")
        .filter((t) => t.table !== "LogbookEntry" && t.table !== "LogbookMonth")
        .map((t) => [t.table, [...t.rows()]]),
    );
    const rotationRows = new Map(rows.Rotation!.map((r) => [r[0], r]));
    const spanOf = (r: unknown[]) => ({ startDate: new Date(String(r[4])), endDate: new Date(String(r[5])) });
    const problems: string[] = [];

    // Which rotations are open, by the domain's own rules on the rows as stored.
    const open = new Set<unknown>();
    const overdue = new Set<unknown>();
    for (const [i, r] of rows.Rotation!.entries()) {
      const opened = r[6] === "confirmed" && opensOn(spanOf(r), settings) <= today;
      if (opened) open.add(r[0]);
      if (opened && dueOn(spanOf(r), settings) < today) overdue.add(r[0]);
      if (opened !== Boolean(plan.evaluations.flags[i]! & EVALUATION.OPEN)) problems.push(`${String(r[0])}: open flag`);
    }
    const due = open.size - overdue.size;
    expect(overdue.size).toBeGreaterThan(200);
    expect(due).toBeGreaterThan(20);

    // The hospital's two forms, one version each, with the default items.
    expect(rows.EvaluationForm!.map((f) => f[1])).toEqual(["tutor-resident", "resident-rotation"]);
    const versions = new Map(rows.EvaluationFormVersion!.map((v) => [v[1], v]));
    const versionOf = (kind: string) => versions.get(rows.EvaluationForm!.find((f) => f[1] === kind)![0])!;
    expect(JSON.parse(String(versionOf("tutor-resident")[3]))).toEqual(DEFAULT_FORMS["tutor-resident"]);
    expect(JSON.parse(String(versionOf("resident-rotation")[3]))).toEqual(DEFAULT_FORMS["resident-rotation"]);

    // The tutors' evaluations: only open rotations, signed by their tutor after the end and before today.
    let signedOverdue = 0;
    let draftsDue = 0;
    for (const e of rows.TutorEvaluation!) {
      const r = rotationRows.get(e[1]);
      if (!r || !open.has(e[1])) {
        problems.push(`${String(e[1])}: evaluated but not open`);
        continue;
      }
      if (e[2] !== versionOf("tutor-resident")[0]) problems.push(`${String(e[0])}: form`);
      if (e[5] === null) {
        if (e[6] !== null || e[7] !== null) problems.push(`${String(e[0])}: unsigned yet signed or acknowledged`);
        if (!overdue.has(e[1])) draftsDue++;
        continue;
      }
      if (!overdue.has(e[1])) problems.push(`${String(e[0])}: signed before due`);
      else signedOverdue++;
      if (e[6] !== r[3]) problems.push(`${String(e[0])}: signed by another than the tutor`);
      if (String(e[5]) <= String(r[5]) || new Date(String(e[5])) >= today) problems.push(`${String(e[0])}: signed when`);
      if (e[7] !== null && String(e[7]) < String(e[5])) problems.push(`${String(e[0])}: acknowledged before signed`);
    }
    expect(rows.TutorEvaluation).toHaveLength(plan.evaluations.tutorEvaluationCount);
    expect(signedOverdue / overdue.size).toBeGreaterThan(0.86);
    expect(signedOverdue / overdue.size).toBeLessThan(0.97);
    expect(draftsDue / due).toBeGreaterThan(0.03);
    expect(draftsDue / due).toBeLessThan(0.35);

    // The residents' done marks: only open rotations, their own resident, in the demo's proportions.
    const submitted = rows.EvaluationSubmission!.map((s) => {
      const r = rotationRows.get(s[0]);
      if (!r || !open.has(s[0]) || r[1] !== s[1]) problems.push(`${String(s[0])}: submission`);
      return r!;
    });
    expect(new Set(submitted.map((r) => r[0])).size).toBe(submitted.length);
    const submittedOverdue = submitted.filter((r) => overdue.has(r[0])).length;
    expect(submittedOverdue / overdue.size).toBeGreaterThan(0.78);
    expect(submittedOverdue / overdue.size).toBeLessThan(0.92);
    expect((submitted.length - submittedOverdue) / due).toBeGreaterThan(0.12);
    expect((submitted.length - submittedOverdue) / due).toBeLessThan(0.5);

    // One answer per done mark: the same (period, tutor, department) tallies on both sides.
    const tally = (list: Array<[unknown, unknown, unknown]>) => {
      const counts = new Map<string, number>();
      for (const key of list.map((k) => k.join("|"))) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    };
    const periodKey = (r: unknown[]) => periodOf(new Date(String(r[5])), DEFAULT_YEAR_START, settings.period).key;
    const sealed = rows.SealedEvaluationAnswer!.map((a) => {
      expect(Object.keys(JSON.parse(String(a[2])) as object)).toEqual(["formVersionId", "tutorId", "departmentId", "answers"]);
      return {
        id: a[0],
        period: String(a[1]),
        ...(JSON.parse(String(a[2])) as { formVersionId: string; tutorId: string; departmentId: string; answers: Answers }),
      };
    });
    const released = rows.EvaluationAnswer!.map((a) => {
      expect(a[6]).toBe("[]");
      return {
        id: a[0],
        period: String(a[1]),
        formVersionId: a[2],
        tutorId: a[3],
        departmentId: a[4],
        answers: JSON.parse(String(a[5])) as Answers,
      };
    });
    const answers = [...sealed, ...released];
    expect(tally(answers.map((a) => [a.period, a.tutorId, a.departmentId]))).toEqual(
      tally(submitted.map((r) => [periodKey(r), r[3], r[2]])),
    );
    expect(answers.every((a) => a.formVersionId === versionOf("resident-rotation")[0])).toBe(true);
    expect(sealed.length).toBeGreaterThan(0);
    expect(released.length).toBeGreaterThan(0);

    // Released only for the periods releasable by today, each with its release counting its answers.
    for (const a of sealed)
      if (periodReleasable(periodByKey(a.period, DEFAULT_YEAR_START)!, today, settings)) problems.push(`${a.period}: sealed`);
    for (const a of released)
      if (!periodReleasable(periodByKey(a.period, DEFAULT_YEAR_START)!, today, settings)) problems.push(`${a.period}: released`);
    const releases = new Map(rows.EvaluationRelease!.map((r) => [r[0], r]));
    expect([...releases.keys()].sort()).toEqual([...new Set(released.map((a) => a.period))].sort());
    for (const [period, r] of releases) {
      expect(r[1]).toBe(storedDay(plan.today));
      expect(r[2]).toBe(released.filter((a) => a.period === period).length);
    }

    // No answer names a resident or a rotation; ids are random UUIDs, and the order is not the rotations'.
    const authors = [...rows.Resident!.flatMap((r) => [r[0], r[1]]), ...rows.Rotation!.map((r) => r[0])].map(String);
    const texts = [...rows.SealedEvaluationAnswer!, ...rows.EvaluationAnswer!].map((a) => a.map(String).join(" "));
    const idPattern = /c[rmt][0-9a-z]{23}/g;
    const named = new Set(authors);
    for (const text of texts) for (const id of text.match(idPattern) ?? []) if (named.has(id)) problems.push(`an answer names ${id}`);
    const ids = answers.map((a) => String(a.id));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const period of plan.evaluations.periods)
      if (period.rotations.length > 10) expect([...period.rotations]).not.toEqual([...period.rotations].sort((a, b) => a - b));

    // Answers lean to the good end, yes mostly, a comment now and then.
    const ratings = answers.flatMap((a) => Object.values(a.answers).filter((v): v is number => typeof v === "number"));
    const yes = answers.map((a) => a.answers.recommend);
    expect(ratings.every((v) => v >= 1 && v <= 5)).toBe(true);
    expect(ratings.reduce((n, v) => n + v, 0) / ratings.length).toBeGreaterThan(3.8);
    expect(yes.filter((v) => v === true).length / yes.length).toBeGreaterThan(0.75);
    expect(yes.every((v) => typeof v === "boolean")).toBe(true);
    const comments = answers.filter((a) => typeof a.answers.comment === "string").length / answers.length;
    expect(comments).toBeGreaterThan(0.15);
    expect(comments).toBeLessThan(0.45);
    expect(problems.slice(0, 5)).toEqual([]);
  }, 60_000);

  it("gives leave in about one rotation in six and short illnesses between rotations, none overlapping, all within the stay", () => {
    const { absences } = plan;
    const leave = Array.from({ length: absences.count }, (_, a) => a).filter((a) => absences.rotation[a]! >= 0);
    expect(leave.length / rotations.count).toBeGreaterThan(0.1);
    expect(leave.length / rotations.count).toBeLessThan(0.22);
    expect(absences.count - leave.length).toBeGreaterThan(0);
    const byResident = new Map<number, Array<[number, number]>>();
    for (let a = 0; a < absences.count; a++) {
      const r = absences.resident[a]!;
      const [start, end] = [absences.start[a]!, absences.end[a]!];
      expect(start).toBeLessThanOrEqual(end);
      expect(start).toBeGreaterThanOrEqual(residents.stayStart[r]!);
      expect(end).toBeLessThanOrEqual(residents.stayEnd[r]!);
      const rotation = absences.rotation[a]!;
      if (rotation >= 0) {
        // Leave inside its rotation, of its resident.
        expect(rotations.resident[rotation]).toBe(r);
        expect(start).toBeGreaterThanOrEqual(rotations.start[rotation]!);
        expect(end).toBeLessThanOrEqual(rotations.end[rotation]!);
      } else {
        // An illness meets no rotation of its resident (the seventh rule) and is too short to suspend training.
        for (let i = 0; i < rotations.count; i++)
          if (rotations.resident[i] === r) expect(rotations.start[i]! > end || rotations.end[i]! < start).toBe(true);
        expect(end - start + 1).toBeLessThanOrEqual(14);
      }
      byResident.set(r, [...(byResident.get(r) ?? []), [start, end]]);
    }
    for (const spans of byResident.values()) {
      const sorted = spans.sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < sorted.length; k++) expect(sorted[k]![0]).toBeGreaterThan(sorted[k - 1]![1]);
    }
    expect(absences.resident.includes(0)).toBe(false);
  });

  it("is the same plan from the same seed and another from another seed", () => {
    const again = digest(buildPlan(SMALL, 7, TODAY));
    expect(again).toBe(digest(plan));
    expect(digest(buildPlan(SMALL, 8, TODAY))).not.toBe(again);
  }, 60_000);
});
