import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import {
  addUp,
  answerText,
  DEFAULT_EVALUATION_SETTINGS,
  DEFAULT_FORMS,
  dueOn,
  enoughAnswers,
  evaluationState,
  formEdit,
  itemProblems,
  openBy,
  opensOn,
  parseAnswers,
  periodByKey,
  periodCloses,
  periodOf,
  periodReleasable,
  readAnswers,
  shuffled,
  type EvaluationItem,
} from "./evaluations";
import { DEFAULT_YEAR_START } from "./teaching";

const d = (iso: string) => parseIsoDate(iso)!;
const settings = DEFAULT_EVALUATION_SETTINGS;
const rotation = (start: string, end: string, state = "confirmed") => ({ startDate: d(start), endDate: d(end), state });

const rating: EvaluationItem = {
  key: "skills",
  type: "rating",
  label: { it: "Abilità", en: "Skills" },
  required: true,
  scale: { it: ["Scarso", "Medio", "Ottimo"], en: ["Poor", "Fair", "Excellent"] },
};
const yesno: EvaluationItem = { key: "met", type: "yesno", label: { it: "Raggiunti", en: "Met" }, required: true };
const text: EvaluationItem = { key: "comment", type: "text", label: { it: "Commento", en: "Comment" }, required: false };
const form = [rating, yesno, text];
const fields = (values: Record<string, string>) => (name: string) => values[name];

describe("when an evaluation opens and is due", () => {
  it("opens 14 days before the rotation ends and is due 14 days after", () => {
    const r = rotation("2026-01-01", "2026-03-31");
    expect(opensOn(r, settings)).toEqual(d("2026-03-17"));
    expect(dueOn(r, settings)).toEqual(d("2026-04-14"));
  });

  it("opens on the first day of a rotation shorter than the opening period", () => {
    expect(opensOn(rotation("2026-03-25", "2026-03-31"), settings)).toEqual(d("2026-03-25"));
  });

  it("follows the settings", () => {
    const r = rotation("2026-01-01", "2026-03-31");
    expect(opensOn(r, { openDays: 0 })).toEqual(d("2026-03-31"));
    expect(dueOn(r, { dueDays: 30 })).toEqual(d("2026-04-30"));
  });

  it("is upcoming, then due, then overdue; done stays done; a cancelled rotation withdraws it", () => {
    const r = rotation("2026-01-01", "2026-03-31");
    expect(evaluationState(r, false, d("2026-03-16"), settings)).toBe("upcoming");
    expect(evaluationState(r, false, d("2026-03-17"), settings)).toBe("due");
    expect(evaluationState(r, false, d("2026-04-14"), settings)).toBe("due");
    expect(evaluationState(r, false, d("2026-04-15"), settings)).toBe("overdue");
    expect(evaluationState(r, true, d("2026-04-15"), settings)).toBe("done");
    expect(evaluationState({ ...r, state: "cancelled" }, false, d("2026-03-20"), settings)).toBe("withdrawn");
    expect(evaluationState({ ...r, state: "cancelled" }, true, d("2026-03-20"), settings)).toBe("done");
  });

  it("moves with the rotation: a rotation moved later is no longer open", () => {
    const before = rotation("2026-01-01", "2026-03-31");
    const moved = rotation("2026-02-01", "2026-04-30");
    expect(evaluationState(before, false, d("2026-03-20"), settings)).toBe("due");
    expect(evaluationState(moved, false, d("2026-03-20"), settings)).toBe("upcoming");
    expect(dueOn(moved, settings)).toEqual(d("2026-05-14"));
  });

  it("agrees with the database filter: open by today exactly when its start and end allow", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 500 }), (s, length, t) => {
        const start = new Date(Date.UTC(2026, 0, 1 + s));
        const end = new Date(start.getTime() + length * 86_400_000);
        const today = new Date(Date.UTC(2026, 0, 1 + t));
        const filter = openBy(today, settings);
        const inFilter = start <= filter.startOnOrBefore && end <= filter.endOnOrBefore;
        expect(inFilter).toBe(opensOn({ startDate: start, endDate: end }, settings) <= today);
      }),
    );
  });
});

describe("a form's items", () => {
  it("accepts the defaults", () => {
    expect(itemProblems(DEFAULT_FORMS["tutor-resident"])).toEqual([]);
    expect(itemProblems(DEFAULT_FORMS["resident-rotation"])).toEqual([]);
  });

  it("refuses an empty form, repeated keys, missing wording and bad scales", () => {
    expect(itemProblems([])).toEqual(["noItems"]);
    expect(itemProblems([rating, { ...yesno, key: "skills" }])).toContain("duplicateKey");
    expect(itemProblems([{ ...yesno, key: "Not a key" }])).toContain("badKey");
    expect(itemProblems([{ ...yesno, label: { it: "Sì", en: " " } }])).toContain("badLabel");
    expect(itemProblems([{ ...rating, scale: { it: ["Uno"], en: ["One"] } }])).toContain("badScale");
    expect(itemProblems([{ ...rating, scale: { it: ["Uno", "Due"], en: ["One"] } }])).toContain("badScale");
    expect(itemProblems([{ ...rating, scale: undefined }])).toContain("badScale");
  });

  it("makes a new version only when someone has answered the latest", () => {
    const edited = [rating, yesno];
    expect(formEdit(form, form, true)).toBe("none");
    expect(formEdit(form, edited, false)).toBe("update");
    expect(formEdit(form, edited, true)).toBe("new-version");
  });
});

