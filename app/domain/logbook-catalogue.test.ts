import { describe, expect, it } from "vitest";
import { LOGBOOK_LIMITS, type CatalogueActivity } from "./logbook";
import {
  catalogueCsvRows,
  diffCatalogue,
  minimumColumn,
  nextVersionStart,
  parseCatalogueRows,
  sameCatalogue,
  type CatalogueRow,
} from "./logbook-catalogue";

const rows = (...lines: string[][]): CatalogueRow[] => lines.map((cells, i) => ({ line: i + 1, cells }));
const HEAD = ["codice", "categoria", "attivita_it", "attivita_en"];

describe("minimumColumn", () => {
  it("reads a year or the whole programme and a degree in either language", () => {
    expect(minimumColumn("2_autonomia")).toEqual({ year: 2, degree: "autonomy" });
    expect(minimumColumn("TOT_Supporto")).toEqual({ year: 0, degree: "support" });
    expect(minimumColumn("6_collaboration")).toEqual({ year: 6, degree: "collaboration" });
  });
  it("refuses other years and words", () => {
    expect(minimumColumn("7_autonomia")).toBeNull();
    expect(minimumColumn("0_autonomia")).toBeNull();
    expect(minimumColumn("1_osservazione")).toBeNull();
    expect(minimumColumn("note")).toBeNull();
  });
});

describe("parseCatalogueRows", () => {
  it("reads activities with their minimums, an empty cell being no minimum", () => {
    const parsed = parseCatalogueRows(
      rows(
        [...HEAD, "1_supporto", "1_autonomia", "tot_collaborazione"],
        ["visita", "Clinica", "Prima visita", "First visit", "10", "", "40"],
        ["biopsia", "", "Biopsia", "Biopsy", "", "2", ""],
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.activities).toEqual([
      {
        code: "visita",
        category: "Clinica",
        labelIt: "Prima visita",
        labelEn: "First visit",
        minimums: [
          { year: 1, degree: "support", count: 10 },
          { year: 0, degree: "collaboration", count: 40 },
        ],
      },
      { code: "biopsia", category: "", labelIt: "Biopsia", labelEn: "Biopsy", minimums: [{ year: 1, degree: "autonomy", count: 2 }] },
    ]);
  });

  it("accepts the English column names in any order", () => {
    const parsed = parseCatalogueRows(
      rows(["activity_en", "code", "activity_it", "category", "2_autonomy"], ["Biopsy", "b", "Biopsia", "P", "3"]),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.activities[0]).toMatchObject({ code: "b", labelEn: "Biopsy", minimums: [{ year: 2, degree: "autonomy", count: 3 }] });
  });

  it("reports unknown, repeated and missing columns on the header's line", () => {
    const parsed = parseCatalogueRows(rows(["codice", "attivita_it", "note", "1_supporto", "1_support"], ["a", "b", "c", "1", "1"]));
    expect(parsed.activities).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, key: "logbookCatalogue.errors.unknownColumn", values: { column: "note" } },
      { line: 1, key: "logbookCatalogue.errors.duplicateColumn", values: { column: "1_support" } },
      { line: 1, key: "logbookCatalogue.errors.missingColumns", values: { columns: "categoria, attivita_en" } },
    ]);
  });

  it("reports every line's problems and keeps no activity", () => {
    const parsed = parseCatalogueRows(
      rows(
        [...HEAD, "1_supporto"],
        ["a", "C", "A", "A", "5"],
        ["", "C", "B", "B", ""],
        ["A", "C", "", "A2", "0"],
        ["c", "C", "C", "C", "1.5"],
        ["d", "C", "D", "D", "1000"],
        ["e", "C", "E", "E", "=1+1"],
      ),
    );
    expect(parsed.activities).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 3, key: "logbookCatalogue.errors.missingCode" },
      { line: 4, key: "logbookCatalogue.errors.duplicateCode", values: { code: "A", line: 2 } },
      { line: 4, key: "logbookCatalogue.errors.missingLabel", values: { column: "attivita_it" } },
      { line: 4, key: "logbookCatalogue.errors.badCount", values: { column: "1_supporto", value: "0", max: 999 } },
      { line: 5, key: "logbookCatalogue.errors.badCount", values: { column: "1_supporto", value: "1.5", max: 999 } },
      { line: 6, key: "logbookCatalogue.errors.badCount", values: { column: "1_supporto", value: "1000", max: 999 } },
      { line: 7, key: "logbookCatalogue.errors.badCount", values: { column: "1_supporto", value: "=1+1", max: 999 } },
    ]);
  });

  it("refuses texts longer than the catalogue keeps", () => {
    const parsed = parseCatalogueRows(rows(HEAD, ["x".repeat(41), "C", "y".repeat(201), "Y"]));
    expect(parsed.errors.map((e) => e.key)).toEqual(["logbookCatalogue.errors.codeTooLong", "logbookCatalogue.errors.tooLong"]);
  });

  it("refuses an empty file and more activities than a catalogue holds", () => {
    expect(parseCatalogueRows([]).errors[0]?.key).toBe("logbookCatalogue.errors.empty");
    expect(parseCatalogueRows(rows(HEAD)).errors[0]?.key).toBe("logbookCatalogue.errors.empty");
    const many = Array.from({ length: LOGBOOK_LIMITS.activities + 1 }, (_, i) => [`c${i}`, "C", "L", "L"]);
    const parsed = parseCatalogueRows(rows(HEAD, ...many));
    expect(parsed.errors).toEqual([
      {
        line: LOGBOOK_LIMITS.activities + 2,
        key: "logbookCatalogue.errors.tooManyRows",
        values: { max: LOGBOOK_LIMITS.activities, count: LOGBOOK_LIMITS.activities + 1 },
      },
    ]);
  });
});

