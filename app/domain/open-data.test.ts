import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/utils/csv";
import { parseIsoDate } from "./dates";
import {
  agreementCodes,
  agreementRows,
  COLUMNS,
  csvTable,
  DATASETS,
  departmentCodes,
  FEWER_THAN_5,
  figureRows,
  jsonDocument,
  lastAgreementChangeDay,
  latest,
  programmeRows,
  residentsHosted,
  rotationsPerDepartment,
  slug,
  suppress,
  teachingMinutesPerProgramme,
  yearTallies,
  universityCodes,
  yearsCovered,
  type OpenRegister,
} from "./open-data";
import { academicYear, DEFAULT_YEAR_START } from "./teaching";

const d = (iso: string) => parseIsoDate(iso)!;
const Y2025 = academicYear(2025, DEFAULT_YEAR_START); // 1 Nov 2025 – 31 Oct 2026

describe("the small-count rule", () => {
  it("publishes 1 to 4 as fewer than 5, and 0 and 5 or more as they are", () => {
    expect(suppress(0)).toBe(0);
    for (const n of [1, 2, 3, 4]) expect(suppress(n)).toBe(FEWER_THAN_5);
    expect(suppress(5)).toBe(5);
    expect(suppress(137)).toBe(137);
  });

  it("refuses what is not a count", () => {
    expect(() => suppress(-1)).toThrow(RangeError);
    expect(() => suppress(2.5)).toThrow(RangeError);
    expect(() => suppress(Number.NaN)).toThrow(RangeError);
  });
});

