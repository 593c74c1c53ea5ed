import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NAV_SECTIONS } from "~/components/navigation";
import { databaseKey, isStale, migrationNames } from "./database";
import { importCsv, streamOutcome } from "./import";
import { type Measurement, percentile } from "./measure";
import { parseOptions, UsageError } from "./options";
import { benchPages } from "./pages";
import { growthTable, MARKERS, pagesTable, replaceResults, resultsBlock, sizeTable, table, targetsTable, wallTime } from "./report";
import { parseCpuTicks, parseVmHwm } from "./server";
import { formFields, mergeCookies } from "./session";
import { evaluateTargets, growthRows, type SizeRun } from "./targets";

// The pure parts of `npm run bench`: options, the cache's staleness, percentiles, the targets and
// the tables. The parts that start servers are checked by running the benchmark itself.

function page(key: string, rps: number, p95: number, extra: Partial<Measurement> = {}): Measurement {
  return {
    key,
    path: `/${key}`,
    role: "admin",
    requestsPerSecond: rps,
    p50: p95 / 2,
    p95,
    p99: p95 * 1.2,
    requests: rps * 10,
    non2xx: 0,
    statusCodes: { 200: rps * 10 },
    errors: 0,
    cpuMsPerRequest: 1.5,
    loopDelayMaxMs: 20,
    afterWriteMs: 120,
    failure: null,
    note: null,
    ...extra,
  };
}

function sizeRun(size: SizeRun["size"], measurements: Measurement[], extra: Partial<SizeRun> = {}): SizeRun {
  return {
    size,
    floor: page("floor (bare Remix)", 1000, 5),
    measurements,
    concurrency: [{ key: "login", one: 700, two: 1260 }],
    importTiming: null,
    dailyRun: null,
    peakMemoryMb: 200,
    pagesPeakMemoryMb: 180,
    counts: { residents: 220 },
    failure: null,
    ...extra,
  };
}

const timing = (seconds: number) => ({ rows: 5000, seconds, steps: { upload: 1, preview: 1, apply: seconds - 3, done: 1 }, created: 5000 });

describe("options", () => {
  it("default to SQLite, every size, 16 connections, 10 s, build and write", () => {
    expect(parseOptions([])).toMatchObject({
      db: "sqlite",
      sizes: ["demo", "tenfold", "national"],
      connections: 16,
      duration: 10,
      warmup: 2,
      build: true,
      write: true,
    });
  });

  it("read sizes in growing order, whatever order they were typed in", () => {
    expect(parseOptions(["--sizes", "national,demo"]).sizes).toEqual(["demo", "national"]);
    expect(parseOptions(["--sizes=tenfold"]).sizes).toEqual(["tenfold"]);
  });

  it("make --quick a short demo run that writes nothing, unless told otherwise", () => {
    expect(parseOptions(["--quick"])).toMatchObject({ sizes: ["demo"], duration: 2, write: false, warmup: 0.5 });
    expect(parseOptions(["--quick", "--sizes", "tenfold"]).sizes).toEqual(["tenfold"]);
  });

  it("take a few pages to look at, never to record", () => {
    expect(parseOptions(["--pages", "admin/absences, rotations/board"])).toMatchObject({
      pages: ["admin/absences", "rotations/board"],
      write: false,
    });
    expect(parseOptions([]).pages).toBeNull();
    expect(() => parseOptions(["--pages", " , "])).toThrow(UsageError);
  });

  it("run on PostgreSQL with --db postgres, as a smoke run too", () => {
    expect(parseOptions(["--db", "postgres"])).toMatchObject({ db: "postgres", sizes: ["demo", "tenfold", "national"], write: true });
    expect(parseOptions(["--quick", "--db=postgres"])).toMatchObject({ db: "postgres", sizes: ["demo"], write: false });
    expect(parseOptions(["--db", "sqlite"]).db).toBe("sqlite");
    expect(() => parseOptions(["--db", "mysql"])).toThrow(UsageError);
    expect(() => parseOptions(["--db"])).toThrow(UsageError);
  });

  it("refuse what they do not know", () => {
    expect(() => parseOptions(["--sizes", "huge"])).toThrow(UsageError);
    expect(() => parseOptions(["--duration", "0"])).toThrow(UsageError);
    expect(() => parseOptions(["--duration"])).toThrow(UsageError);
    expect(() => parseOptions(["--fast"])).toThrow(UsageError);
  });
});

