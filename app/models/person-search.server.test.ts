import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createResident, createUniversity } from "../../test/factories";
import { phrase } from "~/utils/sql-dialect.server";
import { peopleMatching } from "./person-search.server";

const d = (iso: string) => parseIsoDate(iso)!;

describe("searching people by name, e-mail or student number", () => {
  it("finds what was typed, literally and whatever the case, through the index kept by the database", async () => {
    const tag = randomUUID().slice(0, 8);
    const percent = await prisma.user.create({ data: { email: `anna.${tag}@example.test`, name: `Anna 50% Rossi${tag}` } });
    const underscore = await prisma.user.create({ data: { email: `bruno_${tag}@example.test`, name: `Bruno Bianchi${tag}` } });
    const plain = await prisma.user.create({ data: { email: `carla${tag}@example.test`, name: `Carla Verdi${tag}` } });
    const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
    await createResident({
      userId: plain.id,
      programmeId: university.programmes[0]!.id,
      studentNumber: `M-${tag}-7`,
      stayStart: d("2026-01-01"),
      stayEnd: d("2026-12-31"),
    });
    const ours = new Set([percent.id, underscore.id, plain.id]);
    const found = async (text: string) => (await peopleMatching(text)).filter((id) => ours.has(id)).sort();

    expect(await found(`rossi${tag.toUpperCase()}`)).toEqual([percent.id]);
    expect(await found(`50% rossi${tag}`)).toEqual([percent.id]);
    // Wildcards of SQL's LIKE are characters like any other, in short and long texts alike.
    expect(await found("%")).toEqual([percent.id]);
    expect(await found(`o_${tag}`)).toEqual([underscore.id]);
    // The student number of a training record, from the moment it exists until it is gone.
    expect(await found(`m-${tag}-7`)).toEqual([plain.id]);
    await prisma.user.update({ where: { id: plain.id }, data: { name: `Carla Neri${tag}` } });
    expect(await found(`neri${tag}`)).toEqual([plain.id]);
    expect(await found(`M-${tag}`)).toEqual([plain.id]);
    await prisma.resident.delete({ where: { userId: plain.id } });
    expect(await found(`M-${tag}`)).toEqual([]);
    expect(await found(`neri${tag}`)).toEqual([plain.id]);
    await prisma.user.delete({ where: { id: underscore.id } });
    expect(await found(`bianchi${tag}`)).toEqual([]);
  });

  it("quotes the text as one phrase, so that the index's own syntax is never read from it", async () => {
    expect(phrase('a "b" OR c*')).toBe('"a ""b"" OR c*"');
    await expect(peopleMatching('x" OR "y NEAR(z) *')).resolves.toEqual([]);
    await expect(peopleMatching("")).resolves.toBeInstanceOf(Array);
    // A control character (a NUL ends an FTS5 phrase early) is dropped rather than failing the query.
    await expect(peopleMatching("a\u0000b")).resolves.toBeInstanceOf(Array);
    await expect(peopleMatching("ros\u0000si\u0007")).resolves.toBeInstanceOf(Array);
  });
});
