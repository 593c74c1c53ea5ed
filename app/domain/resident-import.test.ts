import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import {
  checkRows,
  matchSpecialty,
  normalizeHeader,
  parseImportDate,
  readHeader,
  residentKey,
  summarize,
  templateHeader,
  type ExistingResident,
  type ImportLookups,
} from "./resident-import";

const d = (iso: string) => parseIsoDate(iso)!;
const HEADER = [
  "matricola",
  "cognome",
  "nome",
  "email",
  "scuola",
  "anno",
  "inizio_permanenza",
  "fine_permanenza",
  "email_tutor",
  "polizza",
  "scadenza_polizza",
];
const { columns } = readHeader(HEADER);

function lookups(extra: Partial<ImportLookups> = {}): ImportLookups {
  return {
    programmes: [
      { id: "onco", specialtyCode: "oncologia-medica", durationYears: 5 },
      { id: "emato", specialtyCode: "ematologia", durationYears: 4 },
    ],
    tutorsByEmail: new Map([["tutor@hospital.it", "tutor-1"]]),
    residentsByKey: new Map(),
    residentsByEmail: new Map(),
    othersByEmail: new Map(),
    ...extra,
  };
}

const row = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    matricola: "M001",
    cognome: "Rossi",
    nome: "Anna",
    email: "Anna.Rossi@Studenti.example.it",
    scuola: "Oncologia medica",
    anno: "2",
    inizio_permanenza: "01/11/2026",
    fine_permanenza: "2027-10-31",
    email_tutor: "tutor@hospital.it",
    polizza: "RC-1",
    scadenza_polizza: "",
    ...overrides,
  };
  return HEADER.map((h) => values[h] ?? "");
};

/** The portal's check is app/schemas/resident-import.ts; the rules only need one. */
const isEmail = (text: string) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(text);

const check = (cells: string[][], l = lookups()) =>
  checkRows(
    cells.map((c, i) => ({ line: i + 2, cells: c })),
    columns,
    l,
    isEmail,
  );

const known: ExistingResident = {
  id: "res-1",
  userId: "user-1",
  name: "Anna Rossi",
  email: "anna.rossi@studenti.example.it",
  programmeId: "onco",
  yearOfTraining: 2,
  studentNumber: "M001",
  stayStart: d("2026-11-01"),
  stayEnd: d("2027-10-31"),
  tutorId: "tutor-1",
  insurancePolicy: "RC-1",
  insuranceExpiry: null,
  contractStart: d("2025-11-01"),
};

describe("the header row", () => {
  it("accepts Italian and English names in any case, spacing or accent", () => {
    expect(normalizeHeader(" Inizio Permanenza ")).toBe("inizio_permanenza");
    const english = readHeader(templateHeader("en"));
    expect(english.missing).toEqual([]);
    expect(
      readHeader(["Matricola", "COGNOME", "Nome", "E-mail", "Scuola di specializzazione", "Anno di corso", "Dal", "Al"]).missing,
    ).toEqual([]);
  });

  it("names the required columns that are missing, the repeated ones and the ignored ones", () => {
    const header = readHeader(["cognome", "nome", "email", "email", "codice fiscale"]);
    expect(header.missing).toEqual(["studentNumber", "specialty", "year", "stayStart", "stayEnd"]);
    expect(header.duplicated).toEqual(["email"]);
    expect(header.ignored).toEqual(["codice fiscale"]);
  });
});

describe("cells", () => {
  it("reads dates written the Italian way or ISO, and refuses impossible days", () => {
    expect(parseImportDate("03/11/2026")).toEqual(d("2026-11-03"));
    expect(parseImportDate("3.1.2027")).toEqual(d("2027-01-03"));
    expect(parseImportDate("2026-11-03")).toEqual(d("2026-11-03"));
    expect(parseImportDate("31/02/2026")).toBeNull();
    expect(parseImportDate("11/03/26")).toBeNull();
  });

  it("recognises a specialty by code, Italian or English name, with the school's prefix", () => {
    expect(matchSpecialty("Oncologia Medica")).toBe("oncologia-medica");
    expect(matchSpecialty("Scuola di specializzazione in Ematologia")).toBe("ematologia");
    expect(matchSpecialty("Haematology")).toBe("ematologia");
    expect(matchSpecialty("oncologia-medica")).toBe("oncologia-medica");
    expect(matchSpecialty("Astrologia")).toBeNull();
  });
});

