import PDFDocument from "pdfkit";
import { hoursOf } from "~/domain/teaching";
import { specialtyName } from "~/domain/specialties";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
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

export async function renderCertificatePdf(
  certificate: CertificateDocument,
  options: { origin: string; hospitalName?: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(certificate.locale);
  const format = formatters(certificate.locale);
  const hospital = options.hospitalName ?? env.HOSPITAL_NAME;
  const title = t(`certificates.kinds.${certificate.kind}`);
  const hours = (minutes: number) => t("certificates.hours", { hours: format.number(hoursOf(minutes)) });
  const verifyPage = `${options.origin}/verify`;
  const verifyUrl = `${verifyPage}/${certificate.code}`;

  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: certificate.locale,
    displayTitle: true,
    info: { Title: `${title} – ${certificate.holder.name}`, Author: hospital, Subject: title, Keywords: certificate.code },
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
  doc.font(BOLD).fontSize(19).text(title, { width, align: "center" });
  doc.moveDown(1);

  const period = { from: format.date(certificate.periodStart), to: format.date(certificate.periodEnd) };
  const statementKey = certificate.kind === "resident-teaching" ? "certificates.pdf.residentStatement" : "certificates.pdf.tutorStatement";
  doc
    .font(FONT)
    .fontSize(11)
    .text(t(statementKey, { name: certificate.holder.name, hospital, ...period }), { width, align: "left" });
  doc.moveDown(0.8);

  // ── Who and what ──
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
  const labelWidth = 170;
  for (const [label, value] of details) {
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
  doc.moveDown(0.4);
  doc.font(FONT).fontSize(9).fillColor(MUTED).text(t("certificates.pdf.counting"), left, doc.y, { width });
  doc.moveDown(1.2);

  // ── Sessions ──
  const columns = [
    { key: "date", header: t("certificates.pdf.date"), width: 78 },
    { key: "title", header: t("certificates.pdf.title"), width: width - 78 - 130 - 62 },
    { key: "type", header: t("certificates.pdf.type"), width: 130 },
    { key: "duration", header: t("certificates.pdf.duration"), width: 62 },
  ] as const;
  const cellPad = 4;
  const tableHeader = (heading: string) => {
    doc.font(BOLD).fontSize(12).fillColor(INK).text(heading, left, doc.y, { width });
    doc.moveDown(0.3);
    let x = left;
    const y = doc.y;
    doc.font(BOLD).fontSize(9).fillColor(MUTED);
    for (const column of columns) {
      doc.text(column.header, x, y, { width: column.width - cellPad, align: column.key === "duration" ? "right" : "left" });
      x += column.width;
    }
    doc.y = y + doc.currentLineHeight() + 3;
    rule();
    doc.y += 3;
  };

  tableHeader(t("certificates.pdf.listTitle"));
  if (certificate.sessions.length === 0) {
    doc.font(FONT).fontSize(10).fillColor(INK).text(t("certificates.pdf.none"), left, doc.y, { width });
  }
  for (const session of certificate.sessions) {
    const cells = {
      date: format.date(session.date),
      title: session.title,
      type: t(`teaching.types.${session.type}` as never, { defaultValue: session.type }),
      duration: hours(session.durationMinutes),
    };
    doc.font(FONT).fontSize(9.5);
    const height = Math.max(...columns.map((c) => doc.heightOfString(cells[c.key], { width: c.width - cellPad })));
    if (doc.y + height > bottom()) {
      doc.addPage();
      tableHeader(t("certificates.pdf.listContinued"));
      doc.font(FONT).fontSize(9.5);
    }
    const y = doc.y;
    let x = left;
    doc.fillColor(INK);
    for (const column of columns) {
      doc.text(cells[column.key], x, y, { width: column.width - cellPad, align: column.key === "duration" ? "right" : "left" });
      x += column.width;
    }
    doc.y = y + height + 4;
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
    .text(t("certificates.pdf.issuedOn", { date: format.date(certificate.issuedAt) }), left, doc.y, { width });
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(10).fillColor(MUTED).text(t("certificates.pdf.code"), { width });
  doc.font(BOLD).fontSize(18).fillColor(INK).text(certificate.code, { width, characterSpacing: 1 });
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
    doc.text(`${title} · ${certificate.code}`, left, y, { width: width - 90, lineBreak: false });
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

/** "attestato-didattica-rossi-2025-11-01-2026-10-31.pdf": plain ASCII, safe in any header. */
export function certificateFileName(certificate: CertificateDocument): string {
  const t = translator(certificate.locale);
  const surname = certificate.holder.name.trim().split(/\s+/).pop() ?? "";
  const slug = surname
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return (
    [t("certificates.pdf.fileName"), slug || null, day(certificate.periodStart), day(certificate.periodEnd)].filter(Boolean).join("-") +
    ".pdf"
  );
}