describe("the database cache", () => {
  const key = databaseKey("national", 1, "2026-11-25", ["b", "a"]);

  it("is fresh only for the same size, seed, day and migrations", () => {
    expect(key.migrations).toEqual(["a", "b"]);
    expect(isStale(JSON.parse(JSON.stringify(key)), key)).toBe(false);
    expect(isStale({ ...key, seed: 2 }, key)).toBe(true);
    expect(isStale({ ...key, size: "tenfold" }, key)).toBe(true);
    expect(isStale({ ...key, date: "2026-11-24" }, key)).toBe(true);
    expect(isStale({ ...key, migrations: ["a"] }, key)).toBe(true);
    expect(isStale({ ...key, migrations: ["a", "c"] }, key)).toBe(true);
  });

  it("is stale without a readable stamp", () => {
    expect(isStale(null, key)).toBe(true);
    expect(isStale("garbage", key)).toBe(true);
    expect(isStale({}, key)).toBe(true);
  });

  it("is keyed by each database's own migration history", () => {
    const sqlite = migrationNames("sqlite");
    const postgres = migrationNames("postgres");
    expect(sqlite.length).toBeGreaterThan(1);
    expect(postgres.length).toBeGreaterThan(0);
    expect(postgres).not.toEqual(sqlite);
    expect(isStale(databaseKey("demo", 1, "2026-11-25", sqlite), databaseKey("demo", 1, "2026-11-25", postgres))).toBe(true);
  });
});

describe("measuring", () => {
  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it("reads the peak memory from /proc/<pid>/status", () => {
    expect(parseVmHwm("Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  409600 kB\nVmRSS:\t 300000 kB\n")).toBe(400);
    expect(parseVmHwm("Name:\tnode\n")).toBeNull();
  });

  it("reads the CPU time from /proc/<pid>/stat, whatever the command's name holds", () => {
    const rest = "S 1 2 3 0 -1 4194304 100 0 0 0 1234 56 0 0 20 0 11 0 99 1000 200";
    expect(parseCpuTicks(`4242 (node) ${rest}`)).toBe(1290);
    expect(parseCpuTicks(`4242 (my (odd) name) ${rest}`)).toBe(1290);
    expect(parseCpuTicks("garbage")).toBeNull();
  });

  const ids = {
    tutorDepartmentId: "dep1",
    residentId: "res1",
    residentSearch: "ross",
    programmeId: "prog1",
    universityId: "u1",
    specialtyCode: "oncologia-medica",
    academicYearStart: "11-01",
    counts: { residents: 0, rotations: 0, sessions: 0, attendance: 0, agreements: 0 },
  };

  it("addresses each page as its role uses it, with this month and this academic year", () => {
    const pages = new Map(benchPages(ids, new Date("2026-11-25T10:00:00Z")).map((p) => [p.key, p]));
    expect(pages.get("login")).toEqual({ key: "login", path: "/login", role: "anonymous" });
    expect(pages.get("rotations/board")?.path).toBe("/admin/rotations/board?department=dep1&month=2026-11");
    expect(pages.get("absences/report")?.path).toBe("/admin/absences/report?university=u1&month=2026-11");
    expect(pages.get("reports/teaching")?.path).toBe("/admin/reports/teaching?from=2026-11-01&to=2027-10-31&by=programme");
    expect(pages.get("rotations/check")?.path).toBe(
      "/admin/rotations/check?residentId=res1&departmentId=dep1&startDate=2027-01-01&endDate=2027-01-31",
    );
    expect(pages.get("tutor/residents")?.role).toBe("tutor");
    expect(pages.get("me/logbook")).toEqual({ key: "me/logbook", path: "/me/logbook", role: "resident" });
    expect(pages.get("tutor/logbook")?.role).toBe("tutor");
    expect(pages.get("programme progress")?.path).toBe("/admin/programmes/prog1/progress");
    expect(pages.get("admin/progression")?.path).toBe("/admin/progression?programme=prog1");
  });

  it("measures every page each role's navigation links to, as that role", () => {
    const measured = new Set(benchPages(ids).map((p) => `${p.role} ${new URL(p.path, "http://x").pathname}`));
    const linked = Object.entries(NAV_SECTIONS).flatMap(([role, links]) => links.map((link) => `${role} ${link.to}`));
    expect(linked.filter((link) => !measured.has(link))).toEqual([]);
  });

  it("builds the floor with the portal's own versions of Remix, React, Vite and Express", () => {
    const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;
    const portal = read("package.json");
    const floor = read("scripts/bench/floor/package.json");
    for (const kind of ["dependencies", "devDependencies"]) {
      for (const [name, version] of Object.entries(floor[kind]!)) expect([name, version]).toEqual([name, portal[kind]![name]]);
    }
  });
});

