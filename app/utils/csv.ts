import type { Locale } from "~/i18n/locale";

/**
 * CSV that Excel opens correctly with accented Italian names: UTF-8 with a byte-order mark, CRLF line
 * ends, and ";" as separator for Italian users (Excel in Italian expects it), "," otherwise.
 * Cells that start like a formula are prefixed with an apostrophe (CSV injection).
 */
export function csvSeparator(locale: Locale): string {
  return locale === "it" ? ";" : ",";
}

export function csvCell(value: unknown, separator: string): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) || text.startsWith(" ") || text.endsWith(" ")
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

export function toCsv(header: string[], rows: unknown[][], locale: Locale): string {
  const separator = csvSeparator(locale);
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function csvResponse(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
