import type { TFunction } from "i18next";
import type { AuditChanges, AuditValue } from "~/domain/audit";
import {
  isAttendanceMark,
  isHistoryRecordType,
  isIdField,
  OWN_ATTENDANCE_FIELD,
  type RecordDetail,
  type RecordLabel,
  type RecordName,
} from "~/domain/history";
import { isCertificateKind } from "~/domain/certificate";
import { ENTRY_STATUSES, isDegree } from "~/domain/logbook";
import { specialtyName } from "~/domain/specialties";
import { isOutcome } from "~/domain/training-calendar";
import { APPROVED_ABSENCE, TEACHING_TYPES, type TeachingType } from "~/domain/teaching";
import type { formatters } from "~/i18n/format";
import { isLocale, type Locale } from "~/i18n/locale";
import { logbook } from "~/i18n/catalog/en/logbook";

/** The fields of logbook records, labelled by the logbook's own words. */
const LOGBOOK_FIELDS = logbook.fields;

/** An entry of the history pages, as their loaders send it. */
export type HistoryTextEntry = {
  type: string;
  recordId: string;
  action: string;
  actor: string | null;
  at: Date | string;
  record: RecordLabel;
  changes: AuditChanges;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STATUSES = ["present", "absent", "excused"] as const;
const STATES = ["planned", "confirmed", "cancelled"] as const;
const FACILITY_ROLES = ["collegata", "complementare"] as const;
const USER_ROLES = ["admin", "tutor", "resident"] as const;
const PASSWORD_SET_VIA = ["link", "profile"] as const;
const among = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (list as readonly string[]).includes(value);

/**
 * The words of the history pages, shared by the pages (React) and the CSV export (server): record
 * types, actions, field names, values (ids as names, codes as words, dates in the reader's language)
 * and what each entry is about. `names` maps the ids a page mentions to the records' names (see
 * RecordName); an id it cannot name is shown as a removed record, never as the id itself. `own` is the wording of a resident's own history.
 */
export function historyText({
  t,
  locale,
  format,
  names,
  own = false,
}: {
  t: TFunction;
  locale: Locale;
  format: ReturnType<typeof formatters>;
  names: Record<string, RecordName>;
  own?: boolean;
}) {
  const range = (dates: { from: Date | string; to: Date | string }) => `${format.date(dates.from)} – ${format.date(dates.to)}`;
  const nameText = (name: RecordName): string =>
    typeof name === "string"
      ? name
      : "specialtyCode" in name
        ? [specialtyName(name.specialtyCode, locale), name.university].filter(Boolean).join(" · ")
        : "it" in name
          ? name[locale]
          : `${name.university} (${range(name)})`;
  const detailText = (detail: RecordDetail): string =>
    typeof detail === "string"
      ? detail
      : "day" in detail
        ? format.date(detail.day)
        : "month" in detail
          ? format.monthYear(`${detail.month}-01T00:00:00.000Z`)
          : range(detail);
  /** The name of a record an id points at, or undefined when it is gone. */
  const nameOf = (id: string): string | undefined => (names[id] === undefined ? undefined : nameText(names[id]));

  const typeLabel = (type: string) => (isHistoryRecordType(type) ? t(`historyPages.types.${type}`) : type);
  const actionLabel = (action: string) => t(`history.actions.${action}` as never, { defaultValue: action });

  /** A resident's mark: keyed by their id (the administrators' history) or "status" (a resident's own). */
  const isMark = (field: string, entry: Pick<HistoryTextEntry, "type">) => isAttendanceMark(entry.type, field);

  const fieldLabel = (field: string, entry: Pick<HistoryTextEntry, "type">): string => {
    if (entry.type === "attendance") {
      if (field === "reason") return t("attendance.history.reason");
      if (field === "confirmedAt") return t("attendance.history.confirmedAt");
      if (field === OWN_ATTENDANCE_FIELD && own) return t("historyPages.fields.status");
      if (isMark(field, entry)) return nameOf(field) ?? t("attendance.history.resident");
    }
    if (entry.type.startsWith("logbook") && field in LOGBOOK_FIELDS) return t(`logbook.fields.${field as keyof typeof LOGBOOK_FIELDS}`);
    return t(`historyPages.fields.${field}` as never, { defaultValue: field });
  };

  const valueText = (field: string, value: AuditValue, entry: Pick<HistoryTextEntry, "type">): string => {
    if (value === null || value === "") return "—";
    if (Array.isArray(value)) return value.map((v) => valueText(field, v, entry)).join(", ") || "—";
    if (isMark(field, entry) && among(STATUSES, value)) return t(`attendance.statuses.${value}`);
    if (entry.type === "attendance" && field === "reason" && value === APPROVED_ABSENCE) return t("attendance.history.approvedAbsence");
    if (field === "seriesId") return t("common.yes");
    if (field === "coverage" && typeof value === "object") {
      return (
        Object.entries(value)
          .map(([id, posts]) => `${nameOf(id) ?? t("historyPages.removedRecord")}: ${valueText("posts", posts, entry)}`)
          .join(", ") || "—"
      );
    }
    if (isIdField(field) && typeof value === "string") return nameOf(value) ?? t("historyPages.removedRecord");
    if (field === "state" && among(STATES, value)) return t(`rotations.states.${value}`);
    if (field === "outcome" && isOutcome(value)) return t(`progression.outcomes.${value}`);
    if (field === "degree" && isDegree(value)) return t(`logbook.degrees.${value}`);
    if (field === "status" && entry.type === "logbookEntry" && among(ENTRY_STATUSES, value)) return t(`logbook.statuses.${value}`);
    if (field === "facilityRole" && among(FACILITY_ROLES, value)) return t(`agreements.roles.${value}`);
    if (field === "type" && among(TEACHING_TYPES, value)) return t(`teaching.types.${value as TeachingType}`);
    if (field === "kind" && isCertificateKind(value)) return t(`certificates.kinds.${value}`);
    if (field === "roles" && among(USER_ROLES, value)) return t(`roles.${value}`);
    if (field === "passwordSetVia" && among(PASSWORD_SET_VIA, value)) return t(`historyPages.passwordSetVia.${value}`);
    if (field === "passwordLink" && value === "issued") return t("historyPages.passwordLink.issued");
    if (field === "specialtyCode" && typeof value === "string") return specialtyName(value, locale);
    if ((field === "locale" || field === "language") && isLocale(value)) return t(`languages.${value}`);
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (typeof value === "number") return format.number(value);
    if (typeof value === "string" && ISO_DAY.test(value)) return format.date(value);
    if (typeof value === "string" && ISO_TIME.test(value)) return format.dateTime(value);
    if (typeof value === "object")
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${valueText(field, v, entry)}`)
        .join(", ");
    return String(value);
  };

  /** What an entry is about: the record's name, in words. */
  const recordLabel = (entry: Pick<HistoryTextEntry, "type" | "recordId" | "record">): string => {
    const name = entry.record.name === null ? null : nameText(entry.record.name);
    const detail = entry.record.detail === null ? null : detailText(entry.record.detail);
    if (own) {
      if (entry.type === "user") return t("historyPages.own.account");
      if (entry.type === "resident") return t("historyPages.own.record");
      if (entry.type === "rotation") return t("historyPages.own.rotation", { department: name ?? "—", dates: detail ?? "—" });
      if (entry.type === "logbookEntry") return t("historyPages.own.logbookEntry", { activity: name ?? "—", date: detail ?? "—" });
      if (entry.type === "logbookMonth") return t("historyPages.own.logbookMonth", { month: detail ?? "—" });
      return t("historyPages.own.attendance", { title: name ?? "—", date: detail ?? "—" });
    }
    if (entry.type === "setting") return t(`historyPages.settings.${entry.recordId}` as never, { defaultValue: entry.recordId });
    if (name === null) return t("historyPages.removed");
    if (entry.type === "rotation") return t("historyPages.rotationOf", { name, department: detail ?? "—" });
    return detail ? `${name} · ${detail}` : name;
  };

  /** An entry's changes on one line (for the CSV export): "Field: before → after; …". */
  const changesText = (entry: Pick<HistoryTextEntry, "type" | "action" | "changes">): string =>
    Object.entries(entry.changes)
      .map(([field, [before, after]]) =>
        entry.action === "create"
          ? `${fieldLabel(field, entry)}: ${valueText(field, after, entry)}`
          : `${fieldLabel(field, entry)}: ${valueText(field, before, entry)} → ${valueText(field, after, entry)}`,
      )
      .join("; ");

  return { typeLabel, actionLabel, fieldLabel, valueText, recordLabel, changesText };
}
