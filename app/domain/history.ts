import type { AuditChanges, AuditValue } from "./audit";

/**
 * The rules of reading the audit trail as a history: which records it speaks of, which of their fields
 * point at other records (shown by name, never as raw ids), and what a resident may see of an event
 * about them. Plain functions, no database: app/models/history.server.ts applies them.
 */

/** The kinds of record an audit event is about (AuditEvent.entityType). */
export const HISTORY_RECORD_TYPES = [
  "resident",
  "user",
  "rotation",
  "teaching",
  "attendance",
  "agreement",
  "programme",
  "department",
  "university",
  "certificate",
  "setting",
  "logbookCatalogue",
  "logbookEntry",
  "logbookMonth",
  "evaluationForm",
  "tutorEvaluation",
  "residentEvaluation",
  "evaluationAnswer",
  "absence",
] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

export function isHistoryRecordType(value: unknown): value is HistoryRecordType {
  return typeof value === "string" && (HISTORY_RECORD_TYPES as readonly string[]).includes(value);
}

/** What the writers of the audit trail record (each has a label in history.actions). */
export const HISTORY_ACTIONS = [
  "create",
  "update",
  "archive",
  "restore",
  "delete",
  "terminate",
  "renew",
  "sign",
  "upload",
  "cancel",
  "import",
  "mark",
  "confirm",
  "correct",
  "certify",
  "return",
  "resubmit",
  "countersign",
  "reopen",
  "copy",
  "submit",
  "acknowledge",
  "release",
  "approve",
  "decline",
  "redact",
  "assign",
  "decide",
  "erase",
] as const;

/** The tables a field's value may point at. */
export type Reference = "user" | "resident" | "department" | "programme" | "university" | "agreement" | "activity";

/** Fields whose values are ids (or lists of ids) of other records, as the models write them. */
export const REFERENCE_FIELDS: Readonly<Record<string, Reference>> = {
  residentId: "resident",
  tutorId: "user",
  headId: "user",
  holderId: "user",
  tutorIds: "user",
  coTutorIds: "user",
  departmentId: "department",
  programmeId: "programme",
  programmeIds: "programme",
  universityId: "university",
  renewsId: "agreement",
  activityId: "activity",
  decidedById: "user",
};

/** A field that holds ids: a known reference, or any name that reads like one (…Id, …Ids). */
export function isIdField(field: string): boolean {
  return field in REFERENCE_FIELDS || /Ids?$/.test(field);
}

/** Attendance events are keyed by resident id, beside these two fields of the session's sheet. */
const ATTENDANCE_FIELDS = new Set(["reason", "confirmedAt"]);

/** Whether a field of an event's changes is one resident's attendance mark (the key is their id). */
export function isAttendanceMark(entityType: string, field: string): boolean {
  return entityType === "attendance" && !ATTENDANCE_FIELDS.has(field);
}

/** The ids an event's changes mention, with the table each belongs to (for one lookup per table). */
export function referencesIn(entityType: string, changes: AuditChanges): Array<[Reference, string]> {
  const found: Array<[Reference, string]> = [];
  const add = (reference: Reference, value: AuditValue) => {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === "string" && item) found.push([reference, item]);
  };
  for (const [field, pair] of Object.entries(changes)) {
    if (isAttendanceMark(entityType, field)) {
      found.push(["resident", field]);
      continue;
    }
    if (field === "coverage") {
      // An agreement's programmes and their posts: {"<programmeId>": posts}.
      for (const side of pair)
        if (side && typeof side === "object" && !Array.isArray(side)) for (const id of Object.keys(side)) found.push(["programme", id]);
      continue;
    }
    const reference = REFERENCE_FIELDS[field];
    if (reference) for (const side of pair) add(reference, side);
  }
  return found;
}

/** The record types a resident's own history is made of. */
export const OWN_RECORD_TYPES = [
  "user",
  "resident",
  "rotation",
  "attendance",
  "logbookEntry",
  "logbookMonth",
] as const satisfies readonly HistoryRecordType[];

/** The id fields a resident sees, by name, in their own history; every other id field is dropped. */
export const OWN_REFERENCE_FIELDS = new Set(["programmeId", "tutorId", "departmentId", "activityId", "decidedById"]);

/** The one field of an attendance event a resident sees: their own mark, before and after. */
export const OWN_ATTENDANCE_FIELD = "status";

/**
 * What a resident may see of an event about them, or null when nothing of it is theirs:
 * - attendance: only their own line (the key that is their resident id), renamed "status"; every other
 *   resident's line, the correction's reason and the confirmation time are dropped;
 * - their profile, record and rotations: the changes, without the fields that name other records
 *   other than their programme, tutor and department (a rotation's residentId in particular).
 * Any other kind of record is never theirs.
 */
export function ownChanges(event: { entityType: string; changes: AuditChanges }, self: { residentId: string | null }): AuditChanges | null {
  if (event.entityType === "attendance") {
    const line = self.residentId ? event.changes[self.residentId] : undefined;
    return line ? { [OWN_ATTENDANCE_FIELD]: line } : null;
  }
  if (!(OWN_RECORD_TYPES as readonly string[]).includes(event.entityType)) return null;
  return Object.fromEntries(Object.entries(event.changes).filter(([field]) => !isIdField(field) || OWN_REFERENCE_FIELDS.has(field)));
}

/** The text an attendance event's stored changes contain when they hold this resident's line (a pre-filter). */
export function attendanceLineMarker(residentId: string): string {
  return `${JSON.stringify(residentId)}:[`;
}

/** A day or an instant as it reaches the page: a Date on the server, its ISO text after the loader. */
type When = Date | string;

/**
 * How the history names a record, before it is put into the reader's words: a plain name, a programme
 * (its specialty, and its university where the page needs telling apart), or an agreement (its
 * university and its dates).
 */
export type RecordName =
  | string
  | { specialtyCode: string; university?: string }
  | { university: string; from: When; to: When }
  /** a logbook activity, named in both languages */
  | { it: string; en: string };

/** What tells a record apart beside its name: a department, a code, a day or a range of days. */
export type RecordDetail = string | { day: When } | { from: When; to: When } | { month: string };

/** A logbook month's record id: the resident's id and the month ("2026-11"). */
export const logbookMonthId = (residentId: string, month: string) => `${residentId}:${month}`;

/** What an entry is about: its name, a detail and its page (null when there is none or it was removed). */
export type RecordLabel = { name: RecordName | null; detail: RecordDetail | null; href: string | null };
