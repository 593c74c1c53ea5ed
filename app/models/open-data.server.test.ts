import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import type { AcademicYear } from "~/domain/teaching";
import { FEWER_THAN_5, figureRows, yearTallies } from "~/domain/open-data";
import { prisma } from "~/utils/db.server";
import { openAgreements, openFigures, openProgrammes } from "./open-data.server";
import { deleteProgramme } from "./programme.server";
import { deliveredWhere } from "./teaching-queries.server";

const d = (iso: string) => parseIsoDate(iso)!;
/** Far from anything else in the test database: the academic year 2040/41 (1 Nov 2040 – 31 Oct 2041). */
const TODAY = d("2041-03-15");

/**
 * A university of its own with oncology (6 residents in 2040/41, a delivered session of 90 minutes,
 * another cancelled and another unconfirmed) and radiotherapy (1 resident), an agreement in force,
 * and a department with 2 rotations and a cancelled one.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const university = await prisma.university.create({
    data: {
      name: `Ateneo Aperto ${tag}`,
      shortName: `OPEN${tag}`,
      city: "Milano",
      programmes: {
        create: [
          {
            specialtyCode: "oncologia-medica",
            directorName: `Direttrice ${tag}`,
            directorEmail: `direttrice-${tag}@example.it`,
            durationYears: 5,
          },
          {
            specialtyCode: "radioterapia",
            directorName: `Direttore ${tag}`,
            directorEmail: `direttore-${tag}@example.it`,
            durationYears: 4,
          },
        ],
      },
    },
    include: { programmes: { orderBy: { specialtyCode: "asc" } } },
  });
  const onco = university.programmes[0]!;
  const radio = university.programmes[1]!;
  await prisma.agreement.create({
    data: {
      universityId: university.id,
      facilityRole: "complementare",
      startDate: d("2040-01-01"),
      endDate: d("2044-12-31"),
      signedOn: d("2039-12-01"),
      notes: `Nota riservata ${tag}`,
      programmes: { create: [{ programmeId: onco.id, posts: 6 }] },
    },
  });
  const department = await prisma.department.create({ data: { name: `Reparto Aperto ${tag}`, capacity: 4 } });
  const residents = [];
  for (const [i, programmeId] of [onco.id, onco.id, onco.id, onco.id, onco.id, onco.id, radio.id].entries()) {
    const user = await prisma.user.create({ data: { email: `open-${i}-${tag}@example.test`, name: `Persona ${i} ${tag}` } });
    residents.push(
      await prisma.resident.create({
        data: {
          userId: user.id,
          programmeId,
          yearOfTraining: 1,
          studentNumber: `${tag}-${i}`,
          stayStart: d("2040-12-01"),
          stayEnd: d("2041-06-30"),
        },
      }),
    );
  }
  for (const state of ["confirmed", "planned", "cancelled"]) {
    await prisma.rotation.create({
      data: { residentId: residents[0]!.id, departmentId: department.id, startDate: d("2041-01-01"), endDate: d("2041-01-31"), state },
    });
  }
  const session = (extra: { cancelledAt?: Date; confirmedAt?: Date }) =>
    prisma.teachingSession.create({
      data: {
        title: `Lezione ${tag}`,
        type: "lecture",
        date: d("2041-02-10"),
        startTime: "09:00",
        durationMinutes: 90,
        ...extra,
        programmes: { create: [{ programmeId: onco.id }] },
      },
    });
  await session({ confirmedAt: new Date("2041-02-10T12:00:00Z") });
  await session({ cancelledAt: new Date("2041-02-01T12:00:00Z") });
  await session({});
  return { tag, department };
}

describe("the open data reads", () => {
  it("build each dataset from the database, with no personal data and small counts suppressed", async () => {
    const { tag } = await world();
    const code = `OPEN${tag}`.toUpperCase();

    const programmes = await openProgrammes(TODAY);
    expect(programmes.rows.filter((r) => r.university_code === code)).toMatchObject([
      { programme_code: `${code}-oncologia-medica`, agreement_in_force: true, posts_in_force: 6 },
      { programme_code: `${code}-radioterapia`, agreement_in_force: false, posts_in_force: 0 },
    ]);

    const agreements = await openAgreements(TODAY);
    expect(agreements.rows.filter((r) => r.university_code === code)).toEqual([
      expect.objectContaining({ agreement_code: `${code}-2040-01-01`, facility_role: "complementare", valid_to: "2044-12-31", posts: 6 }),
    ]);

    const figures = await openFigures(TODAY);
    expect(figures.years.map((y) => y.label)).toEqual(["2036/37", "2037/38", "2038/39", "2039/40", "2040/41"]);
    const value = (measure: string, code: string) =>
      figures.rows.find(
        (r) => r.academic_year === "2040/41" && r.measure === measure && (r.programme_code === code || r.department_code === code),
      )?.value;
    expect(value("residents_hosted", `${code}-oncologia-medica`)).toBe(6);
    expect(value("residents_hosted", `${code}-radioterapia`)).toBe(FEWER_THAN_5);
    expect(value("teaching_hours_delivered", `${code}-oncologia-medica`)).toBe(1.5);
    expect(value("rotations", `reparto-aperto-${tag}`)).toBe(FEWER_THAN_5);
    expect(figures.rows.find((r) => r.academic_year === "2039/40" && r.programme_code === `${code}-oncologia-medica`)?.value).toBe(0);

    const text = JSON.stringify([programmes.rows, agreements.rows, figures.rows]);
    for (const secret of [
      `Persona 0 ${tag}`,
      `open-0-${tag}@example.test`,
      `Direttrice ${tag}`,
      `direttrice-${tag}`,
      `Nota riservata ${tag}`,
    ])
      expect(text).not.toContain(secret);
  });

  it("count each year as the figures' own definition counts the records, at the years' edges too", async () => {
    const { tag, department } = await world();
    const [onco, radio] = await prisma.programme.findMany({
      where: { university: { shortName: `OPEN${tag}` } },
      orderBy: { specialtyCode: "asc" },
    });
    // A stay and a rotation that meet a year by its first or last day alone; a session on a year's first day for both programmes.
    const user = await prisma.user.create({ data: { email: `open-edge-${tag}@example.test`, name: `Bordo ${tag}` } });
    const edge = await prisma.resident.create({
      data: {
        userId: user.id,
        programmeId: radio!.id,
        yearOfTraining: 1,
        studentNumber: `${tag}-edge`,
        stayStart: d("2039-06-01"),
        stayEnd: d("2040-11-01"),
      },
    });
    await prisma.rotation.create({
      data: { residentId: edge.id, departmentId: department.id, startDate: d("2040-10-31"), endDate: d("2040-10-31"), state: "planned" },
    });
    await prisma.teachingSession.create({
      data: {
        title: `Bordo ${tag}`,
        type: "lecture",
        date: d("2040-11-01"),
        startTime: "09:00",
        durationMinutes: 45,
        confirmedAt: new Date("2040-11-01T12:00:00Z"),
        programmes: { create: [{ programmeId: onco!.id }, { programmeId: radio!.id }] },
      },
    });

    // The definition, over every record of the database read whole.
    const definition = async (years: AcademicYear[]) => {
      const [residents, rotations, sessions] = await Promise.all([
        prisma.resident.findMany({ select: { programmeId: true, stayStart: true, stayEnd: true } }),
        prisma.rotation.findMany({ select: { departmentId: true, startDate: true, endDate: true, state: true } }),
        prisma.teachingSession.findMany({
          where: deliveredWhere,
          select: { date: true, durationMinutes: true, programmes: { select: { programmeId: true } } },
        }),
      ]);
      const [universities, programmes, departments] = await Promise.all([
        prisma.university.findMany(),
        prisma.programme.findMany(),
        prisma.department.findMany(),
      ]);
      return figureRows(years, {
        universities,
        programmes,
        departments,
        tallies: yearTallies(years, {
          residents,
          rotations,
          sessions: sessions.map((s) => ({ ...s, programmeIds: s.programmes.map((p) => p.programmeId) })),
        }),
      });
    };
    const figures = await openFigures(TODAY);
    expect(figures.rows).toEqual(await definition(figures.years));
    const hours = (year: string, code: string) =>
      figures.rows.find((r) => r.academic_year === year && r.measure === "teaching_hours_delivered" && r.programme_code === code)?.value;
    const code = `OPEN${tag}`.toUpperCase();
    expect(hours("2040/41", `${code}-oncologia-medica`)).toBe(2.25);
    expect(hours("2040/41", `${code}-radioterapia`)).toBe(0.75);

    // Each measure is remembered apart: a change to one table's records counts that measure again, and
    // the figures still match the definition.
    await prisma.rotation.updateMany({ where: { residentId: edge.id }, data: { state: "cancelled" } });
    expect((await openFigures(TODAY)).rows).toEqual(await definition(figures.years));
    await prisma.resident.update({ where: { id: edge.id }, data: { stayEnd: d("2040-10-30") } });
    expect((await openFigures(TODAY)).rows).toEqual(await definition(figures.years));
    await prisma.teachingSession.updateMany({ where: { title: `Bordo ${tag}` }, data: { cancelledAt: new Date("2040-11-02T00:00:00Z") } });
    const cancelled = await openFigures(TODAY);
    expect(cancelled.rows).toEqual(await definition(figures.years));
    expect(cancelled.rows).not.toEqual(figures.rows);
  });

  it("move lastModified forward when a record they are built from changes or is deleted", async () => {
    // Today, not 2041: a day still to come (an agreement of world() starting) would hide later changes.
    const { tag, department } = await world();
    const before = await openFigures();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await prisma.department.update({ where: { id: department.id }, data: { capacity: 5 } });
    const after = await openFigures();
    expect(after.lastModified.getTime()).toBeGreaterThan(before.lastModified.getTime());

    // A deletion leaves no row behind: its audit event counts.
    const admin = await prisma.user.create({ data: { email: `open-admin-${tag}@example.test`, name: `Admin ${tag}` } });
    const university = await prisma.university.create({ data: { name: `Ateneo Effimero ${tag}`, city: "Pavia" } });
    const programme = await prisma.programme.create({
      data: { universityId: university.id, specialtyCode: "urologia", directorName: "D", directorEmail: "d@example.it", durationYears: 5 },
    });
    const beforeDeletion = (await openProgrammes()).lastModified;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await deleteProgramme(programme.id, admin.id);
    const deleted = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "programme", entityId: programme.id, action: "delete" },
    });
    const afterDeletion = (await openProgrammes()).lastModified;
    expect(afterDeletion.getTime()).toBeGreaterThan(beforeDeletion.getTime());
    expect(afterDeletion).toEqual(deleted.at);
  });
});
