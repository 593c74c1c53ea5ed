import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attributesOf, checkedRadios, formsOf, formValues, formWith } from "./form";
import { mixOf, parseOptions, UsageError } from "./options";
import { scanServerLog } from "./report";

// The pure parts of `npm run load`: reading forms as a browser submits them, the options, the server
// log. The rest is checked by running the load test itself.

describe("forms read from server-rendered HTML", () => {
  const sheet = `<form class="x"><input type="radio" name="lang" value="it" checked=""/></form>
    <form method="post" id="attendance-sheet">
      <input type="radio" name="mark.r1" value="present" checked="" class="has-[:checked]:bg-green-800"/>
      <input type="radio" name="mark.r1" value="absent" class="has-[:checked]:bg-red-800"/>
      <input type="radio" name="mark.r2" value="present" class="has-[:checked]:bg-green-800"/>
      <input type="radio" name="mark.r2" value="absent" class="has-[:checked]:bg-red-800"/>
      <button type="submit" name="intent" value="save">Salva</button>
    </form>`;

  it("takes a checked attribute only as an attribute, never inside a class", () => {
    expect(attributesOf('<input class="has-[:checked]:x" name="a"/>').has("checked")).toBe(false);
    expect(attributesOf('<input checked="" name="a"/>').has("checked")).toBe(true);
    expect(attributesOf('<input value="a &amp; &quot;b&quot;"/>').get("value")).toBe('a & "b"');
  });

  it("reads a sheet's marks, unmarked rows included, and sends the checked ones with the button pressed", () => {
    const form = formsOf(sheet).find((f) => f.attributes.get("id") === "attendance-sheet")!;
    expect([...checkedRadios(form, "mark.")]).toEqual([
      ["r1", "present"],
      ["r2", ""],
    ]);
    expect(formValues(form, { name: "intent", value: "save" })).toEqual([
      ["mark.r1", "present"],
      ["intent", "save"],
    ]);
  });

  it("sends hidden and text inputs, selected options (or the first), text areas, and skips what a browser skips", () => {
    const html = `<form method="post"><input type="hidden" name="intent" value="update"/><input name="version" value="v1"/>
      <select name="state"><option value="planned">P</option><option value="confirmed" selected="">C</option></select>
      <select name="tutorId"><option value="">—</option><option value="t1">T</option></select>
      <input type="checkbox" name="programmeIds" value="p1" checked=""/><input type="checkbox" name="programmeIds" value="p2"/>
      <input name="off" value="x" disabled=""/><input type="submit" name="go" value="1"/>
      <textarea name="notes">
line &lt;1&gt;</textarea></form>`;
    expect(formValues(formWith(html, "version", "test"))).toEqual([
      ["intent", "update"],
      ["version", "v1"],
      ["state", "confirmed"],
      ["tutorId", ""],
      ["programmeIds", "p1"],
      ["notes", "line <1>"],
    ]);
    expect(() => formWith(html, "missing", "the page")).toThrow('the page has no form with a "missing" field');
  });
});

describe("options", () => {
  it("defaults to 50 people for 60 s on one process, port 3460, on SQLite", () => {
    expect(parseOptions([])).toEqual({
      db: "sqlite",
      seconds: 60,
      mix: { residents: 30, tutors: 12, admins: 8 },
      processes: 1,
      port: 3460,
      build: true,
      thinkMs: 200,
    });
  });

  it("scales the mix with --users, keeping one of each role, or takes it exactly", () => {
    expect(mixOf(10)).toEqual({ residents: 6, tutors: 2, admins: 2 });
    expect(mixOf(3)).toEqual({ residents: 1, tutors: 1, admins: 1 });
    expect(parseOptions(["--mix", "5,0,1", "--processes=2", "--no-build"])).toMatchObject({
      mix: { residents: 5, tutors: 0, admins: 1 },
      processes: 2,
      build: false,
    });
  });

  it("runs on PostgreSQL with --db postgres", () => {
    expect(parseOptions(["--db", "postgres", "--processes", "2", "--seconds", "20"])).toMatchObject({
      db: "postgres",
      processes: 2,
      seconds: 20,
      mix: { residents: 30, tutors: 12, admins: 8 },
    });
    expect(parseOptions(["--db=sqlite"]).db).toBe("sqlite");
  });

  it("refuses what it cannot run", () => {
    expect(() => parseOptions(["--db", "oracle"])).toThrow(UsageError);
    expect(() => parseOptions(["--db"])).toThrow(UsageError);
    expect(() => parseOptions(["--port", "3411"])).toThrow(UsageError);
    expect(() => parseOptions(["--seconds", "0"])).toThrow(UsageError);
    expect(() => parseOptions(["--mix", "1,2"])).toThrow(UsageError);
    expect(() => parseOptions(["--fast"])).toThrow(UsageError);
  });
});

describe("the server log", () => {
  it("counts requests, 5xx answers, locked databases (SQLite's and PostgreSQL's) and anything else printed", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "load-")), "server.log");
    writeFileSync(
      file,
      [
        "Residency portal listening on http://localhost:3460",
        "2026-11-25T07:00:00.000Z GET /me 200 12.3ms",
        "2026-11-25T07:00:00.100Z POST /admin/rotations/x 500 40.0ms",
        "PrismaClientKnownRequestError: SqliteError: database is locked",
        "    at foo (bar.js:1:1)",
        "DriverAdapterError: deadlock detected",
        "error: sorry, too many clients already",
      ].join("\n"),
    );
    const scan = scanServerLog(file);
    expect(scan.requests).toBe(2);
    expect(scan.serverErrors).toHaveLength(1);
    expect(scan.locked).toBe(3);
    expect(scan.otherLines).toHaveLength(4);
  });
});
