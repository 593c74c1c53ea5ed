import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, toIsoDate } from "~/domain/dates";
import { createProgrammeForm, formVersionFor } from "~/models/evaluation-form.server";
import { prisma } from "~/utils/db.server";
import {
  addressOf,
  databaseWatch,
  isTranslationKey,
  messagesOf,
  post,
  RAW_BODIES,
  type Action,
  type Answer,
} from "../../test/fuzz/harness";
import { describe as show, mutate, mutation, type Fields } from "../../test/fuzz/payload";
import { strangeRecordId } from "../../test/fuzz/values";
import { makeWorld, type Actor, type World } from "../../test/fuzz/world";
import { action as agreementEdit } from "./admin.agreements.$agreementId";
import { action as agreementNew } from "./admin.agreements.new";
import { action as certificates } from "./admin.certificates";
import { action as departmentEdit } from "./admin.departments.$departmentId";
import { action as departmentNew } from "./admin.departments.new";
import { action as programmeEdit } from "./admin.programmes.$programmeId";
import { action as programmeCatalogue } from "./admin.programmes.$programmeId_.logbook";
import { action as programmeNew } from "./admin.programmes.new";
import { action as residentEdit } from "./admin.residents.$residentId";
import { action as residentLogbook } from "./admin.residents.$residentId_.logbook";
import { action as importApplyStream } from "./admin.residents.import.$importId.apply";
import { action as importApply } from "./admin.residents.import.$importId";
import { action as importUpload } from "./admin.residents.import._index";
import { action as importUploadStream } from "./admin.residents.import.upload";
import { action as residentNew } from "./admin.residents.new";
import { action as rotationEdit } from "./admin.rotations.$rotationId";
import { action as rotationNew } from "./admin.rotations.new";
import { action as settings } from "./admin.settings";
import { action as evaluationFormEdit } from "./admin.evaluations.forms.$formId";
import { action as evaluationForms } from "./admin.evaluations.forms._index";
import { action as universityEdit } from "./admin.universities.$universityId";
import { action as universityNew } from "./admin.universities.new";
import { action as userEdit } from "./admin.users.$userId";
import { action as userNew } from "./admin.users.new";
import { action as language } from "./language";
import { action as notifications } from "./notifications._index";
import { action as notificationPreferences } from "./notifications.preferences";
import { action as unsubscribe } from "./unsubscribe.$unsubscribeToken";
import { action as login } from "./login";
import { action as logout } from "./logout";
import { action as profile } from "./profile";
import { action as setPassword } from "./set-password.$token";
import { action as teachingEdit } from "./tutor.teaching.$sessionId";
import { action as attendance } from "./tutor.teaching.$sessionId_.attendance";
import { action as logbookReview } from "./tutor.logbook";
import { action as myLogbook } from "./me.logbook";
import { action as myLogbookEntry } from "./me.logbook_.$entryId";
import { action as tutorEvaluation } from "./tutor.evaluations.$rotationId";
import { action as myEvaluations } from "./me.evaluations._index";
import { action as adminTutorEvaluation } from "./admin.evaluations.tutor.$rotationId";
import { action as myRotationEvaluation } from "./me.evaluations.$rotationId";
import { action as evaluationResults } from "./admin.evaluations.results";
import { action as teachingNew } from "./tutor.teaching.new";
import { action as myAbsences } from "./me.absences";
import { action as tutorAbsences } from "./tutor.absences";
import { action as adminAbsences } from "./admin.absences._index";
import { action as residentAbsences } from "./admin.residents.$residentId_.absences";
import { action as progressionRecord } from "./admin.progression.$residentId";
import { action as progressionImport } from "./admin.progression.import";

/**
 * Bad input never breaks the portal (issue 8). Every action of the app is sent, as each role, a valid
 * form changed by up to four generated mutations: fields dropped, repeated or added (names no form has,
 * indexes in the millions), values replaced by empty and 100 KB texts, control characters and emoji,
 * markup and SQL, numbers and days out of range, files where texts were expected, and the ids of
 * records that do not exist or belong to someone else; the record in the address is swapped too, and
 * now and then the body is no form at all (JSON, broken multipart, no type).
 *
 * For every request: never a 5xx (an exception that is not a Response is one); a refusal (4xx, or a
 * role the action is not for) leaves every row of the database as it was; a refused form that answers
 * with data carries a message, and every message key exists in both catalogues. The unchanged valid
 * form (no mutation) is in the mix too, so that the checks also run after real writes.
 *
 * FUZZ_RUNS=n changes the number of requests per action (default 12; CI keeps the default).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

type Prepared = { url: string; params: Record<string, string>; fields: Fields };
type Target = {
  name: string;
  action: Action;
  /** Who the action is for; anyone else is refused. */
  for: Actor[];
  /** The address, its parameters and a valid form, with fresh records where the action may use them up. */
  prepare: (w: World) => Promise<Prepared>;
  /** The form is refused as it is (a wrong password), and only its mutations may be accepted. */
  refusedAsIs?: true;
};

