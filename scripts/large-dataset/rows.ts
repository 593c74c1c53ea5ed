import { DAY_MS } from "~/domain/dates";
import { DEFAULT_FORMS, FORM_KINDS } from "~/domain/evaluations";
import { addYears } from "~/domain/dates";
import { academicYearOf, DEFAULT_YEAR_START } from "~/domain/teaching";
import { dateOf, dayOf, storedDay, storedInstant } from "./days";
import { ABSENCE_STATES } from "./plan-absences";
import type { Plan } from "./plan";
import { answersTo, EVALUATION, evaluationDays, residentAnswers, SETTINGS, TUTOR_NOTES } from "./plan-evaluations";
import { residentLogbooks } from "./plan-logbook";
import { rotationState, studentNumber } from "./plan-rotations";
import { ATTENDANCE_STATUSES } from "./plan-teaching";
import { idMaker, randomStream, uuidMaker } from "./random";

/**
 * The plan as the database rows Prisma would have written: every column of every table, in schema
 * order, with values stored as Prisma stores them (DateTime as "…T00:00:00.000+00:00" text, Boolean as
 * 0/1). Rows come from generators, table by table, so the biggest tables never sit in memory as rows.
 */
export type TableRows = { table: string; columns: string[]; count: number; rows: () => Iterable<unknown[]> };

