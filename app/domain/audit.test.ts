import { describe, expect, it } from "vitest";
import { diffRecords, normalise } from "./audit";

describe("diffRecords", () => {
  it("records only the fields that changed, as [before, after]", () => {
    const changes = diffRecords(
      { name: "Università di Pavia", city: "Pavia", posts: 3 },
      { name: "Università degli Studi di Pavia", city: "Pavia", posts: 4 },
    );
    expect(changes).toEqual({ name: ["Università di Pavia", "Università degli Studi di Pavia"], posts: [3, 4] });
  });

  it("records nothing when nothing changed", () => {
    expect(
      diffRecords(
        { name: "A", active: true, since: new Date("2026-01-01T00:00:00Z") },
        { name: "A", active: true, since: new Date("2026-01-01T00:00:00Z") },
      ),
    ).toEqual({});
  });

  it("stores dates as ISO strings and compares them by value", () => {
    const changes = diffRecords(
      { startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2028-12-31T00:00:00Z") },
      { startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2029-12-31T00:00:00Z") },
    );
    expect(changes).toEqual({ endDate: ["2028-12-31T00:00:00.000Z", "2029-12-31T00:00:00.000Z"] });
  });

  it("treats a date set or cleared as a change from or to null", () => {
    expect(diffRecords({ signedOn: null }, { signedOn: new Date("2026-02-03T00:00:00Z") })).toEqual({
      signedOn: [null, "2026-02-03T00:00:00.000Z"],
    });
    expect(diffRecords({ signedOn: new Date("2026-02-03T00:00:00Z") }, { signedOn: null })).toEqual({
      signedOn: ["2026-02-03T00:00:00.000Z", null],
    });
  });

  it("treats undefined and null as the same (no change)", () => {
    expect(diffRecords({ notes: null }, { notes: undefined })).toEqual({});
  });

  it("compares objects regardless of key order", () => {
    expect(diffRecords({ coverage: { p1: 2, p2: 3 } }, { coverage: { p2: 3, p1: 2 } })).toEqual({});
    expect(diffRecords({ coverage: { p1: 2, p2: 3 } }, { coverage: { p2: 4, p1: 2 } })).toEqual({
      coverage: [
        { p1: 2, p2: 3 },
        { p1: 2, p2: 4 },
      ],
    });
  });

  it("compares arrays in order", () => {
    expect(diffRecords({ roles: ["admin", "tutor"] }, { roles: ["admin", "tutor"] })).toEqual({});
    expect(diffRecords({ roles: ["admin"] }, { roles: ["admin", "tutor"] })).toEqual({ roles: [["admin"], ["admin", "tutor"]] });
  });

  it("does not confuse a number with the same text", () => {
    expect(diffRecords({ posts: 3 }, { posts: "3" })).toEqual({ posts: [3, "3"] });
  });

  it("lists every field of a created record (before null), with null as the before value", () => {
    const changes = diffRecords(null, {
      name: "Università di Milano",
      city: "Milano",
      startDate: new Date("2026-01-01T00:00:00Z"),
      notes: null,
    });
    expect(changes).toEqual({
      name: [null, "Università di Milano"],
      city: [null, "Milano"],
      startDate: [null, "2026-01-01T00:00:00.000Z"],
    });
  });

  it("lists every field of a deleted record (after null)", () => {
    expect(diffRecords({ name: "Università di Milano", posts: 2 }, null)).toEqual({
      name: ["Università di Milano", null],
      posts: [2, null],
    });
  });

  it("produces JSON that reads back the same", () => {
    const changes = diffRecords(
      { startDate: new Date("2026-01-01T00:00:00Z"), coverage: { b: 1, a: 2 } },
      { startDate: new Date("2027-01-01T00:00:00Z"), coverage: { a: 2 } },
    );
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });
});

describe("normalise", () => {
  it("sorts object keys and normalises nested dates", () => {
    const value = normalise({ z: 1, a: { d: new Date("2026-05-01T00:00:00Z"), c: [new Date("2026-05-02T00:00:00Z")] } });
    expect(JSON.stringify(value)).toBe('{"a":{"c":["2026-05-02T00:00:00.000Z"],"d":"2026-05-01T00:00:00.000Z"},"z":1}');
  });
});