const ALL: Actor[] = ["anonymous", "resident", "tutor", "admin"];
const SIGNED_IN: Actor[] = ["resident", "tutor", "admin"];
const day = (w: World, offset: number) => toIsoDate(addDays(w.today, offset));
const version = (record: { updatedAt: Date }) => record.updatedAt.toISOString();
const at = (url: string, params: Record<string, string>, fields: Fields): Prepared => ({ url, params, fields });
const csv = (w: World) =>
  new File(
    [
      `matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza\r\nN-${w.tag};Bianchi;Luca;luca.${w.tag}@fuzz.test;Oncologia medica;1;01/01/2027;31/12/2027\r\n`,
    ],
    "residents.csv",
    { type: "text/csv" },
  );

const CATALOGUE_FILE =
  "codice;categoria;attivita_it;attivita_en;1_supporto;tot_autonomia\r\nvisita;Clinica;Prima visita;First visit;10;30\r\nbiopsia;Procedure;Biopsia;Biopsy;;4\r\n";

const universityFields: Fields = [
  ["name", "Università Nuova"],
  ["shortName", "UN"],
  ["city", "Bergamo"],
  ["contactOffice", "Segreteria"],
  ["contactEmail", "scuole@un.example.it"],
];
const agreementFields = (w: World, programme: { id: string; universityId: string }): Fields => [
  ["universityId", programme.universityId],
  ["facilityRole", "collegata"],
  ["startDate", day(w, 30)],
  ["endDate", day(w, 500)],
  ["signedOn", day(w, 0)],
  ["notes", "Rinnovo"],
  ["coverage[0].programmeId", programme.id],
  ["coverage[0].posts", "3"],
];
const programmeFields = (w: World): Fields => [
  ["specialtyCode", "radioterapia"],
  ["universityId", w.university.id],
  ["directorName", "Prof. Anna Blu"],
  ["directorEmail", "anna.blu@example.it"],
  ["durationYears", "4"],
];
const residentRecord = (w: World): Fields => [
  ["programmeId", w.programme.id],
  ["yearOfTraining", "2"],
  ["studentNumber", `S-${Math.random().toString(36).slice(2, 10)}`],
  ["stayStart", day(w, -10)],
  ["stayEnd", day(w, 200)],
  ["tutorId", w.tutor.id],
  ["insurancePolicy", "POL-1"],
  ["insuranceExpiry", day(w, 365)],
];
const rotationFields = (w: World, residentId: string, tutorId: string): Fields => [
  ["residentId", residentId],
  ["departmentId", w.department.id],
  ["tutorId", tutorId],
  ["startDate", day(w, 100)],
  ["endDate", day(w, 120)],
  ["state", "planned"],
  ["notes", "Turno"],
];
const teachingFields = (w: World): Fields => [
  ["title", "Lezione di prova"],
  ["type", "seminar"],
  ["date", day(w, 3)],
  ["startTime", "10:30"],
  ["durationMinutes", "45"],
  ["place", "Aula Magna"],
  ["link", "https://meet.example.it/x"],
  ["departmentId", w.department.id],
  ["programmeIds", w.programme.id],
  ["coTutorIds", w.otherTutor.id],
];

/**
 * A confirmed rotation of the world's resident under its tutor that ended yesterday, so that its tutor's
 * evaluation is open; signed (every item answered) when asked.
 */
async function evaluatedRotation(w: World, { signed = false } = {}) {
  const rotation = await prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: w.department.id,
      tutorId: w.tutor.id,
      startDate: addDays(w.today, -30),
      endDate: w.yesterday,
      state: "confirmed",
    },
  });
  if (signed) {
    const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", w.programme.id));
    await prisma.tutorEvaluation.create({
      data: { rotationId: rotation.id, formVersionId: version.id, answers: "{}", signedAt: new Date(), signedById: w.tutor.id },
    });
  }
  return rotation;
}

/** An answer to every item of the form the world's resident is evaluated on, as the tutor's form sends them. */
async function evaluationAnswers(w: World): Promise<Fields> {
  const { items } = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", w.programme.id));
  return items.map((item) => [`item.${item.key}`, item.type === "rating" ? "2" : item.type === "yesno" ? "yes" : "Attento e puntuale"]);
}

let leaveDays = 0;
/** A day of leave that no earlier request of the world's resident has taken. */
function freshLeaveDay(w: World): string {
  return toIsoDate(addDays(w.today, 45 + leaveDays++));
}

/** A request of leave of the world's resident; with `tutor`, on a rotation the world's tutor supervises. */
async function requestedLeave(w: World, { tutor = false } = {}) {
  const day = new Date(`${freshLeaveDay(w)}T00:00:00Z`);
  return prisma.absence.create({
    data: {
      residentId: w.resident.id,
      kind: "personal",
      state: "requested",
      startDate: day,
      endDate: day,
      rotationId: tutor ? (await evaluatedRotation(w)).id : null,
    },
  });
}

