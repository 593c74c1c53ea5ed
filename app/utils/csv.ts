import { CsvError, parse, type Options as ParseOptions } from "csv-parse/sync";
import { stringify, type Options as StringifyOptions } from "csv-stringify/sync";
import type { Locale } from "~/i18n/locale";

/**
 * CSV that Excel opens correctly with accented Italian names: UTF-8 with a byte-order mark, CRLF line
 * ends, and ";" as separator for Italian users (Excel in Italian expects it), "," otherwise.
 * Cells that start like a formula are prefixed with an apostrophe (CSV injection).
 */
export function csvSeparator(locale: Locale): string {
  return locale === "it" ? ";" : ",";
}

/** How csv-stringify writes the portal's files; the byte-order mark is added by `toCsv` alone. */
function writerOptions(separator: string): StringifyOptions {
  return {
    delimiter: separator,
    record_delimiter: "\r\n",
    // Given a record delimiter, csv-stringify would stop quoting a cell's lone "\n" or "\r"; a line
    // break inside a cell has to stay inside its quotes.
    quote_record_delimiter: true,
    // Leading and trailing spaces are quoted, so that readers that trim unquoted cells keep them.
    quoted_match: [/^ /, / $/],
    // "=", "+", "-", "@", tab and carriage return (and their full-width forms) at the start of a text
    // get an apostrophe; a negative number is left alone, as it is a number and not a formula.
    escape_formulas: true,
    cast: {
      // A day, as the portal's dates are days (stored at UTC midnight).
      date: (value) => value.toISOString().slice(0, 10),
      // csv-stringify writes true as "1" and false as ""; the open data and the reports want the words.
      boolean: (value) => String(value),
      object: (value) => String(value),
    },
  };
}

/** One cell as `toCsv` writes it with this separator. */
export function csvCell(value: unknown, separator: string): string {
  return stringify([[value]], { ...writerOptions(separator), eof: false });
}

export function toCsv(header: string[], rows: unknown[][], locale: Locale): string {
  return stringify([header, ...rows], { ...writerOptions(csvSeparator(locale)), bom: true });
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
 * It never refuses a file: what a spreadsheet would open, the import reads and checks row by row.
 */
export function parseCsv(text: string): CsvRow[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const options: ParseOptions = {
    delimiter: detectSeparator(source),
    // Any of the three line ends, even mixed in one file (a list pasted together from two systems).
    record_delimiter: ["\r\n", "\n", "\r"],
    // Rows of any length: a missing trailing cell is the import's to report, not the parser's.
    relax_column_count: true,
    // A quote inside an unquoted cell (Rossi "Nico") is a character, as spreadsheets read it.
    relax_quotes: true,
    // Spaces before a quoted cell, as in `a, "b, c"`, do not stop it being quoted.
    ltrim: true,
    // Empty lines come back as records so that every line is accounted for (see below).
    skip_empty_lines: false,
  };
  let records: string[][];
  try {
    records = parse(source, options);
  } catch (error) {
    // A quote opened and never closed: a spreadsheet takes the rest of the file as that cell, and so
    // does the import, which then shows the row's problems instead of failing on the whole file.
    if (!(error instanceof CsvError) || error.code !== "CSV_QUOTE_NOT_CLOSED") throw error;
    records = parse(`${source}"`, options);
  }
  // A record takes one line, plus the line breaks inside its quoted cells, which csv-parse keeps as
  // they are. Counted here rather than taken from csv-parse's `info.lines`, which counts a CRLF
  // inside a quoted cell as two lines.
  const rows: CsvRow[] = [];
  let line = 1;
  for (const cells of records) {
    if (cells.some((cell) => cell.trim() !== "")) rows.push({ line, cells });
    line += 1 + cells.reduce((breaks, cell) => breaks + (cell.match(/\r\n|\r|\n/g) ?? []).length, 0);
  }
  return rows;
}

/**
 * The separator the header line uses most, outside quoted text; "," when it uses none. csv-parse's own
 * discovery (`delimiter_auto`) cannot be used: in 7.0 it fails on a byte-order mark or on a quoted
 * header cell, and it weighs every line of the sample, where the portal trusts the header alone.
 */
function detectSeparator(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((s) => [s, header.split(s).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ",";
}
