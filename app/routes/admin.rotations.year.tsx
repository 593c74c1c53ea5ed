import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { FilterForm, SelectFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { monthLabel, ResidentYearGrid, ResidentYearKey, toneOf } from "~/components/planning-board";
import { RotationStatusBadge } from "~/components/rotation-status";
import { hospitalToday } from "~/domain/dates";
import { formatMonth, monthOf, parseYear, yearGrid } from "~/domain/planning-board";
import { rotationStatus } from "~/domain/rotation-rules";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { residentYear } from "~/models/planning-board.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "board.yearTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const today = hospitalToday();
  // Anything unreadable in the address falls back to the defaults: this year, the first resident by name.
  const year = parseYear(url.searchParams.get("year")) ?? today.getUTCFullYear();
  const { residents, resident, away } = await residentYear(url.searchParams.get("resident"), year);
  if (!resident) return { year, residents, resident: null, rotations: [], grid: [] };
  const { rotations, ...details } = resident;
  return {
    year,
    residents,
    resident: details,
    rotations: rotations.map((r, index) => ({ ...r, key: index + 1, status: rotationStatus(r, today) })),
    grid: yearGrid(year, rotations, { start: resident.stayStart, end: resident.stayEnd }, away),
  };
}

export default function ResidentYear() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { year, residents, resident, rotations, grid } = useLoaderData<typeof loader>();
  const hrefFor = (target: number) => `?${new URLSearchParams({ ...(resident ? { resident: resident.id } : {}), year: String(target) })}`;
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={t("board.yearTitle")}
        description={t("board.yearIntro")}
        actions={<LinkButton to="/admin/rotations/board">{t("board.title")}</LinkButton>}
      />
      {!resident ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("board.noResidents")}</p>
      ) : (
        <>
          <FilterForm label={t("board.chooseYear")}>
            <SelectFilter
              key={resident.id}
              name="resident"
              label={t("board.resident")}
              value={resident.id}
              options={residents.map((r) => ({ value: r.id, label: r.name }))}
            />
            <div className="flex flex-col">
              <label htmlFor="board-year" className="text-sm font-medium">
                {t("board.year")}
              </label>
              <input
                key={year}
                id="board-year"
                name="year"
                type="number"
                inputMode="numeric"
                min={1900}
                max={2200}
                defaultValue={year}
                className="mt-1 w-28 rounded border border-slate-400 px-3 py-2"
              />
            </div>
          </FilterForm>
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 className="text-xl font-semibold">{t("board.yearHeading", { name: resident.user.name, year })}</h2>
              <p className="text-slate-700">
                {specialtyName(resident.programme.specialtyCode, locale)} · {resident.programme.university.name}
              </p>
              <p className="text-slate-700">
                {t("board.stay", { start: format.date(resident.stayStart), end: format.date(resident.stayEnd) })} ·{" "}
                <Link to={`/admin/residents/${resident.id}`} className="text-blue-800 underline">
                  {t("board.residentRecord")}
                </Link>
              </p>
            </div>
            <nav aria-label={t("board.yearNav")} className="flex gap-2 text-sm">
              <LinkButton to={hrefFor(year - 1)} rel="prev" small white>
                <span aria-hidden="true">← </span>
                {t("board.previousYear")}
              </LinkButton>
              <LinkButton to={hrefFor(year + 1)} rel="next" small white>
                {t("board.nextYear")}
                <span aria-hidden="true"> →</span>
              </LinkButton>
            </nav>
          </div>
          <ResidentYearGrid
            caption={t("board.yearCaption", { name: resident.user.name, year })}
            rows={grid}
            locale={locale}
            rotations={rotations.map((r) => ({ key: r.key, department: r.department.name, planned: r.state === "planned" }))}
          />
          <ResidentYearKey />
          <section aria-labelledby="year-rotations" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="year-rotations" className="text-lg font-semibold">
              {t("board.rotationsTitle", { year })}
            </h2>
            {rotations.length === 0 ? (
              <p className="mt-2 text-slate-600">{t("board.noRotationsYear")}</p>
            ) : (
              <ol className="mt-3 divide-y divide-slate-200">
                {rotations.map((r) => {
                  const month = r.startDate.getUTCFullYear() === year ? monthOf(r.startDate) : { year, month: 1 };
                  return (
                    <li key={r.id} className="flex flex-wrap items-start gap-3 py-2">
                      <span
                        aria-hidden="true"
                        className={`inline-flex h-7 w-7 shrink-0 items-center justify-center rounded text-sm font-semibold ${toneOf(r.key - 1)}`}
                      >
                        {r.key}
                      </span>
                      <div className="min-w-0 flex-1">
                        <span className="sr-only">{t("board.rotationKey", { key: r.key })}: </span>
                        <Link to={`/admin/rotations/${r.id}`} className="font-medium text-blue-800 underline">
                          {r.department.name}
                        </Link>{" "}
                        <RotationStatusBadge status={r.status} />
                        <span className="block text-sm text-slate-700">
                          {format.date(r.startDate)} – {format.date(r.endDate)} ·{" "}
                          {r.tutor ? t("board.tutor", { name: r.tutor.name }) : t("board.noTutor")}
                        </span>
                        <Link
                          to={`/admin/rotations/board?${new URLSearchParams({ department: r.department.id, month: formatMonth(month) })}`}
                          className="text-sm text-blue-800 underline"
                        >
                          {t("board.openBoard", { month: monthLabel(locale, month.year, month.month) })}
                        </Link>
                      </div>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </>
      )}
    </div>
  );
}
