import PDFDocument from "pdfkit";
import { hoursOf } from "~/domain/teaching";
import { specialtyName } from "~/domain/specialties";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import type { CertificateDocument } from "~/models/certificate.server";
import { env } from "~/utils/env.server";

/**
 * A certificate as an A4 PDF, in the certificate's language: the hospital, the title, whom it is for,
 * the period, the figures, the list of sessions (continuing on further pages), the issue date and the
 * verification code with the address where anyone can check it. The built-in Helvetica has the
 * accented letters of Italian, so no font file is embedded.
 */
const MARGIN = 56; // 2 cm
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#94a3b8";

/** A table of a certificate: it continues on further pages under `continued`, its header repeated. */
export type PdfTable = {
  heading: string;
  continued: string;
  /** Said instead of the rows when there are none. */
  empty?: string;
  /** Widths are shares of the page's width. */
  columns: Array<{ header: string; share: number; align?: "left" | "right" }>;
  rows: string[][];
};

/** Everything a certificate states, in its language: the generic layout of every certificate the portal issues. */
export type StatementPdf = {
  locale: Locale;
  code: string;
  issuedAt: Date;
  title: string;
  holderName: string;
  statement: string;
  details: Array<[label: string, value: string]>;
  /** A small print note under the figures (how they were counted). */
  note?: string;
  tables: PdfTable[];
};

/**
 * A certificate as an A4 PDF: the hospital, the title, the statement, the figures, the tables (continuing
 * on further pages), the issue date and the verification code with the address where anyone can check it,
 * and on every page a footer with the code and the page number.
 */
