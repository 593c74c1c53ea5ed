import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FilterForm, SelectFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { OutcomeText, Readiness } from "~/components/progression";
import { hospitalToday } from "~/domain/dates";
import { specialtyName } from "~/domain/specialties";
import { academicYear, academicYearOf } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { progressionChoices, progressionRound } from "~/models/progression.server";
import { academicYearStart } from "~/models/settings.server";
import { roundQuerySchema } from "~/schemas/progression";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "progression.title");

/** The academic years a round can be chosen in: five back, one ahead. */
const YEARS_BACK = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const today = hospitalToday();
  const query = roundQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [choices, yearStart] = await Promise.all([progressionChoices(query), academicYearStart()]);
  const current = academicYearOf(today, yearStart).startYear;
  const startYear = query.year ?? current;
  const years = Array.from({ length: YEARS_BACK + 2 }, (_, i) => academicYear(current + 1 - i, yearStart)).map((y) => ({
    value: String(y.startYear),
    label: y.label,
  }));
  if (!years.some((y) => y.value === String(startYear)))
    years.push({ value: String(startYear), label: academicYear(startYear, yearStart).label });
  const round = choices ? await progressionRound(choices.programme.id, startYear, today) : null;
  return { universities: choices?.universities ?? [], programmes: choices?.programmes ?? [], years, startYear, round };
}

/** A programme's round: each resident's year to decide, their readiness, and the outcome or a link to record it. */
export default function Progression() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { universities, programmes, years, startYear, round } = useLoaderData<typeof loader>();
  const options = programmes
    .map((p) => ({ value: p.id, label: specialtyName(p.specialtyCode, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <div className="space-y-4">
      <PageHeader title={t("progression.title")} description={t("progression.intro")} />
      {!round ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("progression.noProgrammes")}</p>
      ) : (
        <>
          <FilterForm label={t("progression.choose")}>
            <SelectFilter
              key={`university-${round.programme.universityId}`}
              name="university"
              label={t("progression.university")}
              value={round.programme.universityId}
              options={universities.map((u) => ({ value: u.id, label: u.name }))}
            />
            <SelectFilter
              key={round.programme.id}
              name="programme"
              label={t("progression.programme")}
              value={round.programme.id}
              options={options}
            />
            <SelectFilter key={startYear} name="year" label={t("progression.academicYear")} value={String(startYear)} options={years} />
          </FilterForm>
          <h2 className="text-xl font-semibold">
            {t("progression.heading", {
              programme: `${specialtyName(round.programme.specialtyCode, locale)} · ${round.programme.university.name}`,
              year: round.round.label,
            })}
          </h2>
          <p>
            <Link
              to={`/admin/progression/import?${new URLSearchParams({ programme: round.programme.id, year: String(startYear) })}`}
              className="text-blue-800 underline"
            >
              {t("progression.import.open")}
            </Link>
          </p>
          {round.rows.length === 0 ? <p className="rounded border border-slate-200 bg-white p-4">{t("progression.none")}</p> : null}
          <ul className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {round.rows.map((row) => (
              <li key={row.id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="text-lg font-semibold break-words">
                  <Link to={`/admin/residents/${row.id}`} className="text-blue-800 underline">
                    {row.name}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  {row.studentNumber} · {t("progression.trainingYear", { year: row.year.year })} ·{" "}
                  {t("progression.yearDates", { from: row.year.start, to: row.year.end })}
                </p>
                {row.contractKnown ? null : <p className="mt-1 text-xs text-slate-600">{t("progression.contractUnknown")}</p>}
                <div className="mt-3">
                  <Readiness row={row} label={t("progression.ready")} />
                </div>
                <div className="mt-3">
                  {row.outcome ? (
                    <OutcomeText outcome={row.outcome} />
                  ) : (
                    <Link
                      to={`/admin/progression/${row.id}?year=${startYear}`}
                      aria-label={t("progression.recordOf", { name: row.name })}
                      className="inline-flex min-h-11 items-center rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
                    >
                      {t("progression.record")}
                    </Link>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
