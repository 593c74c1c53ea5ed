// The pages measured, each as the role that uses it, with query parameters as the pages' own links and
// filter forms write them: every page of each role's navigation (app/components/navigation.ts, a test
// holds them together), and the filtered views people use most. Pure: the ids come in, so the
// addresses can be checked without a server.
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { addMonths, formatMonth, monthOf } from "~/domain/planning-board";
import { academicYearOf, DEFAULT_YEAR_START, parseYearStart } from "~/domain/teaching";
import type { Lookups } from "./lookups";

export type Role = "anonymous" | "admin" | "tutor" | "resident";
export type Page = { key: string; path: string; role: Role };

/** The sign-in page: the cheapest full page the app renders (no session, no query), so every other
 * page's throughput is read as a share of it, measured in the same run on the same machine. */
export const BASELINE_KEY = "login";

/** The pages measured again with two server processes (WEB_CONCURRENCY=2): one per kind of visitor. */
export const CONCURRENCY_KEYS = [BASELINE_KEY, "me", "admin"] as const;

/** The floor: the bare Remix app's one page (scripts/bench/floor/), served by its own server. */
export const FLOOR_PAGE: Page = { key: "floor (bare Remix)", path: "/", role: "anonymous" };

export function benchPages(ids: Lookups, now = new Date()): Page[] {
  const today = hospitalToday(now);
  const year = academicYearOf(today, parseYearStart(ids.academicYearStart) ?? DEFAULT_YEAR_START);
  // A new one-month rotation two months ahead: far enough that it overlaps little of what is planned.
  const next = addMonths(monthOf(today), 2);
  const start = new Date(Date.UTC(next.year, next.month - 1, 1));
  const end = addDays(new Date(Date.UTC(next.year, next.month, 1)), -1);
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    { key: BASELINE_KEY, path: "/login", role: "anonymous" },
    { key: "me", path: "/me", role: "resident" },
    { key: "me/rotations", path: "/me/rotations", role: "resident" },
    { key: "me/teaching", path: "/me/teaching", role: "resident" },
    { key: "me/history", path: "/me/history", role: "resident" },
    { key: "tutor", path: "/tutor", role: "tutor" },
    { key: "tutor/residents", path: "/tutor/residents", role: "tutor" },
    { key: "tutor/teaching", path: "/tutor/teaching", role: "tutor" },
    { key: "admin", path: "/admin", role: "admin" },
    // Every list of the administrators' navigation as its link opens it, with the default filters.
    { key: "admin/residents", path: "/admin/residents", role: "admin" },
    { key: "admin/rotations", path: "/admin/rotations", role: "admin" },
    { key: "admin/agreements", path: "/admin/agreements", role: "admin" },
    { key: "admin/universities", path: "/admin/universities", role: "admin" },
    { key: "admin/programmes", path: "/admin/programmes", role: "admin" },
    { key: "admin/departments", path: "/admin/departments", role: "admin" },
    { key: "admin/users", path: "/admin/users", role: "admin" },
    { key: "admin/settings", path: "/admin/settings", role: "admin" },
    { key: "admin/history", path: "/admin/history", role: "admin" },
    { key: "admin/agreements?status", path: `/admin/agreements?${query({ status: "active" })}`, role: "admin" },
    { key: "admin/residents?q", path: `/admin/residents?${query({ q: ids.residentSearch, present: "today" })}`, role: "admin" },
    {
      key: "rotations/board",
      path: `/admin/rotations/board?${query({ department: ids.tutorDepartmentId, month: formatMonth(monthOf(today)) })}`,
      role: "admin",
    },
    {
      key: "reports/teaching",
      path: `/admin/reports/teaching?${query({ from: toIsoDate(year.start), to: toIsoDate(year.end), by: "programme" })}`,
      role: "admin",
    },
    {
      key: "admin/evaluations",
      path: `/admin/evaluations?${query({ from: toIsoDate(year.start), to: toIsoDate(year.end), by: "programme" })}`,
      role: "admin",
    },
    { key: "me/logbook", path: "/me/logbook", role: "resident" },
    { key: "tutor/logbook", path: "/tutor/logbook", role: "tutor" },
    // The newest released period's tutors and departments, each with its count or "fewer than 5".
    { key: "admin/evaluations/results", path: "/admin/evaluations/results", role: "admin" },
    { key: "tutor/evaluations", path: "/tutor/evaluations", role: "tutor" },
    { key: "me/evaluations", path: "/me/evaluations", role: "resident" },
    { key: "me/absences", path: "/me/absences", role: "resident" },
    { key: "tutor/absences", path: "/tutor/absences", role: "tutor" },
    { key: "admin/absences", path: "/admin/absences", role: "admin" },
    {
      key: "absences/report",
      path: `/admin/absences/report?${query({ university: ids.universityId, month: formatMonth(monthOf(today)) })}`,
      role: "admin",
    },
    // The busiest programme's round for this academic year: every resident's readiness, read in a fixed handful of queries.
    { key: "admin/progression", path: `/admin/progression?${query({ programme: ids.programmeId })}`, role: "admin" },
    { key: "programme progress", path: `/admin/programmes/${ids.programmeId}/progress`, role: "admin" },
    { key: "open/programmes.json", path: "/open/programmes.json", role: "anonymous" },
    { key: "notifications", path: "/notifications", role: "tutor" },
    { key: "admin/notifications", path: "/admin/notifications", role: "admin" },
    {
      key: "rotations/check",
      path: `/admin/rotations/check?${query({ residentId: ids.residentId, departmentId: ids.tutorDepartmentId, startDate: toIsoDate(start), endDate: toIsoDate(end) })}`,
      role: "admin",
    },
  ];
}
