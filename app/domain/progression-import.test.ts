import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import { readOutcomeHeader, readOutcomeRow } from "./progression-import";

const d = (iso: string) => parseIsoDate(iso)!;

describe("the school's outcomes in a CSV", () => {
  it("reads the header in Italian or English, and names the required columns missing", () => {
    expect(readOutcomeHeader(["Matricola", "Esito", "Decorrenza", "Voto", "Lode"])).toMatchObject({
      columns: { studentNumber: 0, outcome: 1, decidedOn: 2, grade: 3, honours: 4 },
      missing: [],
    });
    expect(readOutcomeHeader(["student_number", "outcome"]).missing).toEqual(["decidedOn"]);
  });

  it("reads the outcomes as schools write them, days day first, the grade out of 50 and honours as sì", () => {
    const { columns } = readOutcomeHeader(["matricola", "esito", "decorrenza", "sospeso_fino_al", "data_esame", "voto", "lode", "nota"]);
    expect(readOutcomeRow(["M1", "Ammessa all'anno successivo", "31/10/2070", "", "", "", "", ""], columns).values).toEqual({
      studentNumber: "M1",
      outcome: "admitted",
      decidedOn: d("2070-10-31"),
      honours: false,
    });
    expect(readOutcomeRow(["M2", "SOSPESO", "2070-11-01", "31.1.2071", "", "", "no", "Congedo"], columns).values).toMatchObject({
      outcome: "suspended",
      suspendedTo: d("2071-01-31"),
      note: "Congedo",
    });
    expect(readOutcomeRow(["M3", "ammesso", "2070-10-31", "", "20/10/2070", "50/50", "Sì", ""], columns).values).toMatchObject({
      examDate: d("2070-10-20"),
      grade: 50,
      honours: true,
    });
    expect(readOutcomeRow(["M4", "Non ammessa", "2070-10-31", "", "", "", "", ""], columns).values?.outcome).toBe("not-admitted");
    expect(readOutcomeRow(["M5", "Ripete l'anno", "2070-10-31", "", "", "", "", ""], columns).values?.outcome).toBe("repeats");
  });

  it("names each cell that stops a row", () => {
    const { columns } = readOutcomeHeader(["matricola", "esito", "decorrenza", "voto", "lode"]);
    expect(readOutcomeRow(["", "promosso", "31/02/2070", "51", "forse"], columns)).toEqual({
      values: null,
      problems: [
        { column: "studentNumber", code: "required" },
        { column: "outcome", code: "outcome" },
        { column: "decidedOn", code: "date" },
        { column: "grade", code: "grade" },
        { column: "honours", code: "honours" },
      ],
    });
    expect(readOutcomeRow(["M1", "", "", "", ""], columns).problems).toEqual([
      { column: "outcome", code: "required" },
      { column: "decidedOn", code: "required" },
    ]);
  });
});
