import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { FilterForm, MonthFilter, SelectFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { DepartmentMonthGrid, DepartmentMonthKey, monthLabel } from "~/components/planning-board";
import { hospitalToday } from "~/domain/dates";
import {
  addMonths,
  awayCoverage,
  boardRows,
  dailyLoad,
  formatMonth,
  monthDays,
  monthOf,
  parseMonth,
  type YearMonth,
} from "~/domain/planning-board";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { departmentMonth } from "~/models/planning-board.server";
import { pageOf } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "board.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  // Anything unreadable in the address falls back to the defaults: this month, the first department.
  const month = parseMonth(url.searchParams.get("month")) ?? monthOf(hospitalToday());
  const { departments, department, spans, rotations, away, page, pages } = await departmentMonth(
    url.searchParams.get("department"),
    month,
    pageOf(url.searchParams),
  );
  const days = monthDays(month);
  return {
    month,
    days,
    departments,
    department,
    rows: boardRows(rotations, month).map((row) => ({ ...row, away: awayCoverage(away.get(row.rotation.resident.id) ?? [], days) })),
    // The places used each day count every rotation of the month, not only this page's.
    load: department ? dailyLoad(spans, days, department.capacity) : [],
    page,
    pages,
    total: spans.length,
  };
}

export default function PlanningBoard() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { month, days, departments, department, rows, load, page, pages, total } = useLoaderData<typeof loader>();
  const hrefFor = (target: YearMonth) =>
    `?${new URLSearchParams({ ...(department ? { department: department.id } : {}), month: formatMonth(target) })}`;
  const label = monthLabel(locale, month.year, month.month);
  const overDays = load.filter((l) => l.over > 0);
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={t("board.title")}
        description={t("board.intro")}
        actions={<LinkButton to="/admin/rotations">{t("board.allRotations")}</LinkButton>}
      />
      {!department ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("board.noDepartments")}</p>
      ) : (
        <>
          <FilterForm label={t("board.choose")}>
            <SelectFilter
              key={department.id}
              name="department"
              label={t("board.department")}
              value={department.id}
              options={departments.map((d) => ({ value: d.id, label: d.archivedAt ? t("board.archived", { name: d.name }) : d.name }))}
            />
            <MonthFilter id="board-month" label={t("board.month")} hint={t("board.monthHint")} value={formatMonth(month)} />
          </FilterForm>
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 className="text-xl font-semibold">{t("board.heading", { department: department.name, month: label })}</h2>
              <p className="text-slate-700">{t("board.capacity", { count: department.capacity })}</p>
            </div>
            <nav aria-label={t("board.monthNav")} className="flex gap-2 text-sm">
              <LinkButton to={hrefFor(addMonths(month, -1))} rel="prev" small white>
                <span aria-hidden="true">← </span>
                {t("board.previousMonth")}
              </LinkButton>
              <LinkButton to={hrefFor(addMonths(month, 1))} rel="next" small white>
                {t("board.nextMonth")}
                <span aria-hidden="true"> →</span>
              </LinkButton>
            </nav>
          </div>
          {overDays.length > 0 ? (
            <p className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
              {t("board.overCapacityDays", { count: overDays.length, days: overDays.map((l) => format.dayMonthShort(l.day)).join(", ") })}
            </p>
          ) : null}
          {rows.length === 0 ? <p className="rounded border border-slate-200 bg-white p-4">{t("board.noRotations")}</p> : null}
          <DepartmentMonthGrid
            caption={t("board.caption", { department: department.name, month: label })}
            days={days}
            locale={locale}
            load={load}
            rows={rows.map(({ rotation, days: covered, away }) => ({
              id: rotation.id,
              name: rotation.resident.user.name,
              programme: specialtyName(rotation.resident.programme.specialtyCode, locale),
              dates: `${format.date(rotation.startDate)} – ${format.date(rotation.endDate)}`,
              planned: rotation.state === "planned",
              days: covered,
              away,
            }))}
          />
          {pages > 1 ? (
            <Pagination page={page} pages={pages} total={total} summary={t("board.pageOf", { page, pages, count: total })} />
          ) : null}
          <DepartmentMonthKey />
        </>
      )}
    </div>
  );
}