describe("signing in", () => {
  it("reads the fields of the form with the password, not the header's language form", () => {
    const html = `<form method="post" action="/language"><input type="hidden" name="language" value="en"></form>
      <form method="post" id="login"><input type="hidden" name="redirectTo" value="/a?b=1&amp;c=2"/><input name="email" type="email"/><input name="password" type="password"/></form>`;
    expect([...formFields(html)]).toEqual([
      ["redirectTo", "/a?b=1&c=2"],
      ["email", ""],
      ["password", ""],
    ]);
    expect(() => formFields("<form><input name=q></form>")).toThrow(/password/);
  });

  it("keeps cookies as a browser's jar does", () => {
    expect(mergeCookies("", ["portal_session=abc.def; Path=/; HttpOnly; Secure"])).toBe("portal_session=abc.def");
    expect(mergeCookies("lang=it; portal_session=old", ["portal_session=new; Path=/", "flash=; Max-Age=0"])).toBe(
      "lang=it; portal_session=new",
    );
    expect(mergeCookies("flash=x", ["flash=; Max-Age=0"])).toBe("");
  });
});

describe("the import", () => {
  it("writes the list in the template's Italian columns, one row per resident", () => {
    const csv = importCsv(
      { rows: 3, universityId: "u", specialtyCode: "oncologia-medica", tutorEmail: "t@example.org", emailDomain: "bench.example.it" },
      new Date("2026-11-25T00:00:00Z"),
    );
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza;email_tutor/);
    expect(lines[1]).toBe("BENCH0;Cognome0;Nome;r0@bench.example.it;oncologia-medica;1;25/11/2026;24/11/2027;t@example.org;;");
  });

  it("takes the outcome from a progress stream, skipping the progress", () => {
    expect(
      streamOutcome('{"stage":"checking","done":10}\n{"stage":"writing","done":5}\n{"location":"/admin/residents/import/x"}\n'),
    ).toEqual({ location: "/admin/residents/import/x" });
    expect(() => streamOutcome('{"stage":"checking","done":1}\n')).toThrow(/without an outcome/);
  });
});

/** A daily run of `seconds` whose event loop was at worst `delayMs` late. */
function daily(seconds: number, delayMs: number): NonNullable<SizeRun["dailyRun"]> {
  return { seconds, notifications: 40_000, emails: 10_000, people: 30_000, outcome: {}, delayP99Ms: delayMs / 2, delayMaxMs: delayMs };
}

