import type { Role } from "~/domain/roles";

/**
 * The links of each role's area, in the header. Later features add theirs here; `npm run bench` measures
 * every page they lead to (scripts/bench/pages.ts), so a page people open daily is never unmeasured.
 */
type SectionLabel =
  | "nav.dashboard"
  | "nav.progression"
  | "nav.myLogbook"
  | "nav.people"
  | "nav.universities"
  | "nav.programmes"
  | "nav.departments"
  | "nav.agreements"
  | "nav.rotations"
  | "nav.residents"
  | "nav.myRotations"
  | "nav.myTeaching"
  | "nav.teachingReport"
  | "nav.settings"
  | "nav.deliveries"
  | "nav.residentsInCare"
  | "nav.teaching"
  | "nav.history"
  | "nav.myHistory"
  | "nav.logbookToCertify"
  | "nav.evaluations"
  | "nav.myEvaluations"
  | "nav.absences"
  | "nav.myAbsences";
export const NAV_SECTIONS: Record<Role, Array<{ to: string; label: SectionLabel; end?: boolean }>> = {
  admin: [
    { to: "/admin", label: "nav.dashboard", end: true },
    { to: "/admin/residents", label: "nav.residents" },
    { to: "/admin/rotations", label: "nav.rotations" },
    { to: "/admin/agreements", label: "nav.agreements" },
    { to: "/admin/universities", label: "nav.universities" },
    { to: "/admin/programmes", label: "nav.programmes" },
    { to: "/admin/departments", label: "nav.departments" },
    { to: "/admin/users", label: "nav.people" },
    { to: "/admin/reports/teaching", label: "nav.teachingReport" },
    { to: "/admin/evaluations", label: "nav.evaluations" },
    { to: "/admin/absences", label: "nav.absences" },
    { to: "/admin/progression", label: "nav.progression" },
    { to: "/admin/notifications", label: "nav.deliveries" },
    { to: "/admin/settings", label: "nav.settings" },
    { to: "/admin/history", label: "nav.history" },
  ],
  tutor: [
    { to: "/tutor", label: "nav.dashboard", end: true },
    { to: "/tutor/residents", label: "nav.residentsInCare" },
    { to: "/tutor/teaching", label: "nav.teaching" },
    { to: "/tutor/logbook", label: "nav.logbookToCertify" },
    { to: "/tutor/evaluations", label: "nav.evaluations" },
    { to: "/tutor/absences", label: "nav.absences" },
  ],
  resident: [
    { to: "/me", label: "nav.dashboard", end: true },
    { to: "/me/rotations", label: "nav.myRotations" },
    { to: "/me/logbook", label: "nav.myLogbook" },
    { to: "/me/evaluations", label: "nav.myEvaluations" },
    { to: "/me/absences", label: "nav.myAbsences" },
    { to: "/me/teaching", label: "nav.myTeaching" },
    { to: "/me/history", label: "nav.myHistory" },
  ],
};