describe("answers", () => {
  it("reads ratings within the scale, yes/no and trimmed texts", () => {
    const { answers, errors } = readAnswers(form, fields({ "item.skills": "3", "item.met": "no", "item.comment": "  good  " }), {
      complete: true,
    });
    expect(errors).toEqual({});
    expect(answers).toEqual({ skills: 3, met: false, comment: "good" });
  });

  it("requires the required items only when complete", () => {
    expect(readAnswers(form, fields({}), { complete: false })).toEqual({ answers: {}, errors: {} });
    expect(readAnswers(form, fields({}), { complete: true }).errors).toEqual({ skills: "required", met: "required" });
  });

  it("refuses a rating outside the scale, anything but yes or no, and a text too long", () => {
    const { errors } = readAnswers(form, fields({ "item.skills": "4", "item.met": "maybe", "item.comment": "x".repeat(2001) }), {
      complete: false,
    });
    expect(errors).toEqual({ skills: "outOfScale", met: "yesOrNo", comment: "tooLong" });
    expect(readAnswers(form, fields({ "item.skills": "0" }), { complete: false }).errors).toEqual({ skills: "outOfScale" });
    expect(readAnswers(form, fields({ "item.skills": "1.5" }), { complete: false }).errors).toEqual({ skills: "outOfScale" });
  });

  it("keeps of stored answers only what still fits the items", () => {
    expect(parseAnswers('{"skills":2,"met":"yes","gone":1,"comment":"ok"}', form)).toEqual({ skills: 2, comment: "ok" });
    expect(parseAnswers("not json", form)).toEqual({});
  });

  it("read as text in the reader's language: a rating's label and point, yes or no, the text as written", () => {
    const words = { yes: "Sì", no: "No", notAnswered: "—" };
    expect(answerText(rating, 2, "it", words)).toBe("Medio (2/3)");
    expect(answerText(rating, 3, "en", words)).toBe("Excellent (3/3)");
    expect([answerText(yesno, true, "it", words), answerText(yesno, false, "it", words)]).toEqual(["Sì", "No"]);
    expect(answerText(text, "Puntuale", "en", words)).toBe("Puntuale");
    expect(answerText(text, undefined, "en", words)).toBe("—");
  });
});

describe("periods", () => {
  const start = DEFAULT_YEAR_START;

  it("is the academic year of the rotation's last day, or its half", () => {
    expect(periodOf(d("2026-10-31"), start, "year").key).toBe("2025");
    expect(periodOf(d("2026-11-01"), start, "year").key).toBe("2026");
    expect(periodOf(d("2026-04-30"), start, "half")).toMatchObject({ key: "2025-1", end: d("2026-04-30") });
    expect(periodOf(d("2026-05-01"), start, "half")).toMatchObject({ key: "2025-2", start: d("2026-05-01"), end: d("2026-10-31") });
  });

  it("is found again by its key", () => {
    for (const key of ["2025", "2025-1", "2025-2"]) expect(periodByKey(key, start)?.key).toBe(key);
    expect(periodByKey("2025-3", start)).toBeNull();
    expect(periodByKey("anything", start)).toBeNull();
  });

  it("closes when its last rotations' evaluations are due, and is released the day after", () => {
    const period = periodOf(d("2026-06-01"), start, "year");
    expect(periodCloses(period, settings)).toEqual(d("2026-11-14"));
    expect(periodReleasable(period, d("2026-11-14"), settings)).toBe(false);
    expect(periodReleasable(period, d("2026-11-15"), settings)).toBe(true);
  });
});

describe("results", () => {
  it("are shown from 5 answers: not at 4, at 5 and 6", () => {
    expect(enoughAnswers(4)).toBe(false);
    expect(enoughAnswers(5)).toBe(true);
    expect(enoughAnswers(6)).toBe(true);
  });

  it("add up per item across the versions that share it, labelled as the newest asks it", () => {
    const v2 = [{ ...rating, label: { it: "Abilità cliniche", en: "Clinical skills" } }, text];
    const results = addUp([
      { items: form, version: 1, answers: { skills: 1, met: true, comment: "first" } },
      { items: form, version: 1, answers: { skills: 3, met: false } },
      { items: v2, version: 2, answers: { skills: 3, comment: "second" } },
    ]);
    expect(results).toEqual([
      {
        key: "skills",
        type: "rating",
        label: { it: "Abilità cliniche", en: "Clinical skills" },
        scale: rating.scale,
        answered: 3,
        mean: 2.33,
        counts: [1, 0, 2],
      },
      { key: "met", type: "yesno", label: yesno.label, answered: 2, yes: 1, no: 1 },
      { key: "comment", type: "text", label: text.label, comments: ["first", "second"] },
    ]);
  });

  it("do not add up a rating whose scale changed", () => {
    const longer = { ...rating, scale: { it: ["1", "2", "3", "4"], en: ["1", "2", "3", "4"] } };
    const [skills] = addUp([
      { items: [rating], version: 1, answers: { skills: 3 } },
      { items: [longer], version: 2, answers: { skills: 4 } },
    ]);
    expect(skills).toMatchObject({ answered: 1, counts: [0, 0, 0, 1] });
  });
});

describe("shuffling", () => {
  it("keeps every row", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (rows) => {
        expect([...shuffled(rows)].sort()).toEqual([...rows].sort());
      }),
    );
  });

  it("puts the first row anywhere with equal chance", () => {
    const positions = Array.from({ length: 5 }, () => 0);
    for (let i = 0; i < 5000; i++) positions[shuffled([0, 1, 2, 3, 4]).indexOf(0)]! += 1;
    for (const count of positions) expect(count).toBeGreaterThan(850);
  });
});