describe("targets", () => {
  const demo = sizeRun("demo", [page("login", 800, 10), page("admin", 600, 40), page("report", 500, 50)], { importTiming: timing(4) });

  it("all pass when national is fast, close to the floor and grew little", () => {
    const national = sizeRun("national", [page("login", 700, 10), page("admin", 500, 50), page("report", 450, 55)], {
      importTiming: timing(4.5),
      dailyRun: daily(6, 30),
      peakMemoryMb: 250,
    });
    const checks = evaluateTargets([demo, national]);
    expect(checks.map((c) => c.pass)).toEqual([true, true, true, true, true, true, true, true, true, true, true]);
    expect(checks[8]!.detail).toBe("slowest: login 120.0 ms");
    expect(checks[9]!.detail).toBe("login ×1.80");
    expect(checks[1]!.detail).toBe("70%");
    expect(checks[2]!.detail).toBe("lowest: report 45%");
    expect(checks[3]!.detail).toBe("worst: login 20.0 ms");
    expect(checks[4]!.detail).toBe("most: admin ×1.25");
    expect(checks[6]!.detail).toBe("6.0 s for 40000 notifications to 30000 people");
    expect(checks[7]!.detail).toBe("max 30.0 ms, p99 15.0 ms");
  });

  it("name the pages and figures that miss", () => {
    const national = sizeRun(
      "national",
      [page("login", 500, 10), page("admin", 200, 150, { loopDelayMaxMs: 80, afterWriteMs: 4200 }), page("report", 450, 55)],
      { importTiming: timing(12), dailyRun: daily(11, 80), peakMemoryMb: 450, concurrency: [{ key: "login", one: 500, two: 600 }] },
    );
    const checks = evaluateTargets([demo, national]);
    expect(checks.map((c) => c.pass)).toEqual([false, false, false, false, false, false, false, false, false, false, false]);
    expect(checks[8]!.detail).toBe("over: admin 4200.0 ms");
    expect(checks[9]!.detail).toBe("login ×1.20");
    expect(checks[0]!.detail).toBe("over: admin 150.0 ms");
    expect(checks[1]!.detail).toBe("50%");
    expect(checks[2]!.detail).toBe("under: admin 20%");
    expect(checks[3]!.detail).toBe("over: admin 80.0 ms");
    expect(checks[4]!.detail).toBe("grew: admin ×3.75");
    expect(checks[5]!.detail).toBe("12.0 s");
    expect(checks[6]!.detail).toBe("11.0 s for 40000 notifications to 30000 people");
    expect(checks[10]!.detail).toBe("peak 450 MB");
  });

  it("are checked at the largest size run, and growth only with demo and national", () => {
    const checks = evaluateTargets([demo]);
    expect(checks[0]!.target).toContain("at demo (national not run)");
    expect(checks[4]!.pass).toBeNull();
    expect(checks[5]!.pass).toBe(true);
  });

  it("fail a page that could not be measured, and give no share without the floor", () => {
    const national = sizeRun("national", [page("login", 1000, 10), page("admin", 0, NaN, { failure: "302 to /login", non2xx: 1 })]);
    const checks = evaluateTargets([demo, national]);
    expect(checks[0]).toMatchObject({ pass: false, detail: "failed: admin" });
    expect(checks[2]!.pass).toBeNull();
    expect(checks[5]!.pass).toBeNull();
    const floorless = evaluateTargets([demo, { ...national, floor: null }]);
    expect(floorless[1]).toMatchObject({ pass: null, detail: "not measured" });
  });

  it("set each page's p95 side by side, with the largest over the smallest", () => {
    const tenfold = sizeRun("tenfold", [page("login", 1000, 12), page("admin", 500, 60)]);
    expect(growthRows([demo, tenfold])).toEqual([
      { key: "login", p95: [10, 12], ratio: 1.2 },
      { key: "admin", p95: [40, 60], ratio: 1.5 },
      { key: "report", p95: [50, null], ratio: null },
    ]);
    expect(growthRows([demo])[0]).toEqual({ key: "login", p95: [10], ratio: null });
  });
});

