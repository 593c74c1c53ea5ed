import { daysBetween } from "./dates";

/**
 * An agreement's status follows from its dates and signature; it is never stored.
 * - draft: not signed yet;
 * - scheduled: signed, validity not started yet;
 * - active: signed and in force today;
 * - expiring: active, and its last day is within 90 days;
 * - expired: its validity ended;
 * - terminated: ended early (its termination day has passed).
 */
export const AGREEMENT_STATUSES = ["draft", "scheduled", "active", "expiring", "expired", "terminated"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const EXPIRING_WITHIN_DAYS = 90;

export const FACILITY_ROLES = ["collegata", "complementare"] as const;
export type FacilityRole = (typeof FACILITY_ROLES)[number];

export type AgreementDates = {
  startDate: Date;
  endDate: Date;
  signedOn: Date | null;
  terminatedOn: Date | null;
};

/** The last day the agreement is (or was) in force: its end, or the termination day if earlier. */
export function effectiveEnd(a: Pick<AgreementDates, "endDate" | "terminatedOn">): Date {
  return a.terminatedOn && a.terminatedOn < a.endDate ? a.terminatedOn : a.endDate;
}

export function agreementStatus(a: AgreementDates, today: Date): AgreementStatus {
  if (a.terminatedOn && a.terminatedOn < today) return "terminated";
  if (!a.signedOn) return a.endDate < today ? "expired" : "draft";
  const end = effectiveEnd(a);
  if (end < today) return "expired";
  if (a.startDate > today) return "scheduled";
  return daysBetween(today, end) <= EXPIRING_WITHIN_DAYS ? "expiring" : "active";
}

/** Whether the agreement counts for the training on `day` (signed, and the day within its validity). */
export function inForceOn(a: AgreementDates, day: Date): boolean {
  return a.signedOn !== null && a.startDate <= day && day <= effectiveEnd(a);
}

/** Statuses in which an agreement grants posts today. */
export function isInForce(status: AgreementStatus): boolean {
  return status === "active" || status === "expiring";
}
