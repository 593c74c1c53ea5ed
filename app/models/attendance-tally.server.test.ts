import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { dialect } from "~/utils/sql-dialect.server";
import { createResident, createTeachingSession, createUniversity } from "../../test/factories";

const d = (iso: string) => parseIsoDate(iso)!;

type Count = { sessionId: string; status: string; programmeId: string; marks: number };

/** The counts the triggers keep (migration 20261207140000_attendance_tally) for these sessions. */
async function kept(sessionIds: string[]): Promise<Count[]> {
  const rows = await prisma.$queryRaw<Array<Count & { marks: number | bigint }>>`
    SELECT "sessionId", "status", "programmeId", "marks" FROM "AttendanceTally"
    WHERE "sessionId" IN (SELECT j."value" FROM ${dialect.jsonTexts(JSON.stringify(sessionIds), "j")})
    ORDER BY "sessionId", "status", "programmeId"`;
  return rows.map((row) => ({ ...row, marks: Number(row.marks) }));
}

/** The same counts made afresh from the marks. */
async function counted(sessionIds: string[]): Promise<Count[]> {
  const rows = await prisma.$queryRaw<Array<Count & { marks: number | bigint }>>`
    SELECT a."sessionId", a."status", r."programmeId", COUNT(*) AS "marks" FROM "Attendance" a JOIN "Resident" r ON r."id" = a."residentId"
    WHERE a."sessionId" IN (SELECT j."value" FROM ${dialect.jsonTexts(JSON.stringify(sessionIds), "j")}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  return rows.map((row) => ({ ...row, marks: Number(row.marks) }));
}

/** Two programmes, three residents (two in the first), a tutor and two sessions with marks. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const university = await createUniversity({
    name: `Ateneo Conteggi ${tag}`,
    programmes: [{ specialtyCode: "ematologia" }, { specialtyCode: "radioterapia" }],
  });
  const first = university.programmes[0]!;
  const second = university.programmes[1]!;
  const person = (role: string, i: number) =>
    prisma.user.create({
      data: { email: `tally-${role}-${i}-${tag}@example.test`, name: `${role} ${i} ${tag}`, roles: { create: { role } } },
    });
  const tutor = await person("tutor", 0);
  const residents = [];
  for (const [i, programmeId] of [first.id, first.id, second.id].entries()) {
    const user = await person("resident", i);
    residents.push(
      await createResident({
        userId: user.id,
        programmeId,
        studentNumber: `T${i}-${tag}`,
        stayStart: d("2060-01-01"),
        stayEnd: d("2062-12-31"),
      }),
    );
  }
  const [a, b, c] = [residents[0]!, residents[1]!, residents[2]!];
  const lesson = (day: string) =>
    createTeachingSession({
      title: `Lezione ${tag}`,
      date: d(day),
      minutes: 60,
      tutorIds: [tutor.id],
      programmeIds: [first.id, second.id],
      marks: [
        [a.id, "present"],
        [b.id, "absent"],
        [c.id, "present"],
      ],
    });
  const sessions = [await lesson("2061-03-01"), await lesson("2061-03-08")];
  return { first, second, a, b, c, ids: sessions.map((s) => s.id) };
}

describe("the attendance marks' counts kept by the database", () => {
  it("stay equal to the marks counted afresh through every kind of write, whoever makes it", async () => {
    const w = await world();
    const same = async () => expect(await kept(w.ids)).toEqual(await counted(w.ids));
    await same();
    expect(await kept(w.ids)).toContainEqual({ sessionId: w.ids[0], status: "present", programmeId: w.first.id, marks: 1 });

    // A status corrected, through the models' client and past it.
    await prisma.attendance.update({
      where: { sessionId_residentId: { sessionId: w.ids[0]!, residentId: w.b.id } },
      data: { status: "excused" },
    });
    await same();
    await prisma.$executeRaw`UPDATE "Attendance" SET "status" = 'absent' WHERE "residentId" = ${w.a.id}`;
    await same();
    expect((await kept(w.ids)).filter((row) => row.status === "present" && row.programmeId === w.first.id)).toEqual([]);

    // A mark removed, another added.
    await prisma.attendance.delete({ where: { sessionId_residentId: { sessionId: w.ids[1]!, residentId: w.c.id } } });
    await same();
    await prisma.attendance.create({ data: { sessionId: w.ids[1]!, residentId: w.c.id, status: "excused" } });
    await same();

    // A resident moved to the other programme takes their counts along.
    await prisma.resident.update({ where: { id: w.a.id }, data: { programmeId: w.second.id } });
    await same();
    expect(await kept(w.ids)).toContainEqual({ sessionId: w.ids[0], status: "absent", programmeId: w.second.id, marks: 1 });

    // A resident deleted (their marks go by cascade), then a session deleted.
    await prisma.resident.delete({ where: { id: w.b.id } });
    await same();
    await prisma.teachingSession.delete({ where: { id: w.ids[0]! } });
    await same();
    expect(await kept([w.ids[0]!])).toEqual([]);
  });
});
