import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ScrollRegion } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import {
  COLUMNS,
  DATASETS,
  fileHref,
  FORMATS,
  isSuppressed,
  LICENCE_URL,
  type AgreementRow,
  type FigureRow,
  type PublishedCount,
} from "~/domain/open-data";
import { useLocale } from "~/i18n/use-locale";
import { openAgreements, openFigures, openProgrammes } from "~/models/open-data.server";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "public" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "openData.title");

/**
 * The open data page, for anyone and in the reader's language: the licence, the programmes hosted,
 * the agreements in force, one academic year's figures (chosen by a GET form) and the files.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const today = hospitalToday();
  const [programmes, agreements, figures] = await Promise.all([openProgrammes(today), openAgreements(today), openFigures(today)]);
  const requested = Number(new URL(request.url).searchParams.get("year"));
  const year = figures.years.find((y) => y.startYear === requested) ?? figures.years[figures.years.length - 1]!;
  return data({
    hospitalName: env.HOSPITAL_NAME,
    programmes: programmes.rows,
    agreements: agreements.rows,
    years: figures.years.map((y) => ({ startYear: y.startYear, label: y.label })),
    year: { startYear: year.startYear, label: year.label, start: toIsoDate(year.start), end: toIsoDate(year.end) },
    figures: figures.rows.filter((row) => row.academic_year === year.label),
  });
}

const cell = "px-3 py-2";
const link = "text-blue-800 underline";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="min-w-0 space-y-3">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Table({ label, head, children }: { label: string; head: ReactNode; children: ReactNode }) {
  return (
    <ScrollRegion label={label} className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="bg-slate-100">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

function Th({ children, right }: { children: ReactNode; right?: boolean }) {
  return (
    <th scope="col" className={`${cell} ${right ? "text-right" : ""}`}>
      {children}
    </th>
  );
}

/** Rows that share a key, in the order they come. */
function groupBy<T>(rows: T[], key: (row: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups];
}