const CATALOGUE: CatalogueActivity[] = [
  {
    code: "visita",
    category: "Clinica",
    labelIt: "Prima visita; «urgente»",
    labelEn: 'First "visit"',
    minimums: [
      { year: 1, degree: "support", count: 10 },
      { year: 3, degree: "autonomy", count: 5 },
      { year: 0, degree: "collaboration", count: 40 },
    ],
  },
  { code: "biopsia", category: "Procedure", labelIt: "Biopsia", labelEn: "Biopsy", minimums: [] },
];

describe("catalogueCsvRows", () => {
  it("writes what parseCatalogueRows reads back", () => {
    const { header, rows: body } = catalogueCsvRows(CATALOGUE, 2);
    expect(header).toEqual([...HEAD, ...["1", "2", "3", "tot"].flatMap((y) => [`${y}_supporto`, `${y}_collaborazione`, `${y}_autonomia`])]);
    const parsed = parseCatalogueRows(rows(header, ...body));
    expect(parsed).toEqual({ activities: CATALOGUE, errors: [] });
  });

  it("is a template of the programme's years when empty", () => {
    const { header, rows: body } = catalogueCsvRows([], 4);
    expect(header).toHaveLength(4 + 5 * 3);
    expect(body).toEqual([]);
  });
});

describe("diffCatalogue", () => {
  it("finds activities added, removed, and whose minimums or words changed, by code", () => {
    const next: CatalogueActivity[] = [
      { ...CATALOGUE[0]!, minimums: [{ year: 1, degree: "support", count: 12 }] },
      { ...CATALOGUE[1]!, labelEn: "Bone-marrow biopsy" },
      { code: "board", category: "Team", labelIt: "Tumour board", labelEn: "Tumour board", minimums: [] },
    ];
    const diff = diffCatalogue(CATALOGUE, next);
    expect(diff.added.map((a) => a.code)).toEqual(["board"]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([{ activity: next[0], before: CATALOGUE[0]!.minimums, after: next[0]!.minimums }]);
    expect(diff.relabelled.map((a) => a.code)).toEqual(["biopsia"]);
    expect(diffCatalogue(next, CATALOGUE).removed.map((a) => a.code)).toEqual(["board"]);
  });

  it("adds everything when no version is in force, and sees an identical file as no change", () => {
    expect(diffCatalogue(null, CATALOGUE).added).toEqual(CATALOGUE);
    const reordered = [{ ...CATALOGUE[0]!, minimums: [...CATALOGUE[0]!.minimums].reverse() }, CATALOGUE[1]!];
    expect(sameCatalogue(diffCatalogue(CATALOGUE, reordered))).toBe(true);
  });
});

describe("nextVersionStart", () => {
  const start = { month: 11, day: 1 };
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  it("is the next academic year's first day, or the one after the latest version's", () => {
    expect(nextVersionStart(day("2026-12-05"), start, null)).toEqual(day("2027-11-01"));
    expect(nextVersionStart(day("2026-10-05"), start, day("2025-11-01"))).toEqual(day("2026-11-01"));
    expect(nextVersionStart(day("2026-12-05"), start, day("2027-11-01"))).toEqual(day("2028-11-01"));
  });
});
