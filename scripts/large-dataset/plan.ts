import { dayOf, type Day } from "./days";
import { planAbsences, type PlanAbsences } from "./plan-absences";
import { DEMO, People, type Person } from "./people";
import { planEvaluations, type PlanEvaluations } from "./plan-evaluations";
import { planLogbook, type PlanLogbook } from "./plan-logbook";
import { planOrganisation, type Organisation } from "./plan-org";
import { planRotations, type PlanResidents, type PlanRotations } from "./plan-rotations";
import { planTeaching, type PlanAttendance, type PlanSession } from "./plan-teaching";
import { randomStream } from "./random";
import { shapeOf, type Shape } from "./shape";
import type { DatasetSize } from "./sizes";

export type { DatasetSize } from "./sizes";

/**
 * The large dataset as plain data, from (size, seed, today) alone: no clock, no I/O, no database. The
 * writer (write.ts) stores it; the tests judge it with the app's own rules. Same inputs, same plan.
 */
export type Plan = {
  size: DatasetSize;
  seed: number;
  today: Day;
  /** The instant the data is "made": today's midnight (UTC). Sessions before today have taken place. */
  nowMs: number;
  shape: Shape;
  /** admins[0] is the demo administrator. */
  admins: Person[];
  org: Organisation;
  residents: PlanResidents;
  rotations: PlanRotations;
  sessions: PlanSession[];
  attendance: PlanAttendance;
  logbook: PlanLogbook;
  evaluations: PlanEvaluations;
  absences: PlanAbsences;
};

export type PhaseReport = (phase: string, counts: Record<string, number>) => void;

export function buildPlan(size: DatasetSize, seed: number, today: Date, report: PhaseReport = () => {}): Plan {
  const day = dayOf(today);
  const shape = shapeOf(size, day);
  const org = planOrganisation(size, shape, seed);
  report("organisation", {
    universities: org.universities.length,
    programmes: org.programmes.length,
    departments: org.departments.length,
    tutors: org.tutors.length,
    agreements: org.agreements.length,
  });
  const { residents, rotations } = planRotations(size, shape, org, seed);
  report("residents and rotations", { residents: residents.count, rotations: rotations.count });
  const { sessions, attendance } = planTeaching(size, shape, org, residents, rotations, seed);
  report("teaching", { sessions: sessions.length, attendance: attendance.count });
  const logbook = planLogbook({ seed, today: day, org, residents, rotations });
  report("logbooks", { activities: logbook.activityCount, entries: logbook.entryCount, months: logbook.monthCount });
  const evaluations = planEvaluations({ seed, today: day, rotations });
  report("evaluations", {
    "tutor evaluations": evaluations.tutorEvaluationCount,
    signed: evaluations.signedCount,
    submissions: evaluations.submissionCount,
    released: evaluations.releasedCount,
    sealed: evaluations.sealedCount,
  });
  const absences = planAbsences({ seed, today: day, rotations });
  report("absences", { absences: absences.count });
  const admins = [{ ...DEMO.admin }, new People(randomStream(seed, "admins")).next("ospedale-demo.it")];
  return {
    size,
    seed,
    today: day,
    nowMs: today.getTime(),
    shape,
    admins,
    org,
    residents,
    rotations,
    sessions,
    attendance,
    logbook,
    evaluations,
    absences,
  };
}