export async function renderStatementPdf(
  spec: StatementPdf,
  options: { origin: string; hospitalName?: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(spec.locale);
  const format = formatters(spec.locale);
  const hospital = options.hospitalName ?? env.HOSPITAL_NAME;
  const verifyPage = `${options.origin}/verify`;
  const verifyUrl = `${verifyPage}/${spec.code}`;

  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: spec.locale,
    displayTitle: true,
    info: { Title: `${spec.title} – ${spec.holderName}`, Author: hospital, Subject: spec.title, Keywords: spec.code },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const rule = (y = doc.y) =>
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();

  // ── Heading ──
  doc.font(BOLD).fontSize(15).fillColor(INK).text(hospital, left, MARGIN, { width });
  doc.moveDown(0.4);
  rule();
  doc.moveDown(1.2);
  doc.font(BOLD).fontSize(19).text(spec.title, { width, align: "center" });
  doc.moveDown(1);
  doc.font(FONT).fontSize(11).text(spec.statement, { width, align: "left" });
  doc.moveDown(0.8);

  // ── Who and what ──
  const labelWidth = 170;
  for (const [label, value] of spec.details) {
    const y = doc.y;
    doc
      .font(FONT)
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(label, left, y, { width: labelWidth - 10 });
    const labelBottom = doc.y;
    doc
      .font(BOLD)
      .fillColor(INK)
      .text(value, left + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(doc.y, labelBottom) + 3;
  }
  if (spec.note) {
    doc.moveDown(0.4);
    doc.font(FONT).fontSize(9).fillColor(MUTED).text(spec.note, left, doc.y, { width });
  }

  // ── Tables ──
  const cellPad = 4;
  for (const table of spec.tables) {
    doc.moveDown(1.2);
    const total = table.columns.reduce((sum, c) => sum + c.share, 0);
    const columns = table.columns.map((c) => ({ ...c, width: (width * c.share) / total }));
    const header = (heading: string) => {
      doc.font(BOLD).fontSize(12).fillColor(INK).text(heading, left, doc.y, { width });
      doc.moveDown(0.3);
      let x = left;
      const y = doc.y;
      doc.font(BOLD).fontSize(9).fillColor(MUTED);
      for (const column of columns) {
        doc.text(column.header, x, y, { width: column.width - cellPad, align: column.align ?? "left" });
        x += column.width;
      }
      doc.y = Math.max(doc.y, y + doc.currentLineHeight()) + 3;
      rule();
      doc.y += 3;
    };
    // A heading never ends a page alone.
    if (doc.y + 60 > bottom()) doc.addPage();
    header(table.heading);
    if (table.rows.length === 0 && table.empty) doc.font(FONT).fontSize(10).fillColor(INK).text(table.empty, left, doc.y, { width });
    for (const row of table.rows) {
      doc.font(FONT).fontSize(9.5);
      const height = Math.max(...columns.map((c, i) => doc.heightOfString(row[i] ?? "", { width: c.width - cellPad })));
      if (doc.y + height > bottom()) {
        doc.addPage();
        header(table.continued);
        doc.font(FONT).fontSize(9.5);
      }
      const y = doc.y;
      let x = left;
      doc.fillColor(INK);
      columns.forEach((column, i) => {
        doc.text(row[i] ?? "", x, y, { width: column.width - cellPad, align: column.align ?? "left" });
        x += column.width;
      });
      doc.y = y + height + 4;
    }
  }

  // ── Issue and verification ──
  const closing = 150;
  if (doc.y + closing > bottom()) doc.addPage();
  else doc.moveDown(1.5);
  rule();
  doc.moveDown(0.8);
  doc
    .font(FONT)
    .fontSize(10.5)
    .fillColor(INK)
    .text(t("certificates.pdf.issuedOn", { date: format.date(spec.issuedAt) }), left, doc.y, { width });
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(10).fillColor(MUTED).text(t("certificates.pdf.code"), { width });
  doc.font(BOLD).fontSize(18).fillColor(INK).text(spec.code, { width, characterSpacing: 1 });
  doc.moveDown(0.4);
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor(INK)
    .text(t("certificates.pdf.verifyAt", { url: verifyUrl, page: verifyPage }), { width });

  // ── Footer on every page: page number and code ──
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    const y = doc.page.height - MARGIN;
    doc.font(FONT).fontSize(8.5).fillColor(MUTED);
    doc.text(`${spec.title} · ${spec.code}`, left, y, { width: width - 90, lineBreak: false });
    doc.text(t("certificates.pdf.page", { page: i - range.start + 1, pages: range.count }), left + width - 90, y, {
      width: 90,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }

  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A teaching certificate (a resident's attended teaching, a tutor's teaching delivered) as a PDF. */
export function renderCertificatePdf(certificate: CertificateDocument, options: { origin: string; hospitalName?: string }) {
  const t = translator(certificate.locale);
  const format = formatters(certificate.locale);
  const hospital = options.hospitalName ?? env.HOSPITAL_NAME;
  const hours = (minutes: number) => t("certificates.hours", { hours: format.number(hoursOf(minutes)) });
  const period = { from: format.date(certificate.periodStart), to: format.date(certificate.periodEnd) };
  const statementKey = certificate.kind === "resident-teaching" ? "certificates.pdf.residentStatement" : "certificates.pdf.tutorStatement";
  const details: Array<[string, string]> = [];
  const { resident } = certificate.holder;
  if (resident) {
    details.push([t("certificates.pdf.programme"), specialtyName(resident.specialtyCode, certificate.locale)]);
    details.push([t("certificates.pdf.university"), resident.university]);
    details.push([t("certificates.pdf.studentNumber"), resident.studentNumber]);
  }
  details.push([t("certificates.pdf.period"), t("certificates.pdf.periodValue", period)]);
  details.push([t("certificates.pdf.sessions"), format.number(certificate.sessions.length)]);
  details.push([t("certificates.pdf.hours"), hours(certificate.minutes)]);
  if (certificate.byYear.length > 0) {
    details.push([
      t("certificates.pdf.hoursPerYear"),
      certificate.byYear.map((y) => `${t("certificates.pdf.academicYear", { label: y.label })}: ${hours(y.minutes)}`).join("\n"),
    ]);
  }
  return renderStatementPdf(
    {
      locale: certificate.locale,
      code: certificate.code,
      issuedAt: certificate.issuedAt,
      title: t(`certificates.kinds.${certificate.kind}`),
      holderName: certificate.holder.name,
      statement: t(statementKey, { name: certificate.holder.name, hospital, ...period }),
      details,
      note: t("certificates.pdf.counting"),
      tables: [
        {
          heading: t("certificates.pdf.listTitle"),
          continued: t("certificates.pdf.listContinued"),
          empty: t("certificates.pdf.none"),
          columns: [
            { header: t("certificates.pdf.date"), share: 78 },
            { header: t("certificates.pdf.title"), share: 483 - 78 - 130 - 62 },
            { header: t("certificates.pdf.type"), share: 130 },
            { header: t("certificates.pdf.duration"), share: 62, align: "right" },
          ],
          rows: certificate.sessions.map((session) => [
            format.date(session.date),
            session.title,
            t(`teaching.types.${session.type}` as never, { defaultValue: session.type }),
            hours(session.durationMinutes),
          ]),
        },
      ],
    },
    options,
  );
}

/** "attestato-didattica-rossi-2025-11-01-2026-10-31.pdf": plain ASCII, safe in any header. */
export function certificateFileName(
  certificate: Pick<CertificateDocument, "locale" | "periodStart" | "periodEnd"> & { holder: { name: string } },
  name: "certificates.pdf.fileName" | "certificates.logbook.pdf.fileName" = "certificates.pdf.fileName",
): string {
  const t = translator(certificate.locale);
  const surname = certificate.holder.name.trim().split(/\s+/).pop() ?? "";
  const slug = surname
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return [t(name), slug || null, day(certificate.periodStart), day(certificate.periodEnd)].filter(Boolean).join("-") + ".pdf";
}
