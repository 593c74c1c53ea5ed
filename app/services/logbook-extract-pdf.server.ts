import { answerText } from "~/domain/evaluations";
import { DEGREES, monthOf } from "~/domain/logbook";
import { specialtyName } from "~/domain/specialties";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { LogbookExtractDocument } from "~/models/logbook-extract.server";
import { env } from "~/utils/env.server";
import { renderStatementPdf, type PdfTable } from "./certificate-pdf.server";

/** The matrix printed at the end of an extract: each activity's certified counts against its minimums, by degree. */
export type ExtractProgress = {
  year: number;
  rows: Array<{ labelIt: string; labelEn: string; cells: Record<(typeof DEGREES)[number], { year: { done: number; minimum: number } }> }>;
};

/**
 * A certified logbook extract as a PDF, in its language: the resident, the period or rotation, the
 * figures, a table per month of the certified entries with who certified each, their progress against
 * the programme's minimums when it is given, and the signed evaluations when the extract includes them.
 */
export function renderLogbookExtractPdf(
  extract: LogbookExtractDocument,
  options: { origin: string; hospitalName?: string; progress?: ExtractProgress | null },
) {
  const t = translator(extract.locale);
  const format = formatters(extract.locale);
  const hospital = options.hospitalName ?? env.HOSPITAL_NAME;
  const period = { from: format.date(extract.periodStart), to: format.date(extract.periodEnd) };
  const label = (names: { it: string; en: string }) => names[extract.locale];

  const months = new Map<string, LogbookExtractDocument["entries"]>();
  for (const entry of extract.entries) {
    const month = monthOf(entry.date);
    months.set(month, [...(months.get(month) ?? []), entry]);
  }
  const columns: PdfTable["columns"] = [
    { header: t("certificates.logbook.pdf.date"), share: 70 },
    { header: t("certificates.logbook.pdf.activity"), share: 190 },
    { header: t("certificates.logbook.pdf.degree"), share: 85 },
    { header: t("certificates.logbook.pdf.count"), share: 30, align: "right" },
    { header: t("certificates.logbook.pdf.certifiedBy"), share: 108 },
  ];
  const monthTables = [...months].map(([month, entries]): PdfTable => {
    const name = format.monthYear(`${month}-01T00:00:00.000Z`);
    return {
      heading: name,
      continued: t("certificates.logbook.pdf.monthContinued", { month: name }),
      columns,
      rows: entries.map((e) => [
        format.date(e.date),
        label(e.activity),
        t(`logbook.degreesShort.${e.degree}`),
        format.number(e.count),
        e.certifiedBy ?? "—",
      ]),
    };
  });
  const none: PdfTable = {
    heading: t("certificates.logbook.pdf.activity"),
    continued: t("certificates.logbook.pdf.activity"),
    empty: t("certificates.logbook.pdf.none"),
    columns,
    rows: [],
  };
  const progress = options.progress;
  const progressTable: PdfTable[] = progress
    ? [
        {
          heading: t("certificates.logbook.pdf.progressTitle", { year: progress.year }),
          continued: t("certificates.logbook.pdf.progressContinued"),
          columns: [
            { header: t("certificates.logbook.pdf.activity"), share: 213 },
            ...DEGREES.map((degree) => ({ header: t(`logbook.degreesShort.${degree}`), share: 90, align: "right" as const })),
          ],
          rows: progress.rows.map((row) => [
            extract.locale === "it" ? row.labelIt : row.labelEn,
            ...DEGREES.map((degree) => `${format.number(row.cells[degree].year.done)} / ${format.number(row.cells[degree].year.minimum)}`),
          ]),
        },
      ]
    : [];

  const evaluations = extract.evaluations;
  const words = { yes: t("evaluationFields.yes"), no: t("evaluationFields.no"), notAnswered: t("evaluationFields.notAnswered") };
  const evaluationColumns: PdfTable["columns"] = [
    { header: t("certificates.logbook.pdf.item"), share: 240 },
    { header: t("certificates.logbook.pdf.answer"), share: 243 },
  ];
  const evaluationTables: PdfTable[] = (evaluations ?? []).map((evaluation) => ({
    heading: t("certificates.logbook.pdf.evaluationTitle", {
      department: evaluation.department,
      from: format.date(evaluation.startDate),
      to: format.date(evaluation.endDate),
    }),
    continued: t("certificates.logbook.pdf.evaluationContinued", { department: evaluation.department }),
    columns: evaluationColumns,
    rows: [
      ...evaluation.items.map((item) => [
        item.label[extract.locale],
        answerText(item, evaluation.answers[item.key], extract.locale, words),
      ]),
      [
        t("certificates.logbook.pdf.signed"),
        t("certificates.logbook.pdf.signedValue", { name: evaluation.signedBy ?? "—", date: format.date(evaluation.signedAt) }),
      ],
      [
        t("certificates.logbook.pdf.read"),
        evaluation.acknowledgedAt ? format.date(evaluation.acknowledgedAt) : t("certificates.logbook.pdf.notRead"),
      ],
      ...(evaluation.residentComment ? [[t("certificates.logbook.pdf.residentComment"), evaluation.residentComment]] : []),
    ],
  }));
  const noEvaluation: PdfTable = {
    heading: t("certificates.logbook.pdf.evaluations"),
    continued: t("certificates.logbook.pdf.evaluations"),
    empty: t("certificates.logbook.pdf.noEvaluations"),
    columns: evaluationColumns,
    rows: [],
  };

  const details: Array<[string, string]> = [
    [t("certificates.pdf.programme"), specialtyName(extract.holder.specialtyCode, extract.locale)],
    [t("certificates.pdf.university"), extract.holder.university],
    [t("certificates.pdf.studentNumber"), extract.holder.studentNumber],
    [t("certificates.logbook.pdf.year"), format.number(extract.holder.yearOfTraining)],
    [t("certificates.pdf.period"), t("certificates.pdf.periodValue", period)],
    ...(extract.rotation ? [[t("certificates.logbook.pdf.rotation"), extract.rotation.department] as [string, string]] : []),
    [t("certificates.logbook.pdf.entries"), format.number(extract.entries.length)],
    [t("certificates.logbook.pdf.performed"), format.number(extract.performed)],
    ...(evaluations ? [[t("certificates.logbook.pdf.evaluations"), format.number(evaluations.length)] as [string, string]] : []),
  ];
  return renderStatementPdf(
    {
      locale: extract.locale,
      code: extract.code,
      issuedAt: extract.issuedAt,
      title: t("certificates.kinds.resident-logbook"),
      holderName: extract.holder.name,
      statement: t("certificates.logbook.pdf.statement", { name: extract.holder.name, hospital, ...period }),
      details,
      note: evaluations
        ? `${t("certificates.logbook.pdf.counting")} ${t("certificates.logbook.pdf.evaluationsNote")}`
        : t("certificates.logbook.pdf.counting"),
      tables: [
        ...(monthTables.length ? monthTables : [none]),
        ...progressTable,
        ...(evaluations ? (evaluationTables.length ? evaluationTables : [noEvaluation]) : []),
      ],
    },
    options,
  );
}
