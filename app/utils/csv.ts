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

export type CsvRow = { line: number; cells: string[] };

/**
 * Reads CSV as Excel and universities' systems write it: an optional byte-order mark, ";" "," or tab
 * as separator (whichever the header line uses most), quoted cells with doubled quotes and line breaks
 * inside, CRLF, LF or CR line ends. Blank lines are skipped; each row keeps the line it starts on.
 */
export function parseCsv(text: string): CsvRow[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = detectSeparator(source);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = source.length;
  const endRow = () => {
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i <= n) {
    // One cell: quoted (up to the closing quote) or plain (up to the next separator or line end).
    let cell: string;
    let j = i;
    while (j < n && (source[j] === " " || source[j] === "\t") && source[j] !== separator) j++;
    if (source[j] === '"') {
      const parts: string[] = [];
      let k = j + 1;
      for (;;) {
        const quote = source.indexOf('"', k);
        if (quote === -1) {
          parts.push(source.slice(k));
          k = n;
          break;
        }
        parts.push(source.slice(k, quote));
        if (source[quote + 1] === '"') {
          parts.push('"');
          k = quote + 2;
        } else {
          k = quote + 1;
          break;
        }
      }
      cell = parts.join("");
      line += (cell.match(/\r\n|\r|\n/g) ?? []).length;
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      let end = k;
      while (end < n && source[end] !== separator && source[end] !== "\n" && source[end] !== "\r") end++;
      cell += source.slice(k, end);
      i = end;
    } else {
      let end = i;
      while (end < n && source[end] !== separator && source[end] !== "\n" && source[end] !== "\r") end++;
      cell = source.slice(i, end);
      i = end;
    }
    cells.push(cell);
    if (i >= n) {
      endRow();
      break;
    }
    if (source[i] === separator) {
      i++;
      continue;
    }
    // A line end: CRLF, LF or CR.
    i += source[i] === "\r" && source[i + 1] === "\n" ? 2 : 1;
    endRow();
    line++;
    rowLine = line;
    if (i >= n) break;
  }
  return rows;
}

function detectSeparator(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((s) => [s, header.split(s).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ",";
}