export function tablesOf(plan: Plan, demoPasswordHash: string): TableRows[] {
  const { org, residents, rotations, sessions, attendance, logbook, evaluations, absences, seed } = plan;
  const stamp = storedInstant(plan.nowMs);
  const userId = idMaker(seed, "m");
  const residentId = idMaker(seed, "r");
  const rotationId = idMaker(seed, "t");
  const sessionId = idMaker(seed, "s");
  const seriesId = idMaker(seed, "x");
  const catalogueId = idMaker(seed, "c");
  const activityId = idMaker(seed, "v");
  const entryId = idMaker(seed, "e");
  const formId = idMaker(seed, "f");
  const formVersionId = idMaker(seed, "w");
  const tutorEvaluationId = idMaker(seed, "q");
  const absenceId = idMaker(seed, "b");
  const tutorForm = formVersionId(FORM_KINDS.indexOf("tutor-resident"));
  const residentForm = formVersionId(FORM_KINDS.indexOf("resident-rotation"));
  const admins = plan.admins.length;
  const tutorUser = (t: number) => userId(admins + t);
  const residentUser = (r: number) => userId(admins + org.tutors.length + r);
  const people = [
    ...plan.admins.map((p, i) => ({ ...p, role: "admin", demo: i === 0 })),
    ...org.tutors.map((p, t) => ({ ...p, role: "tutor", demo: t === 0 })),
    ...residents.people.map((p, r) => ({ ...p, role: "resident", demo: r === 0 })),
  ];
  const at = (day: number, hours = 0) => storedInstant(Math.min(day * DAY_MS + hours * 3_600_000, plan.nowMs));
  const optional = (ms: number | null) => (ms === null ? null : storedInstant(ms));

  return [
    {
      table: "User",
      columns: [
        "id",
        "email",
        "name",
        "language",
        "passwordHash",
        "calendarTokenHash",
        "active",
        "deactivatedAt",
        "createdAt",
        "updatedAt",
        "createdById",
      ],
      count: people.length,
      // The demo accounts alone can sign in (like the demo); the first administrator created the others.
      rows: () =>
        people.map((p, i) => [
          userId(i),
          p.email,
          p.name,
          null,
          p.demo ? demoPasswordHash : null,
          null,
          1,
          null,
          stamp,
          stamp,
          p.demo ? null : userId(0),
        ]),
    },
    { table: "UserRole", columns: ["userId", "role"], count: people.length, rows: () => people.map((p, i) => [userId(i), p.role]) },
    {
      table: "University",
      columns: ["id", "name", "shortName", "city", "contactOffice", "contactEmail", "archivedAt", "createdAt", "updatedAt"],
      count: org.universities.length,
      rows: () => org.universities.map((u) => [u.id, u.name, u.shortName, u.city, u.contactOffice, u.contactEmail, null, stamp, stamp]),
    },
    {
      table: "Programme",
      columns: [
        "id",
        "specialtyCode",
        "universityId",
        "directorName",
        "directorEmail",
        "durationYears",
        "archivedAt",
        "createdAt",
        "updatedAt",
      ],
      count: org.programmes.length,
      rows: () =>
        org.programmes.map((p) => [
          p.id,
          p.specialtyCode,
          org.universities[p.universityIndex]!.id,
          p.directorName,
          p.directorEmail,
          p.durationYears,
          null,
          stamp,
          stamp,
        ]),
    },
    {
      table: "Department",
      columns: ["id", "name", "headId", "capacity", "archivedAt", "createdAt", "updatedAt"],
      count: org.departments.length,
      rows: () =>
        org.departments.map((d) => [
          d.id,
          d.name,
          d.tutorIndexes.length ? tutorUser(d.tutorIndexes[0]!) : null,
          d.capacity,
          null,
          stamp,
          stamp,
        ]),
    },
    {
      table: "DepartmentTutor",
      columns: ["departmentId", "userId"],
      count: org.departments.reduce((n, d) => n + d.tutorIndexes.length, 0),
      rows: () => org.departments.flatMap((d) => d.tutorIndexes.map((t) => [d.id, tutorUser(t)])),
    },
    {
      table: "Resident",
      columns: [
        "id",
        "userId",
        "programmeId",
        "yearOfTraining",
        "studentNumber",
        "stayStart",
        "stayEnd",
        "tutorId",
        "insurancePolicy",
        "insuranceExpiry",
        "contractStart",
        "createdAt",
        "updatedAt",
      ],
      count: residents.count,
      rows: function* () {
        for (let r = 0; r < residents.count; r++) {
          const start = residents.stayStart[r]!;
          const end = residents.stayEnd[r]!;
          const policy = `RC-${new Date(start * DAY_MS).getUTCFullYear()}-${String(r + 4127).padStart(6, "0")}`;
          yield [
            residentId(r),
            residentUser(r),
            org.programmes[residents.programme[r]!]!.id,
            residents.year[r],
            studentNumber(r),
            storedDay(start),
            storedDay(end),
            tutorUser(residents.tutor[r]!),
            policy,
            storedDay(end + residents.insuranceSlack[r]!),
            // The contract began on the first day of an academic year, as many years back as the year of training says.
            storedDay(dayOf(addYears(academicYearOf(dateOf(plan.today), DEFAULT_YEAR_START).start, 1 - residents.year[r]!))),
            at(start - 60, 9),
            at(start - 60, 9),
          ];
        }
      },
    },
    {
      table: "Agreement",
      columns: [
        "id",
        "universityId",
        "facilityRole",
        "startDate",
        "endDate",
        "signedOn",
        "notes",
        "terminatedOn",
        "terminationReason",
        "renewsId",
        "documentId",
        "createdAt",
        "updatedAt",
      ],
      count: org.agreements.length,
      rows: () =>
        org.agreements.map((a) => {
          const created = at(Math.min(a.start, a.signedOn ?? a.start) - 30, 10);
          const updated = a.terminatedOn === null ? created : at(a.terminatedOn - 30, 10);
          const renews = a.renewsIndex === null ? null : org.agreements[a.renewsIndex]!.id;
          const day = (d: number | null) => (d === null ? null : storedDay(d));
          return [
            a.id,
            org.universities[a.universityIndex]!.id,
            a.facilityRole,
            storedDay(a.start),
            storedDay(a.end),
            day(a.signedOn),
            a.notes,
            day(a.terminatedOn),
            a.terminationReason,
            renews,
            null,
            created,
            updated,
          ];
        }),
    },
    {
      table: "AgreementProgramme",
      columns: ["agreementId", "programmeId", "posts"],
      count: org.agreements.reduce((n, a) => n + a.programmes.length, 0),
      rows: () => org.agreements.flatMap((a) => a.programmes.map((p) => [a.id, org.programmes[p.programmeIndex]!.id, p.posts])),
    },
    {
      table: "Rotation",
      columns: ["id", "residentId", "departmentId", "tutorId", "startDate", "endDate", "state", "notes", "createdAt", "updatedAt"],
      count: rotations.count,
      rows: function* () {
        for (let i = 0; i < rotations.count; i++) {
          const start = rotations.start[i]!;
          const created = at(start - 45, 11);
          yield [
            rotationId(i),
            residentId(rotations.resident[i]!),
            org.departments[rotations.department[i]!]!.id,
            tutorUser(rotations.tutor[i]!),
            storedDay(start),
            storedDay(rotations.end[i]!),
            rotationState(start, plan.today),
            null,
            created,
            created,
          ];
        }
      },
    },
    {
      table: "TeachingSession",
      columns: [
        "id",
        "title",
        "type",
        "date",
        "startTime",
        "durationMinutes",
        "place",
        "link",
        "departmentId",
        "seriesId",
        "cancelledAt",
        "cancelReason",
        "confirmedAt",
        "confirmedById",
        "createdById",
        "createdAt",
        "updatedAt",
      ],
      count: sessions.length,
      rows: function* () {
        for (const [i, s] of sessions.entries()) {
          const updated = Math.max(s.createdAtMs, s.cancelledAtMs ?? 0, s.confirmedAtMs ?? 0);
          const confirmedBy = s.confirmedAtMs === null ? null : tutorUser(s.lead);
          yield [
            sessionId(i),
            s.title,
            s.type,
            storedDay(s.day),
            s.startTime,
            s.durationMinutes,
            s.place,
            s.link,
            org.departments[s.department]!.id,
            seriesId(s.series),
            optional(s.cancelledAtMs),
            s.cancelReason,
            optional(s.confirmedAtMs),
            confirmedBy,
            tutorUser(s.lead),
            storedInstant(s.createdAtMs),
            storedInstant(updated),
          ];
        }
      },
    },
    {
      table: "TeachingTutor",
      columns: ["sessionId", "userId", "lead"],
      count: sessions.reduce((n, s) => n + (s.coTutor >= 0 ? 2 : 1), 0),
      rows: function* () {
        for (const [i, s] of sessions.entries()) {
          yield [sessionId(i), tutorUser(s.lead), 1];
          if (s.coTutor >= 0) yield [sessionId(i), tutorUser(s.coTutor), 0];
        }
      },
    },
    {
      table: "TeachingProgramme",
      columns: ["sessionId", "programmeId"],
      count: sessions.reduce((n, s) => n + s.programmes.length, 0),
      rows: function* () {
        for (const [i, s] of sessions.entries()) for (const p of s.programmes) yield [sessionId(i), org.programmes[p]!.id];
      },
    },
    {
      table: "Attendance",
      columns: ["sessionId", "residentId", "status", "markedAt", "markedById"],
      count: attendance.count,
      rows: function* () {
        // Marks are grouped by session: each session's ids and confirmation are formatted once.
        let current = -1;
        let session = "";
        let markedAt = "";
        let markedBy = "";
        for (let n = 0; n < attendance.count; n++) {
          const i = attendance.session[n]!;
          if (i !== current) {
            const s = sessions[i]!;
            current = i;
            session = sessionId(i);
            markedAt = storedInstant(s.confirmedAtMs!);
            markedBy = tutorUser(s.lead);
          }
          yield [session, residentId(attendance.resident[n]!), ATTENDANCE_STATUSES[attendance.status[n]!], markedAt, markedBy];
        }
      },
    },
    {
      table: "LogbookCatalogue",
      columns: ["id", "programmeId", "version", "validFrom", "createdAt", "createdById"],
      count: org.programmes.length,
      rows: () =>
        org.programmes.map((p, i) => [catalogueId(i), p.id, 1, storedDay(logbook.validFrom), at(logbook.validFrom - 14, 10), userId(0)]),
    },
    {
      table: "LogbookActivity",
      columns: ["id", "catalogueId", "code", "category", "labelIt", "labelEn", "position", "minimums"],
      count: logbook.activityCount,
      rows: function* () {
        for (const [p, list] of logbook.activities.entries())
          for (const [position, a] of list.entries())
            yield [
              activityId(logbook.firstActivity[p]! + position),
              catalogueId(p),
              a.code,
              a.category,
              a.labelIt,
              a.labelEn,
              position,
              a.minimums,
            ];
      },
    },
    {
      table: "LogbookEntry",
      columns: [
        "id",
        "residentId",
        "activityId",
        "date",
        "count",
        "degree",
        "tutorId",
        "departmentId",
        "note",
        "caseRef",
        "status",
        "returnReason",
        "decidedById",
        "decidedAt",
        "createdAt",
        "updatedAt",
      ],
      count: logbook.entryCount,
      // Logged on the evening of the day; decided by the rotation's tutor in the afternoon of a later day.
      rows: function* () {
        let n = 0;
        for (const { resident, entries } of residentLogbooks(plan, logbook)) {
          const owner = residentId(resident);
          const first = logbook.firstActivity[residents.programme[resident]!]!;
          for (const e of entries) {
            const tutor = tutorUser(rotations.tutor[e.rotation]!);
            const created = at(e.day, 18);
            const decided = e.decidedDay < 0 ? null : at(e.decidedDay, 16);
            yield [
              entryId(n++),
              owner,
              activityId(first + e.activity),
              storedDay(e.day),
              e.count,
              e.degree,
              tutor,
              org.departments[rotations.department[e.rotation]!]!.id,
              e.note,
              e.caseRef,
              e.status,
              e.returnReason,
              decided === null ? null : tutor,
              decided,
              created,
              decided ?? created,
            ];
          }
        }
      },
    },
    {
      table: "LogbookMonth",
      columns: ["residentId", "month", "countersignedAt", "reopenedAt", "reopenReason"],
      count: logbook.monthCount,
      rows: function* () {
        for (const { resident, months } of residentLogbooks(plan, logbook))
          for (const m of months) yield [residentId(resident), m.month, at(m.countersignedDay, 9), null, null];
      },
    },
    // The hospital's two forms (one version each), made the day before the first evaluation opened.
    {
      table: "EvaluationForm",
      columns: ["id", "kind", "programmeId", "createdAt"],
      count: FORM_KINDS.length,
      rows: () => FORM_KINDS.map((kind, k) => [formId(k), kind, null, at(evaluations.formsDay, 9)]),
    },
    {
      table: "EvaluationFormVersion",
      columns: ["id", "formId", "version", "items", "createdAt"],
      count: FORM_KINDS.length,
      rows: () =>
        FORM_KINDS.map((kind, k) => [formVersionId(k), formId(k), 1, JSON.stringify(DEFAULT_FORMS[kind]), at(evaluations.formsDay, 9)]),
    },
    {
      table: "TutorEvaluation",
      columns: [
        "id",
        "rotationId",
        "formVersionId",
        "answers",
        "assigneeId",
        "signedAt",
        "signedById",
        "acknowledgedAt",
        "residentComment",
        "createdAt",
        "updatedAt",
      ],
      count: evaluations.tutorEvaluationCount,
      // Begun within a week of opening; signed by the rotation's tutor in the fortnight after its end (on
      // time), most acknowledged by the resident two days later. The demo resident has acknowledged only
      // the older ones, as in the demo.
      rows: function* () {
        const random = randomStream(seed, "tutor-evaluations");
        const items = DEFAULT_FORMS["tutor-resident"];
        let n = 0;
        for (let i = 0; i < rotations.count; i++) {
          const f = evaluations.flags[i]!;
          if (!(f & EVALUATION.TUTOR)) continue;
          const end = rotations.end[i]!;
          const begun = random.int(0, 6);
          const delay = random.int(1, SETTINGS.dueDays);
          const acknowledges = random.chance(0.8);
          const answers = JSON.stringify(answersTo(items, TUTOR_NOTES, random));
          const signed = (f & EVALUATION.SIGNED) !== 0;
          const signedDay = end + delay;
          const createdDay = Math.min(evaluationDays(rotations, i).opens + begun, signed ? signedDay : plan.today);
          const acknowledged = signed && acknowledges && (rotations.resident[i] !== 0 || end < plan.today - 90);
          const signedAt = signed ? at(signedDay, 17) : null;
          const acknowledgedAt = acknowledged ? at(signedDay + 2, 12) : null;
          const createdAt = at(createdDay, 10);
          yield [
            tutorEvaluationId(n++),
            rotationId(i),
            tutorForm,
            answers,
            null,
            signedAt,
            signed ? tutorUser(rotations.tutor[i]!) : null,
            acknowledgedAt,
            null,
            createdAt,
            acknowledgedAt ?? signedAt ?? createdAt,
          ];
        }
      },
    },
    {
      table: "EvaluationSubmission",
      columns: ["rotationId", "residentId"],
      count: evaluations.submissionCount,
      rows: function* () {
        for (let i = 0; i < rotations.count; i++)
          if (evaluations.flags[i]! & EVALUATION.SUBMITTED) yield [rotationId(i), residentId(rotations.resident[i]!)];
      },
    },
    // The residents' answers: no resident, rotation or time, random ids, in a random order per period.
    {
      table: "SealedEvaluationAnswer",
      columns: ["id", "period", "payload"],
      count: evaluations.sealedCount,
      rows: function* () {
        const uuid = uuidMaker(randomStream(seed, "sealed-answer-ids"));
        const items = DEFAULT_FORMS["resident-rotation"];
        for (const period of evaluations.periods) {
          if (period.released) continue;
          for (const i of period.rotations) {
            const payload = {
              formVersionId: residentForm,
              tutorId: tutorUser(rotations.tutor[i]!),
              departmentId: org.departments[rotations.department[i]!]!.id,
              answers: residentAnswers(seed, i, items),
            };
            yield [uuid(), period.key, JSON.stringify(payload)];
          }
        }
      },
    },
    {
      table: "EvaluationAnswer",
      columns: ["id", "period", "formVersionId", "tutorId", "departmentId", "answers", "redacted"],
      count: evaluations.releasedCount,
      rows: function* () {
        const uuid = uuidMaker(randomStream(seed, "released-answer-ids"));
        const items = DEFAULT_FORMS["resident-rotation"];
        for (const period of evaluations.periods) {
          if (!period.released) continue;
          for (const i of period.rotations)
            yield [
              uuid(),
              period.key,
              residentForm,
              tutorUser(rotations.tutor[i]!),
              org.departments[rotations.department[i]!]!.id,
              JSON.stringify(residentAnswers(seed, i, items)),
              "[]",
            ];
        }
      },
    },
    {
      table: "Absence",
      columns: [
        "id",
        "residentId",
        "kind",
        "protectedType",
        "startDate",
        "endDate",
        "state",
        "note",
        "rotationId",
        "decidedById",
        "decidedAt",
        "reason",
        "documentId",
        "createdAt",
        "updatedAt",
      ],
      count: absences.count,
      // Leave asked for three weeks ahead and decided within the week by the rotation's tutor; an illness
      // recorded by the demo administrator on its first day.
      rows: function* () {
        for (let a = 0; a < absences.count; a++) {
          const start = absences.start[a]!;
          const state = ABSENCE_STATES[absences.state[a]!]!;
          const rotation = absences.rotation[a]!;
          const leave = rotation >= 0;
          const decided = state !== "requested";
          const decider = leave ? tutorUser(rotations.tutor[rotation]!) : userId(0);
          yield [
            absenceId(a),
            residentId(absences.resident[a]!),
            leave ? "personal" : "protected",
            leave ? null : "illness",
            storedDay(start),
            storedDay(absences.end[a]!),
            state,
            leave && a % 3 === 0 ? "Visita specialistica" : null,
            leave ? rotationId(rotation) : null,
            decided ? decider : null,
            decided ? at(leave ? start - 14 : start, 10) : null,
            state === "declined" ? "Reparto scoperto quella settimana" : null,
            null,
            at(leave ? start - 21 : start, 9),
            at(leave && decided ? start - 14 : start, 10),
          ];
        }
      },
    },
    {
      table: "EvaluationRelease",
      columns: ["period", "releasedAt", "answers"],
      count: evaluations.periods.filter((p) => p.released).length,
      rows: () => evaluations.periods.filter((p) => p.released).map((p) => [p.key, storedDay(plan.today), p.rotations.length]),
    },
  ];
}
