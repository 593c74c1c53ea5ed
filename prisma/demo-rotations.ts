import { fakerIT as faker } from "@faker-js/faker";
import { findBrokenRotations, type BrokenRotationsInput } from "~/domain/broken-rotations";
import { addDays, daysBetween, parseIsoDate, toIsoDate } from "~/domain/dates";
import { rotationProblems } from "~/domain/rotation-rules";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";

/**
 * The demo hospital's rotations (prisma/demo-data.ts calls these in turn, inside its transaction and
 * with its seeded faker): first a plan the portal would accept, then a few later changes that break
 * some of it, as the dashboard should show.
 */

type Placed = { id: string; residentId: string; departmentId: string; programmeId: string; startDate: Date; endDate: Date };
type Judged = Placed & { tutorId: string | null; state: string };

/**
 * Rotations past, present and future, placed one after another through each resident's stay and kept
 * only where the seven rules allow them: the demo never shows a rotation the portal would refuse. Returns
 * them with what they were judged against (departments with their tutors, agreements' coverage, stays).
 */
export async function placeRotations(tx: Prisma.TransactionClient, today: Date) {
  const on = (days: number) => addDays(today, days);
  const staff = await tx.department.findMany({ select: { id: true, name: true, capacity: true, tutors: { select: { userId: true } } } });
  const coverage = await tx.agreementProgramme.findMany({
    select: {
      programmeId: true,
      posts: true,
      agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } },
    },
  });
  const stays = await tx.resident.findMany({
    select: { id: true, programmeId: true, stayStart: true, stayEnd: true, tutorId: true },
    orderBy: { studentNumber: "asc" },
  });
  const placed: Placed[] = [];
  const overlapping = (r: { startDate: Date; endDate: Date }, start: Date, end: Date) => r.startDate <= end && start <= r.endDate;
  for (const stay of stays) {
    let start = stay.stayStart;
    while (start < stay.stayEnd) {
      const end = new Date(Math.min(addDays(start, faker.number.int({ min: 45, max: 100 })).getTime(), stay.stayEnd.getTime()));
      const preferred = stay.tutorId ? staff.filter((d) => d.tutors.some((t) => t.userId === stay.tutorId)) : [];
      // Residents move on: never twice in a row in the same department.
      const last = placed.findLast((r) => r.residentId === stay.id)?.departmentId;
      for (const department of [...preferred, ...faker.helpers.shuffle(staff).slice(0, 5)].filter((d) => d.id !== last)) {
        const tutorId = department.tutors.some((t) => t.userId === stay.tutorId) ? stay.tutorId : (department.tutors[0]?.userId ?? null);
        const problems = rotationProblems({
          candidate: { startDate: start, endDate: end, tutorId },
          resident: stay,
          residentRotations: placed
            .filter((r) => r.residentId === stay.id && overlapping(r, start, end))
            .map((r) => ({ ...r, departmentName: "" })),
          department: { capacity: department.capacity, tutorIds: department.tutors.map((t) => t.userId) },
          departmentRotations: placed.filter((r) => r.departmentId === department.id && overlapping(r, start, end)),
          agreements: coverage.filter((c) => c.programmeId === stay.programmeId).map((c) => ({ ...c.agreement, posts: c.posts })),
          programmeRotations: placed.filter(
            (r) => r.programmeId === stay.programmeId && r.residentId !== stay.id && overlapping(r, start, end),
          ),
          // Placed before any absence is recorded (prisma/demo-absences.ts records only leave).
          absences: [],
        });
        if (problems.length > 0) continue;
        const rotation = await tx.rotation.create({
          data: {
            residentId: stay.id,
            departmentId: department.id,
            tutorId,
            startDate: start,
            endDate: end,
            state: end < today ? "confirmed" : start <= on(30) ? "confirmed" : "planned",
          },
          select: { id: true },
        });
        placed.push({
          id: rotation.id,
          residentId: stay.id,
          departmentId: department.id,
          programmeId: stay.programmeId,
          startDate: start,
          endDate: end,
        });
        break;
      }
      start = addDays(end, 1);
    }
  }
  return { placed, stays, staff, coverage };
}

/**
 * Later changes, and the few rotations they deliberately break (docs/domain.md, "Broken by a later
 * change"). After the plan is made, an administrator lowers a department's capacity below the residents
 * it hosts on some day, a university shortens a resident's stay so that their last rotation runs past
 * it, and another university withdraws early from its agreement, leaving its last rotation uncovered.
 * Each change is written as the portal writes it, with its audit event, and chosen (deterministically)
 * so that only a few rotations break.
 * Returns how many rotations now break the rules.
 */
