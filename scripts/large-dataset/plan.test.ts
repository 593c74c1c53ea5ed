import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rotationProblems } from "~/domain/rotation-rules";
import { dateOf } from "./days";
import { buildPlan, type DatasetSize, type Plan } from "./plan";
import { DEMO_TUTEES, rotationState } from "./plan-rotations";
import { tablesOf } from "./rows";

/**
 * The generator of the large benchmark database, at a small size: the counts asked for, every rotation
 * accepted by the app's own six rules (app/domain/rotation-rules.ts) with its full context, attendance
 * only where the domain allows it, the demo accounts as the demo has them, and the same plan from the
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

  it("places every rotation where the app's six rules accept it", () => {
    for (let i = 0; i < rotations.count; i++) expect(rotationProblems(contextOf(plan, i)), `rotation ${i}`).toEqual([]);
  });

  it("keeps programmes unique per university, years within the programme, and e-mails and student numbers unique", () => {
    expect(new Set(org.programmes.map((p) => `${p.universityIndex}:${p.specialtyCode}`)).size).toBe(org.programmes.length);
    for (let r = 0; r < residents.count; r++)
      expect(residents.year[r]).toBeLessThanOrEqual(org.programmes[residents.programme[r]!]!.durationYears);
    const rows = Object.fromEntries(tablesOf(plan, "hash").map((t) => [t.table, [...t.rows()]]));
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
    expect(plan.admins[0]!.email).toBe("admin@example.org");
  });

  it("is the same plan from the same seed and another from another seed", () => {
    const again = digest(buildPlan(SMALL, 7, TODAY));
    expect(again).toBe(digest(plan));
    expect(digest(buildPlan(SMALL, 8, TODAY))).not.toBe(again);
  });
});
