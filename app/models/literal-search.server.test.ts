import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { containsPattern } from "~/utils/sql-dialect.server";
import { agreementsMatching, departmentsMatching, programmesMatching, universitiesMatching } from "./literal-search.server";

const d = (iso: string) => parseIsoDate(iso)!;

describe("searching lists by the text as typed", () => {
  it("escapes LIKE's wildcards and its own escape character", () => {
    expect(containsPattern("50%")).toBe("%50!%%");
    expect(containsPattern("a_b!c")).toBe("%a!_b!!c%");
    expect(containsPattern("' OR 1=1 --")).toBe("%' OR 1=1 --%");
  });

  it("finds universities, departments, agreements and programmes whose texts contain %, _ or ! as characters", async () => {
    const tag = randomUUID().slice(0, 8);
    const percent = await prisma.university.create({ data: { name: `Ateneo 100% ${tag}`, city: "Pavia" } });
    const underscore = await prisma.university.create({ data: { name: `Ateneo ${tag}`, shortName: `AT_${tag}`, city: "Lodi" } });
    const bang = await prisma.university.create({ data: { name: `Ateneo ${tag}!`, city: "Como" } });
    const ours = <T extends { id: string }>(records: T[]) => {
      const wanted = new Set(records.map((r) => r.id));
      return async (found: Promise<string[]>) => (await found).filter((id) => wanted.has(id)).sort();
    };
    const unis = ours([percent, underscore, bang]);
    expect(await unis(universitiesMatching("%"))).toEqual([percent.id]);
    expect(await unis(universitiesMatching("_"))).toEqual([underscore.id]);
    expect(await unis(universitiesMatching(`${tag}!`))).toEqual([bang.id]);
    expect(await unis(universitiesMatching(`at_${tag.toUpperCase()}`))).toEqual([underscore.id]);
    expect(await unis(universitiesMatching("lodi"))).toEqual([underscore.id]);

    const head = await prisma.user.create({ data: { email: `head.${tag}@example.test`, name: `Dora 5_0 ${tag}` } });
    const headed = await prisma.department.create({ data: { name: `Reparto ${tag}`, capacity: 2, headId: head.id } });
    const named = await prisma.department.create({ data: { name: `Reparto 5%0 ${tag}`, capacity: 2 } });
    const deps = ours([headed, named]);
    expect(await deps(departmentsMatching("5_0"))).toEqual([headed.id]);
    expect(await deps(departmentsMatching("5%0"))).toEqual([named.id]);
    expect(await deps(departmentsMatching(`reparto ${tag}`))).toEqual([headed.id]);

    const noted = await prisma.agreement.create({
      data: {
        universityId: underscore.id,
        facilityRole: "collegata",
        startDate: d("2026-01-01"),
        endDate: d("2027-12-31"),
        notes: "Quota 30% rinnovata",
      },
    });
    const byUniversity = await prisma.agreement.create({
      data: { universityId: percent.id, facilityRole: "collegata", startDate: d("2026-01-01"), endDate: d("2027-12-31") },
    });
    const agreements = ours([noted, byUniversity]);
    expect(await agreements(agreementsMatching("30%"))).toEqual([noted.id]);
    expect(await agreements(agreementsMatching("100%"))).toEqual([byUniversity.id]);
    expect(await agreements(agreementsMatching("%"))).toEqual([noted.id, byUniversity.id].sort());

    const programme = await prisma.programme.create({
      data: {
        universityId: bang.id,
        specialtyCode: "oncologia-medica",
        durationYears: 5,
        directorName: "Prof. Ugo Neri",
        directorEmail: `ugo_neri.${tag}@example.test`,
      },
    });
    const other = await prisma.programme.create({
      data: {
        universityId: underscore.id,
        specialtyCode: "radioterapia",
        durationYears: 4,
        directorName: "Prof. Ugo Neri",
        directorEmail: `ugoneri.${tag}@example.test`,
      },
    });
    const programmes = ours([programme, other]);
    expect(await programmes(programmesMatching("o_n"))).toEqual([programme.id]);
    expect(await programmes(programmesMatching(`${tag}!`))).toEqual([programme.id]);
    expect(await programmes(programmesMatching("UGO NERI"))).toEqual([programme.id, other.id].sort());
  });
});