const TARGETS: Target[] = [
  {
    name: "sign in",
    action: login,
    for: ["anonymous"],
    refusedAsIs: true,
    prepare: async (w) =>
      at("/login", {}, [
        ["email", w.admin.email],
        ["password", "wrong password"],
        ["redirectTo", "/admin"],
      ]),
  },
  { name: "sign out", action: logout, for: ALL, prepare: async () => at("/logout", {}, []) },
  {
    name: "choose a language",
    action: language,
    for: ALL,
    prepare: async () =>
      at("/language", {}, [
        ["language", "en"],
        ["redirectTo", "/"],
      ]),
  },
  {
    name: "profile: language",
    action: profile,
    for: SIGNED_IN,
    prepare: async () =>
      at("/profile", {}, [
        ["intent", "language"],
        ["language", "it"],
      ]),
  },
  {
    name: "profile: password",
    action: profile,
    for: SIGNED_IN,
    refusedAsIs: true,
    prepare: async () =>
      at("/profile", {}, [
        ["intent", "password"],
        ["currentPassword", "x"],
        ["newPassword", "Nuova-Password-2026!"],
        ["confirmPassword", "Nuova-Password-2026!"],
      ]),
  },
  {
    name: "profile: sessions and calendar",
    action: profile,
    for: SIGNED_IN,
    prepare: async () =>
      at("/profile", {}, [
        ["intent", "calendar"],
        ["sessionId", "none"],
      ]),
  },
  {
    name: "set a password from a link",
    action: setPassword,
    // Holding the link is the permission: a link opened where someone else is signed in still works.
    for: ALL,
    prepare: async (w) => {
      const token = await w.fresh.passwordToken();
      return at("/set-password/:token", { token }, [
        ["newPassword", "Lunga-Password-2026!"],
        ["confirmPassword", "Lunga-Password-2026!"],
      ]);
    },
  },
  {
    name: "open a notification",
    action: notifications,
    // Everyone's own; another person's (the world's other resident's among the ids a mutation swaps in) is not found.
    for: SIGNED_IN,
    prepare: async (w) =>
      at("/notifications", {}, [
        ["intent", "open"],
        ["id", (await w.fresh.notification(w.admin.id)).id],
      ]),
  },
  {
    name: "mark a notification read, or all of them",
    action: notifications,
    for: SIGNED_IN,
    prepare: async (w) =>
      at("/notifications", {}, [
        ["intent", "read"],
        ["id", (await w.fresh.notification(w.admin.id)).id],
        ["page", "2"],
      ]),
  },
  {
    name: "mark all notifications read",
    action: notifications,
    for: SIGNED_IN,
    prepare: async (w) => {
      await w.fresh.notification(w.admin.id);
      return at("/notifications", {}, [["intent", "read-all"]]);
    },
  },
  {
    name: "notification preferences",
    action: notificationPreferences,
    for: SIGNED_IN,
    // Categories every role chooses for, each moved to another mode than the one it has, so that saving changes something.
    prepare: async (w) => {
      const saved = await prisma.notificationPreference.findMany({ where: { userId: w.admin.id } });
      const next = (category: string) => {
        const modes = ["immediate", "daily", "weekly", "portal"];
        const now = saved.find((p) => p.category === category)?.mode ?? (category === "logbook" ? "daily" : "immediate");
        return modes[(modes.indexOf(now) + 1) % modes.length]!;
      };
      return at("/notifications/preferences", {}, [
        ["rotations", next("rotations")],
        ["logbook", next("logbook")],
      ]);
    },
  },
  {
    name: "unsubscribe by an e-mail's link",
    action: unsubscribe,
    // The signed link is the permission, whoever is signed in or not (a mail provider posts it).
    for: ALL,
    prepare: async (w) =>
      at("/unsubscribe/:unsubscribeToken", { unsubscribeToken: await w.fresh.unsubscribeToken() }, [["List-Unsubscribe", "One-Click"]]),
  },
  {
    name: "new university",
    action: universityNew,
    for: ["admin"],
    prepare: async () =>
      at(
        "/admin/universities/new",
        {},
        universityFields.map(([n, v]) => [n, n === "name" ? `${v} ${Math.random()}` : v]),
      ),
  },
  {
    name: "edit a university",
    action: universityEdit,
    for: ["admin"],
    prepare: async (w) => {
      const u = await w.fresh.university();
      return at("/admin/universities/:universityId", { universityId: u.id }, [
        ["intent", "update"],
        ["version", version(u)],
        ...universityFields.map(([n, v]): [string, string] => [n, n === "name" ? `${String(v)} ${u.id}` : String(v)]),
      ]);
    },
  },
  {
    name: "archive or delete a university",
    action: universityEdit,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/universities/:universityId", { universityId: (await w.fresh.university()).id }, [["intent", "delete"]]),
  },
  {
    name: "new department",
    action: departmentNew,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/departments/new", {}, [
        ["name", `Reparto ${Math.random()}`],
        ["capacity", "4"],
        ["headId", w.tutor.id],
        ["tutorIds", w.tutor.id],
      ]),
  },
  {
    name: "edit a department",
    action: departmentEdit,
    for: ["admin"],
    prepare: async (w) => {
      const d = await w.fresh.department();
      return at("/admin/departments/:departmentId", { departmentId: d.id }, [
        ["intent", "update"],
        ["version", version(d)],
        ["name", d.name],
        ["capacity", "5"],
        ["headId", w.tutor.id],
        ["tutorIds", w.otherTutor.id],
      ]);
    },
  },
  {
    name: "new programme",
    action: programmeNew,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/programmes/new", {}, [
        ...programmeFields(w).filter(([n]) => n !== "universityId"),
        ["universityId", (await w.fresh.university()).id],
      ]),
  },
  {
    name: "edit a programme",
    action: programmeEdit,
    for: ["admin"],
    prepare: async (w) => {
      const p = await w.fresh.programme();
      return at("/admin/programmes/:programmeId", { programmeId: p.id }, [
        ["intent", "update"],
        ["version", version(p)],
        ...programmeFields(w).map(([n, v]): [string, string] => [n, n === "universityId" ? p.universityId : String(v)]),
      ]);
    },
  },
  {
    name: "new agreement",
    action: agreementNew,
    for: ["admin"],
    prepare: async (w) => at("/admin/agreements/new", {}, agreementFields(w, await w.fresh.programme())),
  },
  {
    name: "edit, renew, terminate an agreement",
    action: agreementEdit,
    for: ["admin"],
    prepare: async (w) => {
      const a = await w.fresh.agreement();
      return at("/admin/agreements/:agreementId", { agreementId: a.id }, [
        ["intent", "update"],
        ["version", version(a)],
        ...agreementFields(w, { id: a.programmes[0]!.programmeId, universityId: a.universityId }),
        ["terminatedOn", day(w, 60)],
        ["terminationReason", "Chiusura"],
      ]);
    },
  },
  {
    name: "attach an agreement's document",
    action: agreementEdit,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/agreements/:agreementId", { agreementId: (await w.fresh.agreement()).id }, [
        ["intent", "upload"],
        ["document", new File(["%PDF-1.4\n%%EOF\n"], "signed.pdf", { type: "application/pdf" })],
      ]),
  },
  {
    name: "new resident",
    action: residentNew,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/residents/new", {}, [
        ["name", "Marta Gialli"],
        ["email", `marta.${Math.random()}@fuzz.test`],
        ["language", "it"],
        ...residentRecord(w),
      ]),
  },
  {
    name: "edit a resident",
    action: residentEdit,
    for: ["admin"],
    prepare: async (w) => {
      const r = await prisma.resident.findUniqueOrThrow({ where: { id: w.otherResident.id } });
      return at("/admin/residents/:residentId", { residentId: r.id }, [
        ["intent", "update"],
        ["version", version(r)],
        ...residentRecord(w).map(([n, v]): [string, string] => [n, n === "studentNumber" ? r.studentNumber : String(v)]),
      ]);
    },
  },
  {
    name: "upload residents",
    action: importUpload,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/residents/import", {}, [
        ["universityId", w.university.id],
        ["file", csv(w)],
      ]),
  },
  {
    name: "upload residents (streamed)",
    action: importUploadStream,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/residents/import/upload", {}, [
        ["universityId", w.university.id],
        ["file", csv(w)],
      ]),
  },
  {
    name: "apply an import",
    action: importApply,
    for: ["admin"],
    prepare: async (w) => at("/admin/residents/import/:importId", { importId: (await w.fresh.residentImport()).id }, [["intent", "apply"]]),
  },
  {
    name: "apply an import (streamed)",
    action: importApplyStream,
    for: ["admin"],
    prepare: async (w) => at("/admin/residents/import/:importId/apply", { importId: (await w.fresh.residentImport()).id }, []),
  },
  {
    name: "new rotation",
    action: rotationNew,
    for: ["admin"],
    prepare: async (w) => at("/admin/rotations/new", {}, rotationFields(w, w.resident.id, w.tutor.id)),
  },
  {
    name: "edit or cancel a rotation",
    action: rotationEdit,
    for: ["admin"],
    prepare: async (w) => {
      const r = await w.fresh.rotation();
      return at("/admin/rotations/:rotationId", { rotationId: r.id }, [
        ["intent", "update"],
        ["version", version(r)],
        ...rotationFields(w, w.otherResident.id, w.otherTutor.id),
      ]);
    },
  },
  {
    name: "new user",
    action: userNew,
    for: ["admin"],
    prepare: async () =>
      at("/admin/users/new", {}, [
        ["name", "Nuovo Tutor"],
        ["email", `nuovo.${Math.random()}@fuzz.test`],
        ["roles", "tutor"],
        ["language", "en"],
      ]),
  },
  {
    name: "edit, deactivate, send a link to a user",
    action: userEdit,
    for: ["admin"],
    prepare: async (w) => {
      const u = await w.fresh.user();
      return at("/admin/users/:userId", { userId: u.id }, [
        ["intent", "update"],
        ["version", version(u)],
        ["name", u.name],
        ["email", u.email],
        ["roles", "tutor"],
        ["roles", "resident"],
      ]);
    },
  },
  {
    name: "academic year",
    action: settings,
    for: ["admin"],
    prepare: async () =>
      at("/admin/settings", {}, [
        ["month", "11"],
        ["day", "1"],
      ]),
  },
  {
    name: "digest hour",
    action: settings,
    for: ["admin"],
    prepare: async () =>
      at("/admin/settings", {}, [
        ["intent", "digest-hour"],
        ["hour", "7"],
      ]),
  },
  {
    name: "evaluation settings",
    action: settings,
    for: ["admin"],
    prepare: async () =>
      at("/admin/settings", {}, [
        ["intent", "evaluations"],
        ["openDays", "14"],
        ["dueDays", "14"],
        ["period", "year"],
      ]),
  },
  {
    name: "absence settings",
    action: settings,
    for: ["admin"],
    prepare: async () =>
      at("/admin/settings", {}, [
        ["intent", "absences"],
        ["personalDays", "30"],
        ["countMode", "working"],
        ["suspensionAfter", "40"],
        ["retentionYears", "10"],
        ["patronMonth", "12"],
        ["patronDay", "7"],
      ]),
  },
  {
    name: "request leave",
    action: myAbsences,
    for: ["resident"],
    prepare: async (w) => {
      const day = freshLeaveDay(w);
      return at("/me/absences", {}, [
        ["intent", "request"],
        ["startDate", day],
        ["endDate", day],
        ["note", "Matrimonio di mia sorella"],
      ]);
    },
  },
  {
    name: "cancel leave",
    action: myAbsences,
    for: ["resident"],
    prepare: async (w) =>
      at("/me/absences", {}, [
        ["intent", "cancel"],
        ["absenceId", (await requestedLeave(w)).id],
      ]),
  },
  {
    name: "approve leave as the rotation's tutor",
    action: tutorAbsences,
    for: ["tutor"],
    prepare: async (w) =>
      at("/tutor/absences", {}, [
        ["intent", "approve"],
        ["absenceId", (await requestedLeave(w, { tutor: true })).id],
      ]),
  },
  {
    name: "decline leave as an administrator",
    action: adminAbsences,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/absences", {}, [
        ["intent", "decline"],
        ["absenceId", (await requestedLeave(w)).id],
        ["reason", "Sovrapposta agli esami di fine anno"],
      ]),
  },
  {
    name: "record a protected absence",
    action: residentAbsences,
    for: ["admin"],
    prepare: async (w) => {
      const day = freshLeaveDay(w);
      return at("/admin/residents/:residentId/absences", { residentId: w.resident.id }, [
        ["intent", "record"],
        ["kind", "protected"],
        ["protectedType", "illness"],
        ["startDate", day],
        ["endDate", day],
      ]);
    },
  },
  {
    name: "record a year's outcome",
    action: progressionRecord,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/progression/:residentId", { residentId: (await w.fresh.roundResident()).id }, [
        ["outcome", "repeats"],
        ["decidedOn", toIsoDate(w.today)],
        ["note", "Frequenza insufficiente"],
      ]),
  },
  {
    name: "import a round's outcomes",
    action: progressionImport,
    for: ["admin"],
    prepare: async (w) => {
      const { studentNumber } = await w.fresh.roundResident();
      return at(`/admin/progression/import?programme=${w.programme.id}`, {}, [
        ["intent", "apply"],
        ["content", `matricola;esito;decorrenza\r\n${studentNumber};ripete;${toIsoDate(w.today)}\r\n`],
      ]);
    },
  },
  {
    name: "change an absence's dates",
    action: residentAbsences,
    for: ["admin"],
    prepare: async (w) => {
      const leave = await requestedLeave(w);
      const day = toIsoDate(leave.startDate);
      return at("/admin/residents/:residentId/absences", { residentId: w.resident.id }, [
        ["intent", "change"],
        ["absenceId", leave.id],
        ["startDate", day],
        ["endDate", day],
        ["reason", "Date corrette dal certificato"],
      ]);
    },
  },
  {
    name: "withdraw an absence",
    action: residentAbsences,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/residents/:residentId/absences", { residentId: w.resident.id }, [
        ["intent", "withdraw"],
        ["absenceId", (await requestedLeave(w)).id],
        ["reason", "Registrata per errore"],
      ]),
  },
  {
    name: "edit an evaluation form",
    action: evaluationFormEdit,
    for: ["admin"],
    prepare: async (w) => {
      // A programme's own form, each question reworded: the valid form changes it.
      const programme = await w.fresh.programme();
      await createProgrammeForm(w.admin.id, programme.id);
      const version = await formVersionFor(prisma, "tutor-resident", programme.id);
      const tag = randomUUID().slice(0, 8);
      const rows = version.items.flatMap((item, index): [string, string][] => [
        [`items.${index}.key`, item.key],
        [`items.${index}.type`, item.type],
        [`items.${index}.labelIt`, `${item.label.it} ${tag}`],
        [`items.${index}.labelEn`, `${item.label.en} ${tag}`],
        ...(item.required ? ([[`items.${index}.required`, "on"]] as [string, string][]) : []),
        [`items.${index}.scaleIt`, item.scale?.it.join("\n") ?? ""],
        [`items.${index}.scaleEn`, item.scale?.en.join("\n") ?? ""],
      ]);
      return at("/admin/evaluations/forms/:formId", { formId: version.formId }, rows);
    },
  },
  {
    name: "give a programme its own evaluation form",
    action: evaluationForms,
    for: ["admin"],
    prepare: async (w) => at("/admin/evaluations/forms", {}, [["programmeId", (await w.fresh.programme()).id]]),
  },
  {
    name: "issue a certificate",
    action: certificates,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/certificates", {}, [
        ["kind", "resident-teaching"],
        ["holderId", w.residentUser.id],
        ["from", day(w, -30)],
        ["to", day(w, 0)],
        ["locale", "it"],
      ]),
  },
  {
    name: "issue a certified logbook extract with the signed evaluations",
    action: certificates,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/certificates", {}, [
        ["kind", "resident-logbook"],
        ["holderId", w.residentUser.id],
        ["from", day(w, -30)],
        ["to", day(w, 0)],
        ["rotationId", ""],
        ["evaluations", "on"],
        ["locale", "en"],
      ]),
  },
  {
    name: "log teaching",
    action: teachingNew,
    for: ["tutor"],
    prepare: async (w) => at("/tutor/teaching/new", {}, [...teachingFields(w), ["repeat", "weekly"], ["until", day(w, 30)]]),
  },
  {
    name: "edit or cancel teaching",
    action: teachingEdit,
    for: ["tutor"],
    prepare: async (w) => {
      const s = await w.fresh.teaching();
      return at("/tutor/teaching/:sessionId", { sessionId: s.id }, [
        ["intent", "update"],
        ["version", version(s)],
        ...teachingFields(w),
        ["reason", "Sciopero"],
      ]);
    },
  },
  {
    name: "mark attendance",
    action: attendance,
    for: ["tutor"],
    prepare: async (w) => {
      const s = await w.fresh.teaching();
      return at("/tutor/teaching/:sessionId/attendance", { sessionId: s.id }, [
        ["intent", "save"],
        [`mark.${w.resident.id}`, "absent"],
        [`mark.${w.otherResident.id}`, "present"],
      ]);
    },
  },
  {
    name: "certify logbook entries",
    action: logbookReview,
    for: ["tutor"],
    prepare: async (w) => {
      const [a, b] = [await w.fresh.logbookEntry(), await w.fresh.logbookEntry()];
      return at("/tutor/logbook", {}, [
        ["intent", "certify"],
        ["entryIds", a.id],
        ["entryIds", b.id],
      ]);
    },
  },
  {
    name: "return a logbook entry",
    action: logbookReview,
    for: ["tutor"],
    prepare: async (w) =>
      at("/tutor/logbook", {}, [
        ["intent", "return"],
        ["entryId", (await w.fresh.logbookEntry()).id],
        ["reason", "Il grado di autonomia non è corretto"],
      ]),
  },
  {
    name: "preview a logbook catalogue file",
    action: programmeCatalogue,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/programmes/:programmeId/logbook", { programmeId: w.programme.id }, [
        ["intent", "preview"],
        ["file", new File([CATALOGUE_FILE], "catalogo.csv", { type: "text/csv" })],
      ]),
  },
  {
    name: "apply a logbook catalogue file",
    action: programmeCatalogue,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/programmes/:programmeId/logbook", { programmeId: (await w.fresh.programme()).id }, [
        ["intent", "apply"],
        ["csv", CATALOGUE_FILE],
        ["fileName", "catalogo.csv"],
        ["validFrom", day(w, 30)],
      ]),
  },
  {
    name: "copy a logbook catalogue",
    action: programmeCatalogue,
    for: ["admin"],
    prepare: async (w) => {
      await w.fresh.logbookEntry(); // the world's programme gets its catalogue
      return at("/admin/programmes/:programmeId/logbook", { programmeId: (await w.fresh.programme()).id }, [
        ["intent", "copy"],
        ["fromProgrammeId", w.programme.id],
        ["validFrom", day(w, 30)],
      ]);
    },
  },
  {
    name: "correct a certified logbook entry",
    action: residentLogbook,
    for: ["admin"],
    prepare: async (w) => {
      const entry = await w.fresh.logbookEntry();
      await prisma.logbookEntry.update({
        where: { id: entry.id },
        data: { status: "certified", decidedById: w.tutor.id, decidedAt: new Date() },
      });
      return at("/admin/residents/:residentId/logbook", { residentId: w.resident.id }, [
        ["intent", "correct"],
        ["entryId", entry.id],
        ["activityId", entry.activityId],
        ["date", day(w, -1)],
        ["count", "2"],
        ["degree", "collaboration"],
        ["note", ""],
        ["reason", "Numero sbagliato"],
      ]);
    },
  },
  {
    name: "reopen a closed logbook month",
    action: residentLogbook,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/residents/:residentId/logbook", { residentId: w.resident.id }, [
        ["intent", "reopen"],
        ["month", await w.fresh.closedMonth()],
        ["reason", "Una biopsia dimenticata"],
      ]),
  },
  {
    name: "log a day's logbook entries",
    action: myLogbook,
    for: ["resident"],
    prepare: async (w) => {
      const entry = await w.fresh.logbookEntry();
      return at("/me/logbook", {}, [
        ["intent", "log"],
        ["date", day(w, -1)],
        ["tutorId", w.tutor.id],
        ["entries[0].activityId", entry.activityId],
        ["entries[0].count", "2"],
        ["entries[0].degree", "autonomy"],
        ["entries[0].note", "Caso TB-3"],
        ["entries[0].caseRef", ""],
        ["entries[1].activityId", entry.activityId],
        ["entries[1].count", "1"],
        ["entries[1].degree", "support"],
        ["confirmDuplicate", "yes"],
      ]);
    },
  },
  {
    name: "countersign a logbook month",
    action: myLogbook,
    for: ["resident"],
    prepare: async (w) =>
      at("/me/logbook", {}, [
        ["intent", "countersign"],
        ["month", await w.fresh.closedMonth()],
      ]),
  },
  {
    name: "change or resubmit my logbook entry",
    action: myLogbookEntry,
    for: ["resident"],
    prepare: async (w) => {
      const entry = await w.fresh.logbookEntry();
      return at("/me/logbook/:entryId", { entryId: entry.id }, [
        ["intent", "update"],
        ["date", day(w, -2)],
        ["tutorId", w.tutor.id],
        ["activityId", entry.activityId],
        ["count", "3"],
        ["degree", "collaboration"],
        ["note", ""],
        ["caseRef", "TB-9"],
        ["confirmDuplicate", "yes"],
      ]);
    },
  },
  {
    name: "withdraw my logbook entry",
    action: myLogbookEntry,
    for: ["resident"],
    prepare: async (w) => at("/me/logbook/:entryId", { entryId: (await w.fresh.logbookEntry()).id }, [["intent", "delete"]]),
  },
  {
    name: "save a draft of a tutor's evaluation",
    action: tutorEvaluation,
    for: ["tutor"],
    prepare: async (w) =>
      at("/tutor/evaluations/:rotationId", { rotationId: (await evaluatedRotation(w)).id }, [
        ["intent", "draft"],
        ...(await evaluationAnswers(w)).slice(0, 2),
      ]),
  },
  {
    name: "sign a tutor's evaluation",
    action: tutorEvaluation,
    for: ["tutor"],
    prepare: async (w) =>
      at("/tutor/evaluations/:rotationId", { rotationId: (await evaluatedRotation(w)).id }, [
        ["intent", "sign"],
        ...(await evaluationAnswers(w)),
      ]),
  },
  {
    name: "acknowledge a tutor's evaluation",
    action: myEvaluations,
    for: ["resident"],
    prepare: async (w) =>
      at("/me/evaluations", {}, [
        ["intent", "acknowledge"],
        ["rotationId", (await evaluatedRotation(w, { signed: true })).id],
        ["comment", "Letta, grazie"],
      ]),
  },
  {
    name: "reopen a signed tutor's evaluation",
    action: adminTutorEvaluation,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/evaluations/tutor/:rotationId", { rotationId: (await evaluatedRotation(w, { signed: true })).id }, [
        ["intent", "reopen"],
        ["reason", "Firmata per errore"],
      ]),
  },
  {
    name: "assign a tutor's evaluation to someone else",
    action: adminTutorEvaluation,
    for: ["admin"],
    prepare: async (w) =>
      at("/admin/evaluations/tutor/:rotationId", { rotationId: (await evaluatedRotation(w)).id }, [
        ["intent", "assign"],
        ["userId", w.otherTutor.id],
      ]),
  },
  {
    name: "submit a confidential evaluation of a rotation",
    action: myRotationEvaluation,
    for: ["resident"],
    prepare: async (w) => {
      const { items } = await prisma.$transaction((tx) => formVersionFor(tx, "resident-rotation", null));
      return at("/me/evaluations/:rotationId", { rotationId: (await evaluatedRotation(w)).id }, [
        ["intent", "submit"],
        ...items.map((item): [string, string] => [
          `item.${item.key}`,
          item.type === "rating" ? "2" : item.type === "yesno" ? "yes" : "Buona didattica",
        ]),
      ]);
    },
  },
  {
    name: "redact a comment of the released evaluation results",
    action: evaluationResults,
    for: ["admin"],
    prepare: async (w) => {
      const version = await prisma.$transaction((tx) => formVersionFor(tx, "resident-rotation", null));
      const comment = version.items.find((item) => item.type === "text")?.key ?? "comment";
      const answer = await prisma.evaluationAnswer.create({
        data: {
          id: randomUUID(),
          period: "1998",
          formVersionId: version.id,
          tutorId: w.tutor.id,
          departmentId: w.department.id,
          answers: JSON.stringify({ [comment]: "Un commento da rimuovere" }),
        },
      });
      return at("/admin/evaluations/results", {}, [
        ["intent", "redact"],
        ["answerId", answer.id],
        ["itemKey", comment],
      ]);
    },
  },
  {
    name: "correct attendance",
    action: attendance,
    for: ["tutor"],
    prepare: async (w) =>
      at("/tutor/teaching/:sessionId/attendance", { sessionId: (await w.fresh.teaching(true)).id }, [
        ["intent", "correct"],
        ["residentId", w.resident.id],
        ["status", "excused"],
        ["reason", "Certificato medico"],
      ]),
  },
];