describe("checking rows", () => {
  it("turns a good row into a new resident, with the e-mail in lower case and the name in order", () => {
    const [r] = check([row()]);
    expect(r).toMatchObject({ action: "create", problems: [] });
    expect(r!.values).toMatchObject({
      name: "Anna Rossi",
      email: "anna.rossi@studenti.example.it",
      programmeId: "onco",
      yearOfTraining: 2,
      stayStart: d("2026-11-01"),
      tutorId: "tutor-1",
    });
  });

  it("reports every problem of a row, each on its column", () => {
    const [r] = check([
      row({
        email: "not-an-email",
        scuola: "Astrologia",
        anno: "7",
        inizio_permanenza: "2027-01-01",
        fine_permanenza: "31/12/2026",
        email_tutor: "nobody@x.it",
        nome: "",
      }),
    ]);
    expect(r!.action).toBe("invalid");
    expect(r!.problems.map((p) => `${p.column}:${p.code}`)).toEqual([
      "firstName:required",
      "email:emailInvalid",
      "specialty:unknownSpecialty",
      "year:yearInvalid",
      "stayEnd:stayEndBeforeStart",
      "tutorEmail:unknownTutor",
    ]);
  });

  it("refuses a specialty the university's programmes do not include, and a year beyond the programme's length", () => {
    const [a, b] = check([row({ scuola: "Urologia" }), row({ matricola: "M2", email: "b@x.it", scuola: "Ematologia", anno: "5" })]);
    expect(a!.problems).toEqual([{ column: "specialty", code: "programmeNotHosted", values: { value: "Urologia" } }]);
    expect(b!.problems).toEqual([{ column: "year", code: "yearInvalid", values: { value: "5", max: 4 } }]);
  });

  it("refuses control characters and over-long cells", () => {
    const [r] = check([row({ cognome: "Ros\u0007si", polizza: "X".repeat(61) })]);
    expect(r!.problems.map((p) => p.code)).toEqual(["controlCharacters", "tooLong"]);
  });

  it("reports a duplicate student number or e-mail on the later row, naming the first", () => {
    const rows = check([row(), row({ email: "other@x.it" }), row({ matricola: "M009" })]);
    expect(rows[0]!.action).toBe("create");
    expect(rows[1]!.problems).toEqual([{ column: "studentNumber", code: "duplicateStudentNumber", values: { line: 2 } }]);
    expect(rows[2]!.problems).toEqual([{ column: "email", code: "duplicateEmail", values: { line: 2 } }]);
    // The same student number in another programme is another person.
    expect(check([row(), row({ email: "b@x.it", scuola: "Ematologia" })]).map((r) => r.action)).toEqual(["create", "create"]);
  });

  it("updates a known resident found by student number or by e-mail, and leaves an identical one alone", () => {
    const l = lookups({
      residentsByKey: new Map([[residentKey("onco", "M001"), known]]),
      residentsByEmail: new Map([[known.email, known]]),
    });
    expect(check([row()], l)[0]).toMatchObject({ action: "unchanged", residentId: "res-1", changed: [] });
    expect(check([row({ anno: "3", fine_permanenza: "2027-06-30" })], l)[0]).toMatchObject({
      action: "update",
      changed: ["yearOfTraining", "stayEnd"],
    });
    // A corrected student number, same e-mail: the same person.
    expect(check([row({ matricola: "M001-B" })], l)[0]).toMatchObject({
      action: "update",
      residentId: "res-1",
      changed: ["studentNumber"],
    });
    // Student numbers match whatever their case.
    expect(check([row({ matricola: "m001", email: "new@x.it" })], l)[0]).toMatchObject({
      action: "update",
      changed: ["email", "studentNumber"],
    });
  });

  it("reads the contract start when the list has it, and an empty cell keeps the one known", () => {
    const l = lookups({ residentsByKey: new Map([[residentKey("onco", "M001"), known]]), residentsByEmail: new Map() });
    const withContract = readHeader([...HEADER, "inizio_contratto"]).columns;
    const rowWith = (contract: string) => [...row(), contract];
    const checked = (contract: string) => checkRows([{ line: 2, cells: rowWith(contract) }], withContract, l, isEmail)[0]!;
    expect(checked("01/11/2024")).toMatchObject({ action: "update", changed: ["contractStart"] });
    expect(checked("01/11/2024").values.contractStart).toEqual(d("2024-11-01"));
    expect(checked("")).toMatchObject({ action: "unchanged" });
    expect(checked("2025-13-01").problems).toEqual([{ column: "contractStart", code: "dateInvalid", values: { value: "2025-13-01" } }]);
  });

  it("refuses a row whose student number and e-mail belong to two different residents", () => {
    const other = { ...known, id: "res-2", userId: "user-2", name: "Bruno Neri", email: "bruno@x.it", studentNumber: "M002" };
    const l = lookups({
      residentsByKey: new Map([[residentKey("onco", "M001"), known]]),
      residentsByEmail: new Map([[other.email, other]]),
    });
    expect(check([row({ email: "bruno@x.it" })], l)[0]!.problems).toEqual([
      { column: "email", code: "twoResidents", values: { number: "Anna Rossi", email: "Bruno Neri" } },
    ]);
  });

  it("refuses a known resident's new e-mail when it is someone else's, and two rows reaching one resident", () => {
    const l = lookups({
      residentsByKey: new Map([[residentKey("onco", "M001"), known]]),
      residentsByEmail: new Map([[known.email, known]]),
      othersByEmail: new Map([["tutor2@hospital.it", { id: "u-9", name: "Dott. Verdi", isResident: false }]]),
    });
    expect(check([row({ email: "tutor2@hospital.it" })], l)[0]!.problems.map((p) => p.code)).toEqual(["emailTaken"]);
    const rows = check([row({ email: "new@x.it" }), row({ matricola: "M777" })], l);
    expect(rows[1]!.problems).toEqual([{ column: "row", code: "sameResident", values: { line: 2 } }]);
  });

  it("gives an existing person without a training record one, instead of a second account", () => {
    const l = lookups({
      othersByEmail: new Map([["anna.rossi@studenti.example.it", { id: "u-5", name: "Anna Rossi", isResident: true }]]),
    });
    expect(check([row()], l)[0]).toMatchObject({ action: "attach", userId: "u-5" });
  });

  it("counts what the file would do", () => {
    const l = lookups({
      residentsByKey: new Map([[residentKey("onco", "M001"), known]]),
      residentsByEmail: new Map([[known.email, known]]),
    });
    const rows = check([row(), row({ matricola: "M2", email: "b@x.it" }), row({ matricola: "M3", email: "c@x.it", anno: "x" })], l);
    expect(summarize(rows)).toEqual({ rows: 3, create: 1, attach: 0, update: 0, unchanged: 1, invalid: 1 });
  });
});
