import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, csvSeparator, parseCsv, toCsv } from "./csv";

const BOM = "\uFEFF";

describe("toCsv", () => {
  it("starts with a byte-order mark so Excel reads UTF-8", () => {
    const csv = toCsv(["Nome"], [["Niccolò"]], "it");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(`${BOM}Nome\r\n`)).toBe(true);
  });

  it("uses ';' for Italian and ',' for English", () => {
    expect(csvSeparator("it")).toBe(";");
    expect(csvSeparator("en")).toBe(",");
    expect(toCsv(["A", "B"], [[1, 2]], "it")).toBe(`${BOM}A;B\r\n1;2\r\n`);
    expect(toCsv(["A", "B"], [[1, 2]], "en")).toBe(`${BOM}A,B\r\n1,2\r\n`);
  });

  it("ends every line, the last one included, with CRLF", () => {
    const csv = toCsv(["A"], [["x"], ["y"]], "en");
    expect(csv).toBe(`${BOM}A\r\nx\r\ny\r\n`);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("keeps accented names intact", () => {
    const csv = toCsv(
      ["Cognome", "Nome"],
      [
        ["D'Alò", "Niccolò"],
        ["Müller", "José"],
        ["Università Cattolica del Sacro Cuore", "Ça"],
      ],
      "it",
    );
    expect(csv).toContain("D'Alò;Niccolò\r\n");
    expect(csv).toContain("Müller;José\r\n");
    expect(csv).toContain("Università Cattolica del Sacro Cuore;Ça\r\n");
  });

  it("writes dates as YYYY-MM-DD", () => {
    expect(toCsv(["Inizio"], [[new Date("2026-11-23T00:00:00Z")]], "it")).toBe(`${BOM}Inizio\r\n2026-11-23\r\n`);
  });

  it("writes null and undefined as empty cells", () => {
    expect(toCsv(["A", "B", "C"], [[null, undefined, 0]], "en")).toBe(`${BOM}A,B,C\r\n,,0\r\n`);
  });

  it("quotes header cells too", () => {
    expect(toCsv(["Posti; totali"], [], "it")).toBe(`${BOM}"Posti; totali"\r\n`);
  });
});

describe("csvCell quoting", () => {
  it("quotes a cell containing the separator in use, and only that separator", () => {
    expect(csvCell("Rossi; Mario", ";")).toBe('"Rossi; Mario"');
    expect(csvCell("Rossi, Mario", ",")).toBe('"Rossi, Mario"');
    expect(csvCell("Rossi, Mario", ";")).toBe("Rossi, Mario");
    expect(csvCell("Rossi; Mario", ",")).toBe("Rossi; Mario");
  });

  it("quotes and doubles embedded quotes", () => {
    expect(csvCell('Ospedale "San Raffaele"', ",")).toBe('"Ospedale ""San Raffaele"""');
  });

  it("quotes cells with line breaks, keeping them inside the cell", () => {
    expect(csvCell("riga uno\nriga due", ";")).toBe('"riga uno\nriga due"');
    expect(csvCell("riga uno\r\nriga due", ";")).toBe('"riga uno\r\nriga due"');
    const csv = toCsv(["Note"], [["a\nb"]], "en");
    expect(csv).toBe(`${BOM}Note\r\n"a\nb"\r\n`);
  });

  it("leaves plain cells alone", () => {
    expect(csvCell("Oncologia medica", ";")).toBe("Oncologia medica");
    expect(csvCell(42, ";")).toBe("42");
    expect(csvCell(true, ";")).toBe("true");
  });
});

describe("csvCell formula injection", () => {
  it("prefixes text that a spreadsheet would run as a formula with an apostrophe", () => {
    expect(csvCell("=SUM(A1)", ";")).toBe("'=SUM(A1)");
    expect(csvCell("+1", ";")).toBe("'+1");
    expect(csvCell("@x", ";")).toBe("'@x");
    expect(csvCell("-x", ";")).toBe("'-x");
    expect(csvCell("\tx", ";")).toBe("'\tx");
  });

  it("still quotes a neutralised formula that contains the separator", () => {
    expect(csvCell('=HYPERLINK("http://evil";"x")', ";")).toBe('"\'=HYPERLINK(""http://evil"";""x"")"');
    expect(csvCell("=1,2", ",")).toBe('"\'=1,2"');
  });

  it("does not alter negative numbers", () => {
    expect(csvCell(-5, ";")).toBe("-5");
    expect(csvCell(-0.5, ",")).toBe("-0.5");
    expect(toCsv(["Saldo"], [[-12]], "it")).toBe(`${BOM}Saldo\r\n-12\r\n`);
  });

  it("neutralises the full-width formula signs that Apple Numbers reads as formulas too", () => {
    expect(csvCell("\uFF1D1+1", ";")).toBe("'\uFF1D1+1");
    expect(csvCell("\uFF20x", ",")).toBe("'\uFF20x");
  });

  it("leaves text with a formula character later on alone", () => {
    expect(csvCell("Rossi-Bianchi", ";")).toBe("Rossi-Bianchi");
    expect(csvCell("mario@example.org", ";")).toBe("mario@example.org");
  });
});

describe("csvResponse", () => {
  it("serves the file as a UTF-8 CSV download with a safe file name, never cached", async () => {
    const csv = toCsv(["Nome"], [["Niccolò"]], "it");
    const response = csvResponse(csv, 'convenzioni "2026".csv');
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="convenzioni__2026_.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(csv);
  });
});

describe("parseCsv", () => {
  it("reads what toCsv writes, in both separators", () => {
    for (const locale of ["it", "en"] as const) {
      const rows = [
        ["D'Alò; Niccolò", 'detto "Nico"', "riga\r\nnuova"],
        ["=1+1", "", "x"],
      ];
      const parsed = parseCsv(toCsv(["A", "B", "C"], rows, locale));
      expect(parsed.map((r) => r.cells)).toEqual([
        ["A", "B", "C"],
        ["D'Alò; Niccolò", 'detto "Nico"', "riga\r\nnuova"],
        ["'=1+1", "", "x"],
      ]);
    }
  });

  it("picks the separator the header uses and strips the byte-order mark", () => {
    expect(parseCsv(`${BOM}a;b,c;d\n1;2,5;3`).map((r) => r.cells)).toEqual([
      ["a", "b,c", "d"],
      ["1", "2,5", "3"],
    ]);
    expect(parseCsv("a\tb\n1\t2").map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("solo\nuno").map((r) => r.cells)).toEqual([["solo"], ["uno"]]);
  });

  it("skips blank lines and numbers rows by the line they start on", () => {
    const rows = parseCsv('a,b\r\n\r\n1,"two\nlines"\r\n;\n3,4');
    expect(rows.map((r) => r.line)).toEqual([1, 3, 5, 6]);
    expect(rows[1]!.cells).toEqual(["1", "two\nlines"]);
    expect(rows[2]!.cells).toEqual([";"]);
  });

  it("copes with CR-only line ends, a missing last line end and an empty file", () => {
    expect(parseCsv("a,b\r1,2").map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv(BOM)).toEqual([]);
  });

  it("keeps counting lines right after a CRLF inside a quoted cell", () => {
    const rows = parseCsv('a,b\r\n"x\r\ny",2\r\n3,4\r\n"p\rq\nr",5\n6,7');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 8]);
    expect(rows[1]!.cells).toEqual(["x\r\ny", "2"]);
    expect(rows[3]!.cells).toEqual(["p\rq\nr", "5"]);
  });

  it("reads a quote inside an unquoted cell as a character, and spaces before a quoted cell as nothing", () => {
    expect(parseCsv('nome;cognome\nNiccolò "Nico";Rossi').map((r) => r.cells)).toEqual([
      ["nome", "cognome"],
      ['Niccolò "Nico"', "Rossi"],
    ]);
    expect(parseCsv('a,b\n1, "2,5"').map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1", "2,5"],
    ]);
  });

  it("keeps empty cells in their columns when the separator is a tab", () => {
    expect(parseCsv("a\tb\tc\n\tx\ty\n \t\tz").map((r) => r.cells)).toEqual([
      ["a", "b", "c"],
      ["", "x", "y"],
      ["", "", "z"],
    ]);
  });

  it("takes the rest of the file as the cell whose quote is never closed, as a spreadsheet does", () => {
    const rows = parseCsv('a,b\n1,"due\n3,4\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1", "due\n3,4\n"],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it("reads any text without throwing, rows in order within the file's lines", () => {
    const piece = fc.constantFrom("a", "è", " ", "\t", ",", ";", '"', "\r", "\n", "\r\n", "\uFEFF");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const lines = text.split(/\r\n|\r|\n/).length;
        const rows = parseCsv(text);
        rows.forEach((row, i) => {
          expect(row.line).toBeGreaterThanOrEqual(i === 0 ? 1 : rows[i - 1]!.line + 1);
          expect(row.line).toBeLessThanOrEqual(lines);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("reads back every cell toCsv writes, whatever it holds", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "è", " ", "\t", ",", ";", '"', "'", "\r", "\n", "=", "-", "@", "+") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 5 }),
        fc.constantFrom("it", "en"),
        (rows, locale) => {
          // What toCsv changes on purpose: an apostrophe before a formula; and rows with nothing but
          // blanks are skipped when read.
          const written = rows.map((row) => row.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
          const expected = [["A", "B", "C"], ...written.filter((row) => row.some((c) => c.trim() !== ""))];
          expect(parseCsv(toCsv(["A", "B", "C"], rows, locale)).map((r) => r.cells)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