function check(target: Target, actor: Actor, answer: Answer, changed: boolean, label: string) {
  expect(answer.status, `${label}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`).toBeLessThan(500);
  const allowed = target.for.includes(actor);
  if (!allowed || answer.status >= 400) expect(changed, `${label}: refused (${answer.status}) but the database changed`).toBe(false);
  if (answer.status >= 400 && !answer.thrown) {
    const { keys, sentences } = messagesOf(answer.body);
    expect(
      keys.length + sentences.length,
      `${label}: refused (${answer.status}) without a message: ${JSON.stringify(answer.body).slice(0, 300)}`,
    ).toBeGreaterThan(0);
    const untranslated = keys.filter((k) => !isTranslationKey(k));
    expect(untranslated, `${label}: messages that are not translation keys`).toEqual([]);
  }
}

describe("every action, as every role, under generated bad input", () => {
  let w: World;
  const watch = databaseWatch();
  beforeAll(async () => {
    w = await makeWorld();
  });

  it(
    "starts from forms that work: each, unchanged, is accepted from the person it is for and changes the database",
    { timeout: 240_000 },
    async () => {
      const refused: string[] = [];
      for (const target of TARGETS.filter((t) => !t.refusedAsIs)) {
        const { url, params, fields } = await target.prepare(w);
        const actor = target.for.includes("admin") ? "admin" : target.for.includes("tutor") ? "tutor" : target.for[0]!;
        const before = await watch.now();
        const answer = await post(target.action, addressOf(url, params), params, fields, await w.cookie(actor));
        const wrote = (await watch.now()) !== before;
        // Signing out and a calendar link write only bookkeeping or a token: no rows of the portal's data need
        // change; a catalogue file's preview writes nothing by design (the apply does).
        if (
          answer.status >= 400 ||
          (!wrote &&
            ![
              "sign out",
              "choose a language",
              "profile: sessions and calendar",
              "set a password from a link",
              "preview a logbook catalogue file",
            ].includes(target.name))
        ) {
          refused.push(`${target.name}: ${answer.status} ${wrote ? "" : "(nothing written) "}${JSON.stringify(answer.body).slice(0, 600)}`);
        }
      }
      expect(refused).toEqual([]);
    },
  );

  for (const target of TARGETS) {
    it(`${target.name}: never a 5xx, a refusal changes nothing and says why`, { timeout: 120_000 }, async () => {
      const fieldNames = new Set<string>();
      const sample = await target.prepare(w);
      for (const [name] of sample.fields) fieldNames.add(name);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ALL),
          fc.array(mutation(w.ids, [...fieldNames]), { maxLength: 4 }),
          fc.option(fc.tuple(fc.nat(), strangeRecordId(w.ids)), { freq: 4 }),
          fc.option(fc.constantFrom(...RAW_BODIES), { freq: 8 }),
          async (actor, mutations, swap, raw) => {
            const prepared = await target.prepare(w);
            const params = { ...prepared.params };
            const keys = Object.keys(params);
            if (swap && keys.length) params[keys[swap[0] % keys.length]!] = swap[1];
            const url = addressOf(prepared.url, params);
            const fields = mutate(prepared.fields, mutations);
            const cookie = await w.cookie(actor);
            const before = await watch.now();
            const answer = await post(target.action, url, params, raw ?? fields, cookie);
            const changed = (await watch.now()) !== before;
            check(target, actor, answer, changed, `${actor} → ${url} ${raw ? JSON.stringify(raw) : show(fields)}`);
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