describe("report", () => {
  it("pads Markdown tables so they read in a terminal too", () => {
    expect(
      table(
        ["page", "ms"],
        [
          ["login", "1.5"],
          ["admin", "10.0"],
        ],
        ["left", "right"],
      ),
    ).toBe(["| page  |   ms |", "|-------|-----:|", "| login |  1.5 |", "| admin | 10.0 |"].join("\n"));
  });

  it("prints a size's floor and pages with their CPU, loop delay and shares, the import and the memory", () => {
    const text = sizeTable(
      sizeRun("demo", [page("login", 500, 10), page("admin", 412.4, 40, { non2xx: 2, statusCodes: { 200: 4000, 302: 2 } })], {
        importTiming: timing(4),
      }),
    );
    expect(text).toContain("### demo (220 residents)");
    expect(text).toMatch(/\| floor \(bare Remix\) +\| admin +\| +1,000 \| .* \| +100% \| +— \| 0 +\|/);
    expect(text).toMatch(
      /\| admin +\| admin +\| +412 \| +20\.0 \| +40\.0 \| +48\.0 \| +1\.50 \| +20 \| +120 \| +41% \| +82% \| 2 \(302×2\) +\|/,
    );
    expect(text).toContain("Two processes (WEB_CONCURRENCY=2): login 700 → 1,260 req/s (×1.80).");
    expect(text.indexOf("floor (bare Remix)")).toBeLessThan(text.indexOf("| login"));
    expect(text).not.toContain("- admin:");
    expect(text).toContain(
      "Import of 5,000 rows over HTTP: **4.0 s** (upload 1.0 s, preview 1.0 s, apply 1.0 s, done 1.0 s); 5,000 residents created.",
    );
    expect(text).toContain("Server peak memory (VmHWM): **200 MB** (180 MB before the import).");
  });

  it("explains below the table a page measured differently", () => {
    const text = sizeTable(
      sizeRun("national", [page("login", 1000, 10), page("report", 0.5, 40000, { note: "measured over 48 s instead" })]),
    );
    expect(text).toContain("\n\n- report: measured over 48 s instead.\n\n");
  });

  it("prints growth and the verdicts", () => {
    const runs = [sizeRun("demo", [page("login", 1000, 10)]), sizeRun("national", [page("login", 900, 15)])];
    expect(growthTable(runs)).toContain(
      [
        "| page  | demo | national | national/demo |",
        "|-------|-----:|---------:|--------------:|",
        "| login | 10.0 |     15.0 |         ×1.50 |",
      ].join("\n"),
    );
    expect(targetsTable([{ target: "t", pass: null, detail: "d" }])).toContain("| t      | n/a    | d      |");
  });

  it("says what each page's name stands for, and how long the run took", () => {
    expect(pagesTable(sizeRun("demo", [page("admin", 1, 1)]))).toContain("| admin | admin | `/admin` |");
    expect([wallTime(42.4), wallTime(143), wallTime(3600)]).toEqual(["42 s", "2 min 23 s", "60 min 0 s"]);
  });

  it("replaces only what lies between the markers", () => {
    const { start, end } = MARKERS.sqlite;
    const block = "new results";
    const created = replaceResults(null, block);
    expect(created.startsWith("# Benchmarks")).toBe(true);
    expect(created).toContain("npm run bench");
    expect(created).toContain(`${start}\nnew results\n${end}\n`);
    const edited = `# Mine\nintro kept\n${start}\nold\n${end}\nfooter kept\n`;
    expect(replaceResults(edited, block)).toBe(`# Mine\nintro kept\n${start}\nnew results\n${end}\nfooter kept\n`);
    expect(replaceResults("# No markers\n", block)).toBe(`# No markers\n\n${start}\nnew results\n${end}\n`);
  });

  it("keeps a block per database: a run on one never overwrites the other's", () => {
    const [sqlite, postgres] = [MARKERS.sqlite, MARKERS.postgres];
    const both = `# Mine\n${sqlite.start}\nSQLite's\n${sqlite.end}\nprose\n${postgres.start}\nold\n${postgres.end}\n`;
    expect(replaceResults(both, "PostgreSQL's", "postgres")).toBe(
      `# Mine\n${sqlite.start}\nSQLite's\n${sqlite.end}\nprose\n${postgres.start}\nPostgreSQL's\n${postgres.end}\n`,
    );
    expect(replaceResults(both, "new", "sqlite")).toBe(
      `# Mine\n${sqlite.start}\nnew\n${sqlite.end}\nprose\n${postgres.start}\nold\n${postgres.end}\n`,
    );
    // The first PostgreSQL run on a document that has only SQLite's block adds its own at the end.
    const onlySqlite = `# Mine\n${sqlite.start}\nSQLite's\n${sqlite.end}\nprose\n`;
    expect(replaceResults(onlySqlite, "PostgreSQL's", "postgres")).toBe(
      `${onlySqlite}\n${postgres.start}\nPostgreSQL's\n${postgres.end}\n`,
    );
  });

  it("says which database a run was on", () => {
    const host = { cpu: "CPU", cores: 2, ramGb: 8, os: "Linux", node: "v20", loadAverage: 0.5 };
    const settings = { connections: 16, duration: 5, warmup: 1, date: new Date("2026-12-07T12:08:00Z"), wallSeconds: 90 };
    const runs = [sizeRun("demo", [page("login", 100, 50)])];
    const checks = evaluateTargets(runs);
    const onSqlite = resultsBlock(runs, checks, host, { ...settings, db: "sqlite", database: "SQLite 3.50.4" });
    expect(onSqlite.split("\n")[0]).toBe(
      "On **SQLite 3.50.4**: measured 2026-12-07 12:08 UTC on CPU × 2, 8.0 GB RAM, Linux, Node v20; load average 0.5 at the start.",
    );
    expect(onSqlite).not.toContain("PostgreSQL");
    const onPostgres = resultsBlock(runs, checks, host, { ...settings, db: "postgres", database: "PostgreSQL 15.20 on 127.0.0.1:5432" });
    expect(onPostgres.split("\n")[0]).toMatch(/^On \*\*PostgreSQL 15\.20 on 127\.0\.0\.1:5432\*\*: measured 2026-12-07 12:08 UTC/);
    expect(onPostgres).toContain("CPU time and memory are the Node server's alone");
  });
});