describe("the years covered", () => {
  it("are the current academic year and the four before it, oldest first", () => {
    const years = yearsCovered(d("2026-03-15"), DEFAULT_YEAR_START);
    expect(years.map((y) => y.label)).toEqual(["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]);
    // The day before the year starts still belongs to the previous one.
    expect(yearsCovered(d("2025-10-31"), DEFAULT_YEAR_START).at(-1)!.label).toBe("2024/25");
    expect(yearsCovered(d("2025-11-01"), DEFAULT_YEAR_START).at(-1)!.label).toBe("2025/26");
    // A year starting on 1 January is labelled by its calendar year.
    expect(yearsCovered(d("2026-03-15"), { month: 1, day: 1 }).map((y) => y.label)).toEqual(["2022", "2023", "2024", "2025", "2026"]);
  });
});

describe("the yearly aggregation", () => {
  it("counts the residents whose stay overlaps the year by a day or more", () => {
    const hosted = residentsHosted(
      [
        { programmeId: "onco", stayStart: d("2024-01-01"), stayEnd: d("2025-11-01") }, // last day is the year's first
        { programmeId: "onco", stayStart: d("2026-10-31"), stayEnd: d("2027-06-30") }, // first day is the year's last
        { programmeId: "onco", stayStart: d("2025-12-01"), stayEnd: d("2026-05-31") }, // inside
        { programmeId: "onco", stayStart: d("2024-01-01"), stayEnd: d("2025-10-31") }, // ends the day before
        { programmeId: "radio", stayStart: d("2026-11-01"), stayEnd: d("2027-10-31") }, // starts the day after
        { programmeId: "radio", stayStart: d("2020-01-01"), stayEnd: d("2030-12-31") }, // spans it
      ],
      Y2025,
    );
    expect(Object.fromEntries(hosted)).toEqual({ onco: 3, radio: 1 });
  });

  it("counts the rotations not cancelled that overlap the year", () => {
    const rotations = rotationsPerDepartment(
      [
        { departmentId: "a", startDate: d("2025-10-01"), endDate: d("2025-11-30"), state: "confirmed" },
        { departmentId: "a", startDate: d("2026-01-01"), endDate: d("2026-01-31"), state: "planned" },
        { departmentId: "a", startDate: d("2026-02-01"), endDate: d("2026-02-28"), state: "cancelled" },
        { departmentId: "b", startDate: d("2026-11-01"), endDate: d("2026-11-30"), state: "confirmed" },
        { departmentId: "b", startDate: d("2026-10-01"), endDate: d("2026-10-31"), state: "confirmed" },
      ],
      Y2025,
    );
    expect(Object.fromEntries(rotations)).toEqual({ a: 2, b: 1 });
  });

  it("adds up the delivered sessions of the year, each once per programme it is for", () => {
    const minutes = teachingMinutesPerProgramme(
      [
        { date: d("2025-11-01"), durationMinutes: 90, programmeIds: ["onco", "radio"] },
        // A programme named twice still counts the session once.
        { date: d("2026-10-31"), durationMinutes: 60, programmeIds: ["onco", "onco"] },
        { date: d("2025-10-31"), durationMinutes: 120, programmeIds: ["onco"] },
        { date: d("2026-11-01"), durationMinutes: 120, programmeIds: ["radio"] },
      ],
      Y2025,
    );
    expect(Object.fromEntries(minutes)).toEqual({ onco: 150, radio: 90 });
  });
});

describe("public codes", () => {
  it("are made from public names, unique in a stable order", () => {
    expect(slug("Università Vita-Salute San Raffaele")).toBe("universita-vita-salute-san-raffaele");
    const universities = universityCodes([
      { id: "u1", name: "Università degli Studi di Milano", shortName: "UNIMI" },
      { id: "u2", name: "Ateneo Secondo", shortName: "unimi " },
      { id: "u3", name: "Humanitas University", shortName: null },
    ]);
    expect(Object.fromEntries(universities)).toEqual({ u2: "UNIMI", u1: "UNIMI-2", u3: "HUMANITAS-UNIVERSITY" });
    expect(Object.fromEntries(departmentCodes([{ id: "x", name: "Oncologia Medica 1" }]))).toEqual({ x: "oncologia-medica-1" });
    const agreements = agreementCodes([
      { id: "b", startDate: d("2024-01-01"), createdAt: new Date("2024-02-01"), universityCode: "UNIPV" },
      { id: "a", startDate: d("2024-01-01"), createdAt: new Date("2024-01-01"), universityCode: "UNIPV" },
    ]);
    expect(Object.fromEntries(agreements)).toEqual({ a: "UNIPV-2024-01-01", b: "UNIPV-2024-01-01-2" });
  });
});

/** Two universities; oncology and haematology (archived) at UNIMI, radiotherapy at Pavia. */
const register: OpenRegister = {
  universities: [
    { id: "db-u1", name: "Università degli Studi di Milano", shortName: "UNIMI", city: "Milano" },
    { id: "db-u2", name: "Università degli Studi di Pavia", shortName: "UNIPV", city: "Pavia" },
  ],
  programmes: [
    { id: "db-onco", universityId: "db-u1", specialtyCode: "oncologia-medica", durationYears: 5, archivedAt: null },
    { id: "db-emato", universityId: "db-u1", specialtyCode: "ematologia", durationYears: 4, archivedAt: new Date("2025-01-01") },
    { id: "db-radio", universityId: "db-u2", specialtyCode: "radioterapia", durationYears: 4, archivedAt: null },
  ],
  agreements: [
    // In force, ended early on 30 June 2026.
    {
      id: "db-a1",
      universityId: "db-u1",
      facilityRole: "collegata",
      startDate: d("2024-01-01"),
      endDate: d("2028-12-31"),
      signedOn: d("2023-12-01"),
      terminatedOn: d("2026-06-30"),
      createdAt: new Date("2023-11-01"),
      programmes: [
        { programmeId: "db-onco", posts: 3 },
        { programmeId: "db-emato", posts: 2 },
      ],
    },
    // Expired.
    {
      id: "db-a2",
      universityId: "db-u2",
      facilityRole: "complementare",
      startDate: d("2020-01-01"),
      endDate: d("2024-12-31"),
      signedOn: d("2019-12-01"),
      terminatedOn: null,
      createdAt: new Date("2019-11-01"),
      programmes: [{ programmeId: "db-radio", posts: 4 }],
    },
    // A draft is never in force.
    {
      id: "db-a3",
      universityId: "db-u2",
      facilityRole: "collegata",
      startDate: d("2025-01-01"),
      endDate: d("2029-12-31"),
      signedOn: null,
      terminatedOn: null,
      createdAt: new Date("2024-11-01"),
      programmes: [{ programmeId: "db-radio", posts: 6 }],
    },
  ],
};
const TODAY = d("2026-03-15");
const DB_IDS = /db-/;

describe("the datasets", () => {
  it("list the programmes hosted with the posts in force, without archived ones or database ids", () => {
    const rows = programmeRows(register, TODAY);
    expect(rows).toEqual([
      {
        programme_code: "UNIMI-oncologia-medica",
        university_code: "UNIMI",
        university: "Università degli Studi di Milano",
        university_city: "Milano",
        specialty_code: "oncologia-medica",
        specialty_it: "Oncologia medica",
        specialty_en: "Medical oncology",
        duration_years: 5,
        agreement_in_force: true,
        posts_in_force: 3,
      },
      expect.objectContaining({ programme_code: "UNIPV-radioterapia", agreement_in_force: false, posts_in_force: 0 }),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(DB_IDS);
  });

  it("list the agreements in force today, one row per programme, with their effective end", () => {
    const rows = agreementRows(register, TODAY);
    expect(rows.map((r) => [r.agreement_code, r.facility_role, r.valid_from, r.valid_to, r.programme_code, r.posts])).toEqual([
      ["UNIMI-2024-01-01", "collegata", "2024-01-01", "2026-06-30", "UNIMI-ematologia", 2],
      ["UNIMI-2024-01-01", "collegata", "2024-01-01", "2026-06-30", "UNIMI-oncologia-medica", 3],
    ]);
    expect(agreementRows(register, d("2026-07-01"))).toEqual([]);
    expect(JSON.stringify(rows)).not.toMatch(DB_IDS);
  });

  it("give each year's figures, with small counts suppressed and hours in hours", () => {
    const years = [academicYear(2024, DEFAULT_YEAR_START), Y2025];
    const rows = figureRows(years, {
      ...register,
      departments: [
        { id: "db-d1", name: "Oncologia Medica 1", archivedAt: null },
        { id: "db-d2", name: "Reparto chiuso", archivedAt: new Date("2024-01-01") },
      ],
      tallies: yearTallies(years, {
        residents: [
          ...Array.from({ length: 6 }, () => ({ programmeId: "db-onco", stayStart: d("2025-12-01"), stayEnd: d("2026-05-31") })),
          { programmeId: "db-radio", stayStart: d("2024-12-01"), stayEnd: d("2026-05-31") },
          { programmeId: "db-emato", stayStart: d("2024-12-01"), stayEnd: d("2025-05-31") },
        ],
        rotations: [
          ...Array.from({ length: 2 }, () => ({
            departmentId: "db-d1",
            startDate: d("2025-12-01"),
            endDate: d("2025-12-31"),
            state: "confirmed",
          })),
          { departmentId: "db-d2", startDate: d("2024-12-01"), endDate: d("2024-12-31"), state: "confirmed" },
        ],
        sessions: [{ date: d("2026-01-10"), durationMinutes: 90, programmeIds: ["db-onco", "db-radio"] }],
      }),
    });
    const value = (year: string, measure: string, code: string) =>
      rows.find((r) => r.academic_year === year && r.measure === measure && (r.programme_code === code || r.department_code === code))
        ?.value;
    expect(value("2025/26", "residents_hosted", "UNIMI-oncologia-medica")).toBe(6);
    expect(value("2025/26", "residents_hosted", "UNIPV-radioterapia")).toBe(FEWER_THAN_5);
    expect(value("2024/25", "residents_hosted", "UNIMI-oncologia-medica")).toBe(0);
    expect(value("2025/26", "teaching_hours_delivered", "UNIMI-oncologia-medica")).toBe(1.5);
    expect(value("2025/26", "teaching_hours_delivered", "UNIPV-radioterapia")).toBe(1.5);
    expect(value("2025/26", "rotations", "oncologia-medica-1")).toBe(FEWER_THAN_5);
    expect(value("2024/25", "rotations", "oncologia-medica-1")).toBe(0);
    // Archived programmes and departments appear only in the years they have a figure.
    expect(value("2024/25", "residents_hosted", "UNIMI-ematologia")).toBe(FEWER_THAN_5);
    expect(value("2025/26", "residents_hosted", "UNIMI-ematologia")).toBeUndefined();
    expect(value("2024/25", "rotations", "reparto-chiuso")).toBe(FEWER_THAN_5);
    expect(value("2025/26", "rotations", "reparto-chiuso")).toBeUndefined();
    // No count from 1 to 4 is ever published.
    const counts = rows.filter((r) => r.measure !== "teaching_hours_delivered").map((r) => r.value);
    expect(counts.filter((v) => typeof v === "number" && v > 0 && v < 5)).toEqual([]);
    expect(rows.find((r) => r.measure === "rotations")).toMatchObject({
      unit: "rotations",
      year_start: "2024-11-01",
      year_end: "2025-10-31",
    });
    expect(JSON.stringify(rows)).not.toMatch(DB_IDS);
  });
});

describe("the files", () => {
  it("have the same English columns in CSV and JSON, whatever the reader's language", () => {
    const rows = programmeRows(register, TODAY);
    const { header, cells } = csvTable("programmes", rows);
    expect(header).toEqual([...COLUMNS.programmes]);
    const csv = toCsv(header, cells, "en");
    expect(csv.startsWith("\uFEFFprogramme_code,university_code,university,")).toBe(true);
    expect(csv.split("\r\n")[1]).toBe(
      "UNIMI-oncologia-medica,UNIMI,Università degli Studi di Milano,Milano,oncologia-medica,Oncologia medica,Medical oncology,5,true,3",
    );
    const json = jsonDocument("programmes", rows, { hospitalName: "Istituto X", lastModified: new Date("2026-03-01T10:00:00Z") });
    expect(json).toMatchObject({
      licence: "CC BY 4.0",
      generatedAt: "2026-03-01T10:00:00.000Z",
      documentation: "/open#documentation",
      data: rows,
    });
    expect(json.attribution).toContain("Istituto X");
    for (const row of json.data) expect(Object.keys(row)).toEqual(header);
  });

  it("are documented column by column in docs/open-data.md", () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, "../../docs/open-data.md"), "utf8");
    for (const name of DATASETS) {
      expect(docs).toContain(`/open/${name}.json`);
      expect(docs).toContain(`/open/${name}.csv`);
      for (const column of COLUMNS[name]) expect(docs, `column ${column} of ${name}`).toContain(`\`${column}\``);
    }
  });
});

describe("when the data last changed", () => {
  it("is the latest instant given", () => {
    expect(latest(new Date("2026-01-01"), null, undefined, new Date("2026-02-01"))).toEqual(new Date("2026-02-01"));
    expect(latest()).toEqual(new Date(0));
  });

  it("includes the last day an agreement came into or out of force", () => {
    expect(lastAgreementChangeDay(register.agreements, TODAY)).toEqual(d("2025-01-01")); // the day after db-a2's end
    expect(lastAgreementChangeDay(register.agreements, d("2026-07-01"))).toEqual(d("2026-07-01")); // db-a1 ended early the day before
    expect(lastAgreementChangeDay(register.agreements, d("2019-01-01"))).toBeNull();
  });
});