export default function OpenData() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { hospitalName, programmes, agreements, years, year, figures } = useLoaderData<typeof loader>();
  const specialty = (row: { specialty_it: string; specialty_en: string }) => (locale === "it" ? row.specialty_it : row.specialty_en);
  const bySpecialty = (a: { specialty_it: string; specialty_en: string }, b: { specialty_it: string; specialty_en: string }) =>
    specialty(a).localeCompare(specialty(b), locale);
  const count = (value: PublishedCount) => (isSuppressed(value) ? t("openData.figures.fewerThan5") : format.number(value));
  const perProgramme = groupBy(
    figures.filter((row) => row.programme_code),
    (row) => row.programme_code,
  )
    .map(([, rows]) => ({
      row: rows[0]!,
      residents: rows.find((r) => r.measure === "residents_hosted")?.value ?? 0,
      hours: rows.find((r) => r.measure === "teaching_hours_delivered")?.value ?? 0,
    }))
    .sort((a, b) => a.row.university.localeCompare(b.row.university, locale) || bySpecialty(a.row, b.row));
  const perDepartment: FigureRow[] = figures.filter((row) => row.measure === "rotations");

  return (
    <div className="min-w-0 max-w-4xl space-y-8">
      <div>
        <PageHeader title={t("openData.title")} description={t("openData.intro", { hospital: hospitalName })} />
        <p className="-mt-3 text-slate-700">{t("openData.privacy")}</p>
      </div>

      <Section id="licence" title={t("openData.licence.title")}>
        <p>
          {t("openData.licence.text")}{" "}
          <a href={LICENCE_URL} rel="license" className={link}>
            {t("openData.licence.link")}
          </a>
        </p>
        <p>{t("openData.licence.attributionLabel")}</p>
        <blockquote className="break-words rounded border-l-4 border-blue-800 bg-white p-3 text-sm">
          {t("openData.licence.attribution", { hospital: hospitalName })}
        </blockquote>
      </Section>

      <Section id="programmes" title={t("openData.programmes.title")}>
        <p className="text-slate-700">{t("openData.programmes.intro")}</p>
        {programmes.length === 0 ? <p>{t("openData.programmes.empty")}</p> : null}
        {groupBy(programmes, (p) => p.university).map(([university, rows]) => (
          <div key={university} className="space-y-2">
            <h3 className="font-semibold">{university}</h3>
            <Table
              label={t("openData.programmes.caption", { university })}
              head={
                <>
                  <Th>{t("openData.programmes.specialty")}</Th>
                  <Th right>{t("openData.programmes.duration")}</Th>
                  <Th right>{t("openData.programmes.posts")}</Th>
                </>
              }
            >
              {[...rows].sort(bySpecialty).map((p) => (
                <tr key={p.programme_code} className="border-t border-slate-100">
                  <th scope="row" className={`${cell} font-normal`}>
                    {specialty(p)}
                  </th>
                  <td className={`${cell} text-right`}>{t("openData.programmes.years", { count: p.duration_years })}</td>
                  <td className={`${cell} text-right`}>
                    {p.agreement_in_force ? format.number(p.posts_in_force) : t("openData.programmes.noAgreement")}
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        ))}
      </Section>

      <Section id="agreements" title={t("openData.agreements.title")}>
        <p className="text-slate-700">{t("openData.agreements.intro")}</p>
        {agreements.length === 0 ? (
          <p>{t("openData.agreements.empty")}</p>
        ) : (
          // Cards rather than a table: each agreement lists many programmes, which a phone shows better one under the other.
          <ul aria-label={t("openData.agreements.caption")} className="grid gap-4 md:grid-cols-2">
            {groupBy(agreements, (a) => a.agreement_code).map(([code, rows]) => {
              const a: AgreementRow = rows[0]!;
              const covered = rows.filter((r) => r.programme_code).sort(bySpecialty);
              return (
                <li key={code} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
                  <h3 className="font-semibold">{a.university}</h3>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-600">{t("openData.agreements.role")}</dt>
                    <dd>
                      {a.facility_role === "collegata" || a.facility_role === "complementare"
                        ? t(`openData.agreements.roles.${a.facility_role}`)
                        : a.facility_role}
                    </dd>
                    <dt className="text-slate-600">{t("openData.agreements.from")}</dt>
                    <dd>
                      <time dateTime={a.valid_from}>{format.date(a.valid_from)}</time>
                    </dd>
                    <dt className="text-slate-600">{t("openData.agreements.to")}</dt>
                    <dd>
                      <time dateTime={a.valid_to}>{format.date(a.valid_to)}</time>
                    </dd>
                  </dl>
                  <p className="mt-3 text-sm font-medium">{t("openData.agreements.programmes")}</p>
                  {covered.length === 0 ? (
                    <p className="text-sm">{t("openData.agreements.none")}</p>
                  ) : (
                    <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                      {covered.map((r) => (
                        <li key={r.programme_code}>
                          {t("openData.agreements.programmePosts", { programme: specialty(r), count: r.posts ?? 0 })}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section id="figures" title={t("openData.figures.title")}>
        <p className="text-slate-700">{t("openData.figures.intro")}</p>
        <Form method="get" preventScrollReset className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-col">
            <label htmlFor="year" className="text-sm font-medium">
              {t("openData.figures.yearLabel")}
            </label>
            <select
              key={year.startYear}
              id="year"
              name="year"
              defaultValue={year.startYear}
              className="mt-1 rounded border border-slate-400 px-3 py-2"
            >
              {[...years].reverse().map((y) => (
                <option key={y.startYear} value={y.startYear}>
                  {y.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
            {t("openData.figures.show")}
          </button>
        </Form>
        <p className="font-medium">
          {t("openData.figures.period", { year: year.label, from: format.date(year.start), to: format.date(year.end) })}
        </p>

        <h3 className="font-semibold">{t("openData.figures.byProgramme")}</h3>
        <Table
          label={t("openData.figures.byProgrammeCaption", { year: year.label })}
          head={
            <>
              <Th>{t("openData.figures.programme")}</Th>
              <Th>{t("openData.figures.university")}</Th>
              <Th right>{t("openData.figures.residents")}</Th>
              <Th right>{t("openData.figures.hours")}</Th>
            </>
          }
        >
          {perProgramme.map(({ row, residents, hours }) => (
            <tr key={row.programme_code} className="border-t border-slate-100">
              <th scope="row" className={`${cell} font-normal`}>
                {specialty(row)}
              </th>
              <td className={cell}>{row.university}</td>
              <td className={`${cell} text-right`} data-count="residents">
                {count(residents)}
              </td>
              <td className={`${cell} text-right`}>{typeof hours === "number" ? format.number(hours) : hours}</td>
            </tr>
          ))}
        </Table>

        <h3 className="font-semibold">{t("openData.figures.byDepartment")}</h3>
        <Table
          label={t("openData.figures.byDepartmentCaption", { year: year.label })}
          head={
            <>
              <Th>{t("openData.figures.department")}</Th>
              <Th right>{t("openData.figures.rotations")}</Th>
            </>
          }
        >
          {perDepartment.map((row) => (
            <tr key={row.department_code} className="border-t border-slate-100">
              <th scope="row" className={`${cell} font-normal`}>
                {row.department}
              </th>
              <td className={`${cell} text-right`} data-count="rotations">
                {count(row.value)}
              </td>
            </tr>
          ))}
        </Table>
        <p className="text-sm text-slate-700">{t("openData.figures.notes")}</p>
      </Section>

      <Section id="downloads" title={t("openData.downloads.title")}>
        <p className="text-slate-700">{t("openData.downloads.intro")}</p>
        <ul className="space-y-2">
          {DATASETS.map((name) => (
            <li key={name} className="flex flex-wrap gap-x-4 gap-y-1">
              {FORMATS.map((fileFormat) => (
                <a key={fileFormat} href={fileHref(name, fileFormat)} download={`${name}.${fileFormat}`} className={link}>
                  {t("openData.downloads.file", { dataset: t(`openData.downloads.datasets.${name}`), format: fileFormat.toUpperCase() })}
                </a>
              ))}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="documentation" title={t("openData.documentation.title")}>
        <p className="text-slate-700">{t("openData.documentation.intro")}</p>
        {DATASETS.map((name) => {
          const dataset = t(`openData.downloads.datasets.${name}`);
          return (
            <div key={name} className="space-y-2">
              <h3 className="font-semibold">{dataset}</h3>
              <p className="text-sm">
                {t("openData.documentation.address")}:{" "}
                {FORMATS.map((fileFormat, i) => (
                  <span key={fileFormat}>
                    {i > 0 ? ", " : null}
                    <code>{fileHref(name, fileFormat)}</code>
                  </span>
                ))}
              </p>
              <Table
                label={t("openData.documentation.caption", { dataset })}
                head={
                  <>
                    <Th>{t("openData.documentation.column")}</Th>
                    <Th>{t("openData.documentation.meaning")}</Th>
                  </>
                }
              >
                {COLUMNS[name].map((column) => (
                  <tr key={column} className="border-t border-slate-100 align-top">
                    <th scope="row" className={`${cell} font-normal`}>
                      <code>{column}</code>
                    </th>
                    <td className={cell}>{t(`openData.documentation.columns.${column}`)}</td>
                  </tr>
                ))}
              </Table>
            </div>
          );
        })}
      </Section>
    </div>
  );
}
