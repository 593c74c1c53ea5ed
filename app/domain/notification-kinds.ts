import type { Role } from "./roles";

/**
 * The kinds of notification, their categories and whom they are for, and the delivery modes a person
 * chooses from: plain values with no Node.js import, so that pages can use them in the browser (the
 * preferences form, a notification's text). The rest of the rules, the signed unsubscribe link among
 * them, are app/domain/notifications.ts, which re-exports all of this.
 */

export const CATEGORIES = [
  "security",
  "agreements",
  "rotations",
  "insurance",
  "attendance",
  "logbook",
  "evaluations",
  "absences",
  "delivery",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories a person may choose for (security may not be turned off). */
export const CHOOSABLE = CATEGORIES.filter((category) => category !== "security");

export const MODES = ["immediate", "daily", "weekly", "portal"] as const;
export type Mode = (typeof MODES)[number];

/**
 * Each kind of notification: its category and who it is for. `link` is the portal page that needs the
 * reader; `portal: false` kinds are e-mail only (a set-password link has no reader signed in yet, and
 * keeping the link in the portal would make a second copy of a credential).
 */
export const KINDS = {
  "password-link": { category: "security", audience: "anyone", portal: false },
  "password-changed": { category: "security", audience: "anyone", portal: true },
  "agreement-ending": { category: "agreements", audience: "admin", portal: true },
  "agreement-expired": { category: "agreements", audience: "admin", portal: true },
  "rotations-broken": { category: "rotations", audience: "admin", portal: true },
  "mail-refused": { category: "delivery", audience: "admin", portal: true },
  "mail-failed": { category: "delivery", audience: "admin", portal: true },
  "rotation-starting": { category: "rotations", audience: "resident", portal: true },
  "rotation-changed": { category: "rotations", audience: "resident", portal: true },
  "rotation-cancelled": { category: "rotations", audience: "resident", portal: true },
  "insurance-expiring": { category: "insurance", audience: "resident", portal: true },
  "residents-arriving": { category: "rotations", audience: "tutor", portal: true },
  "attendance-to-confirm": { category: "attendance", audience: "tutor", portal: true },
  "logbook-waiting": { category: "logbook", audience: "tutor", portal: true },
  "logbook-returned": { category: "logbook", audience: "resident", portal: true },
  "evaluation-open": { category: "evaluations", audience: "tutor", portal: true },
  "evaluation-overdue": { category: "evaluations", audience: "tutor", portal: true },
  "rotation-evaluation-open": { category: "evaluations", audience: "resident", portal: true },
  "rotation-evaluation-overdue": { category: "evaluations", audience: "resident", portal: true },
  "evaluation-signed": { category: "evaluations", audience: "resident", portal: true },
  "leave-requested": { category: "absences", audience: "tutor", portal: true },
  "leave-to-decide": { category: "absences", audience: "admin", portal: true },
  "leave-approved": { category: "absences", audience: "resident", portal: true },
  "leave-declined": { category: "absences", audience: "resident", portal: true },
} as const satisfies Record<string, { category: Category; audience: Role | "anyone"; portal: boolean }>;
export type Kind = keyof typeof KINDS;

/**
 * The values a notification's text is written from: names, days (YYYY-MM-DD), counts; a value named in
 * both languages (a logbook activity) as { it, en }. Never special-category data.
 */
export type Params = Record<string, string | number | Bilingual>;
export type Bilingual = { it: string; en: string };

/** The values in one language: each bilingual value becomes the reader's. */
export function paramsIn(params: Params, locale: "it" | "en"): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === "object" ? value[locale] : value]));
}

/** How a person receives a category when they have not chosen: at once, but the logbook in a daily digest. */
export function defaultMode(category: Category): Mode {
  return category === "logbook" ? "daily" : "immediate";
}

/** The mode that applies: security is always immediate, whatever was stored. */
export function modeFor(category: Category, chosen: ReadonlyMap<Category, Mode> | undefined): Mode {
  if (category === "security") return "immediate";
  return chosen?.get(category) ?? defaultMode(category);
}

export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}

export function isMode(value: unknown): value is Mode {
  return typeof value === "string" && (MODES as readonly string[]).includes(value);
}

/** What an outbox message carries: one notification, or a digest of a person's notifications. */
export type OutboxPayload = { kind: Kind; params: Params; link: string } | { digest: "daily" | "weekly"; notificationIds: string[] };

/** An outbox message's payload, or null when it was erased (a credential, once sent) or is not one this version writes. */
export function readPayload(json: string): OutboxPayload | null {
  let payload: Partial<{ kind: unknown; params: Params; link: unknown; digest: unknown; notificationIds: unknown }>;
  try {
    payload = JSON.parse(json) as typeof payload;
  } catch {
    return null;
  }
  if ((payload.digest === "daily" || payload.digest === "weekly") && Array.isArray(payload.notificationIds))
    return { digest: payload.digest, notificationIds: payload.notificationIds.map(String) };
  if (typeof payload.kind === "string" && payload.kind in KINDS && typeof payload.link === "string")
    return { kind: payload.kind as Kind, params: payload.params ?? {}, link: payload.link };
  return null;
}

/**
 * Where an outbox message stands, as the administrators' delivery page names it: waiting for its first
 * attempt, waiting to be tried again after a failure, accepted by the mail server, or failed for good.
 */
export const DELIVERY_STATES = ["queued", "retrying", "sent", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export function deliveryState(message: { status: string; attempts: number }): DeliveryState {
  if (message.status === "sent" || message.status === "failed") return message.status;
  return message.attempts > 0 ? "retrying" : "queued";
}