export async function breakByLaterChanges(
  tx: Prisma.TransactionClient,
  ctx: {
    today: Date;
    actorId: string;
    placed: Placed[];
    stays: Array<{ id: string; programmeId: string; stayStart: Date; stayEnd: Date }>;
    departments: Array<{ id: string; name: string; capacity: number; tutors: Array<{ userId: string }> }>;
    coverage: Array<{
      programmeId: string;
      posts: number;
      agreement: { id: string; startDate: Date; endDate: Date; signedOn: Date | null; terminatedOn: Date | null };
    }>;
    agreementId: string;
    spare: { departmentIds: Set<string>; residentIds: Set<string> };
  },
): Promise<number> {
  const { today, actorId, spare } = ctx;
  // The tutor is left out of the judgement: no change here moves a tutor, and every placed rotation has a staff tutor.
  const rotations: Judged[] = ctx.placed.map((r) => ({ ...r, tutorId: null, state: "planned" }));
  const residents = ctx.stays.map((s) => ({ ...s }));
  const departments = ctx.departments.map((d) => ({
    id: d.id,
    name: d.name,
    capacity: d.capacity,
    tutorIds: d.tutors.map((t) => t.userId),
  }));
  const coverage = ctx.coverage.map((c) => ({ ...c, agreement: { ...c.agreement } }));
  const judge = (over: Partial<BrokenRotationsInput<Judged>> = {}) =>
    findBrokenRotations({ today, rotations, residents, departments, coverage, absences: [], ...over });
  const spared = (broken: ReturnType<typeof judge>) => broken.every((b) => !spare.residentIds.has(b.rotation.residentId));

  // 1. A capacity lowered: the first department (by name) where one place less breaks two or three rotations.
  for (const department of departments.filter((d) => !spare.departmentIds.has(d.id)).sort((a, b) => a.name.localeCompare(b.name))) {
    const own = rotations.filter((r) => r.departmentId === department.id);
    let chosen: number | null = null;
    for (let capacity = department.capacity - 1; capacity >= 1 && chosen === null; capacity--) {
      const broken = judge({ rotations: own, departments: [{ ...department, capacity }] });
      if (broken.length === 0) continue;
      if (broken.length <= 3 && broken.length >= 2 && spared(broken)) chosen = capacity;
      break;
    }
    if (chosen === null) continue;
    await tx.department.update({ where: { id: department.id }, data: { capacity: chosen } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "department",
      entityId: department.id,
      before: { capacity: department.capacity },
      after: { capacity: chosen },
    });
    department.capacity = chosen;
    break;
  }

  // 2. A stay shortened: halfway through the resident's last rotation, a month or more away.
  const touched = new Set(judge().map((b) => b.rotation.residentId));
  for (const stay of residents) {
    if (spare.residentIds.has(stay.id) || touched.has(stay.id)) continue;
    const last = rotations
      .filter((r) => r.residentId === stay.id)
      .sort((a, b) => a.startDate.getTime() - b.startDate.getTime())
      .at(-1);
    if (!last || last.startDate < addDays(today, 30)) continue;
    const length = daysBetween(last.startDate, last.endDate);
    if (length < 30) continue;
    const stayEnd = addDays(last.startDate, Math.floor(length / 2));
    await tx.resident.update({ where: { id: stay.id }, data: { stayEnd } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "resident",
      entityId: stay.id,
      before: { stayEnd: stay.stayEnd },
      after: { stayEnd },
    });
    stay.stayEnd = stayEnd;
    break;
  }

  // 3. An agreement terminated early: its last day set just before the end of its last rotation or two.
  const already = new Set(judge().map((b) => b.rotation.id));
  const covered = new Set(coverage.filter((c) => c.agreement.id === ctx.agreementId).map((c) => c.programmeId));
  const ends = rotations
    .filter((r) => covered.has(r.programmeId) && r.endDate >= today && !spare.residentIds.has(r.residentId))
    .map((r) => r.endDate)
    .sort((a, b) => b.getTime() - a.getTime());
  for (const end of ends.slice(1)) {
    // The end of a rotation, rounded up to a whole day: that rotation stays covered, the later ones do not.
    const midnight = parseIsoDate(toIsoDate(end))!;
    const lastDay = midnight < end ? addDays(midnight, 1) : midnight;
    if (lastDay < addDays(today, 30)) break;
    const trial = coverage.map((c) =>
      c.agreement.id === ctx.agreementId ? { ...c, agreement: { ...c.agreement, terminatedOn: lastDay } } : c,
    );
    const newly = judge({ coverage: trial }).filter((b) => !already.has(b.rotation.id));
    if (newly.length === 0) continue;
    if (newly.length > 2 || !spared(newly)) break;
    const terminationReason = "Recesso anticipato comunicato dall'ateneo per la riorganizzazione della rete formativa.";
    await tx.agreement.update({ where: { id: ctx.agreementId }, data: { terminatedOn: lastDay, terminationReason } });
    await recordAudit(tx, {
      actorId,
      action: "terminate",
      entityType: "agreement",
      entityId: ctx.agreementId,
      before: { terminatedOn: null, terminationReason: null },
      after: { terminatedOn: lastDay, terminationReason },
    });
    coverage.splice(0, coverage.length, ...trial);
    break;
  }

  return judge().length;
}
