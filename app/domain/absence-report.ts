import { clip, daysCounted, suspensions, type AbsenceSettings, type Span, type Suspension, type WorkingDay } from "./absences";
import { daysBetween } from "./dates";
import { monthWindow, type YearMonth } from "./planning-board";

/**
 * The monthly absences report for a university (issue 19, "Reports"): the university pays the residents'
 * training contracts, so it must know, month by month, the days each of its residents was away and the
 * suspensions of training. Per resident: the days of personal leave and of protected absence in the month
 * (each absence clipped to the month and counted as the settings say), and the suspensions that meet the
 * month, found over the resident's whole record (a suspension that began months ago still runs). An
 * absence comes with its kind and state, and whether it suspends by itself; never a protected absence's type.
 */

export type ReportAbsence = Span & {
  kind: string;
  state: string;
  /** a suspension the school decided: it suspends training whatever its length (see `suspensions`) */
  suspends?: boolean;
};

/** A resident as the report reads them: whatever identifies them, and their absences. */
export type ReportResident = { absences: ReportAbsence[] };

/** Absences that count: approved personal leave and recorded protected absences. A request, declined or cancelled leave counts for nothing. */
export function countsInReport(absence: Pick<ReportAbsence, "kind" | "state">): boolean {
  return (absence.kind === "personal" && absence.state === "approved") || (absence.kind === "protected" && absence.state === "recorded");
}

export type ReportSuspension = Suspension & {
  /** the calendar days of the suspension that fall in the month */
  daysInMonth: number;
};

export type ReportRow<R extends ReportResident> = Omit<R, "absences"> & {
  /** days of approved personal leave in the month, counted as the settings say */
  personalDays: number;
  /** days of recorded protected absence in the month, counted as the settings say */
  protectedDays: number;
  /** the suspensions of the resident's whole record that meet the month */
  suspensions: ReportSuspension[];
};

export type ReportTotals = {
  residents: number;
  personalDays: number;
  protectedDays: number;
  /** residents whose training is suspended on some day of the month */
  suspended: number;
  /** calendar days of suspension falling in the month, all residents together */
  suspendedDaysInMonth: number;
};

export type AbsenceReport<R extends ReportResident> = { month: Span; rows: ReportRow<R>[]; totals: ReportTotals };

/**
 * The report of one month for these residents, in their order. `settings.countMode` counts the days of
 * leave and absence (working or calendar days); suspensions follow the law's working-day threshold
 * (`suspensions`). Give each resident every protected absence of their record, not only the month's:
 * a suspension is a run of absences that may have begun long before.
 */
export function absenceReport<R extends ReportResident>(
  month: YearMonth,
  residents: R[],
  settings: Pick<AbsenceSettings, "countMode" | "suspensionAfter">,
  workingDay: WorkingDay,
): AbsenceReport<R> {
  const window = monthWindow(month);
  const inMonth = (absences: ReportAbsence[]) =>
    absences.reduce((sum, absence) => {
      const part = clip(absence, window);
      return sum + (part ? daysCounted(part, settings.countMode, workingDay) : 0);
    }, 0);
  const rows = residents.map(({ absences, ...resident }): ReportRow<R> => {
    const counted = absences.filter(countsInReport);
    const protectedOnes = counted.filter((absence) => absence.kind === "protected");
    const meeting = suspensions(protectedOnes, settings, workingDay).flatMap((suspension) => {
      const part = clip(suspension, window);
      return part ? [{ ...suspension, daysInMonth: daysBetween(part.start, part.end) + 1 }] : [];
    });
    return {
      ...(resident as Omit<R, "absences">),
      personalDays: inMonth(counted.filter((absence) => absence.kind === "personal")),
      protectedDays: inMonth(protectedOnes),
      suspensions: meeting,
    };
  });
  return {
    month: window,
    rows,
    totals: {
      residents: rows.length,
      personalDays: rows.reduce((sum, row) => sum + row.personalDays, 0),
      protectedDays: rows.reduce((sum, row) => sum + row.protectedDays, 0),
      suspended: rows.filter((row) => row.suspensions.length > 0).length,
      suspendedDaysInMonth: rows.reduce((sum, row) => sum + row.suspensions.reduce((days, s) => days + s.daysInMonth, 0), 0),
    },
  };
}
