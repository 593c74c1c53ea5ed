import { fakerIT as faker } from "@faker-js/faker";
import { addDays } from "~/domain/dates";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The demo hospital's personal leave (issue 19): most residents took a week in the past, approved by the
 * tutor of their rotation; some have leave approved ahead; the demo tutor has requests waiting; two
 * requests fall outside any rotation and wait for the administrators; the demo resident has one of each
 * state. Every absence lies within its resident's stay and meets no other.
 */

const NOTES = ["Matrimonio", "Trasloco", "Congresso non accreditato", "Esame di lingua", null, null];
const REASONS = ["Reparto scoperto quella settimana: proponi altre date.", "Coincide con la settimana degli esami di fine anno."];

type Stay = {
  id: string;
  stayStart: Date;
  stayEnd: Date;
  rotations: Array<{ id: string; startDate: Date; endDate: Date; tutorId: string | null; department: { headId: string | null } }>;
};

/** The Monday on or after `day`. */
function mondayFrom(day: Date): Date {
  return addDays(day, (8 - day.getUTCDay()) % 7);
}

export async function seedAbsences(
  tx: Prisma.TransactionClient,
  { today, demoTutorId, demoResidentId, adminId }: { today: Date; demoTutorId: string; demoResidentId: string; adminId: string },
) {
  const residents: Stay[] = await tx.resident.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      stayStart: true,
      stayEnd: true,
      rotations: {
        where: { state: { not: "cancelled" } },
        select: { id: true, startDate: true, endDate: true, tutorId: true, department: { select: { headId: true } } },
      },
    },
  });
  const rows: Prisma.AbsenceCreateManyInput[] = [];
  const leave = (
    resident: Stay,
    start: Date,
    days: number,
    state: "requested" | "approved" | "declined",
    { note = faker.helpers.arrayElement(NOTES), reason = null as string | null } = {},
  ) => {
    const end = addDays(start, days - 1);
    if (start < resident.stayStart || end > resident.stayEnd) return false;
    const rotation = resident.rotations.find((r) => r.startDate <= start && r.endDate >= start) ?? null;
    const decider = rotation?.tutorId ?? rotation?.department.headId ?? adminId;
    rows.push({
      residentId: resident.id,
      kind: "personal",
      state,
      startDate: start,
      endDate: end,
      note,
      rotationId: rotation?.id ?? null,
      decidedById: state === "requested" ? null : decider,
      decidedAt: state === "requested" ? null : addDays(start, -10),
      reason,
    });
    return true;
  };

  let pendingForTutor = 0;
  let outsideRotations = 0;
  for (const resident of residents) {
    if (resident.id === demoResidentId) {
      leave(resident, mondayFrom(addDays(today, -120)), 5, "approved", { note: "Matrimonio" });
      leave(resident, mondayFrom(addDays(today, 40)), 3, "approved", { note: "Trasloco" });
      leave(resident, mondayFrom(addDays(today, 60)), 2, "declined", { note: "Congresso", reason: REASONS[1]! });
      leave(resident, mondayFrom(addDays(today, 75)), 2, "requested", { note: "Visita per il concorso di dottorato" });
      continue;
    }
    // A week in the past for most, approved.
    if (faker.datatype.boolean({ probability: 0.7 }))
      leave(resident, mondayFrom(addDays(today, -faker.number.int({ min: 30, max: 300 }))), 5, "approved");
    // Leave approved ahead for some.
    if (faker.datatype.boolean({ probability: 0.25 }))
      leave(resident, mondayFrom(addDays(today, faker.number.int({ min: 20, max: 55 }))), 2, "approved");
    // Requests waiting: the demo tutor's residents first, then a few outside any rotation for the administrators.
    const ahead = mondayFrom(addDays(today, 70));
    const onTutorsRotation = resident.rotations.some((r) => r.tutorId === demoTutorId && r.startDate <= ahead && r.endDate >= ahead);
    if (onTutorsRotation && pendingForTutor < 4 && leave(resident, ahead, 3, "requested")) pendingForTutor += 1;
    else if (
      outsideRotations < 2 &&
      !resident.rotations.some((r) => r.startDate <= ahead && r.endDate >= ahead) &&
      leave(resident, ahead, 2, "requested")
    )
      outsideRotations += 1;
    else if (faker.datatype.boolean({ probability: 0.05 })) leave(resident, ahead, 1, "declined", { reason: REASONS[0]! });
  }
  await tx.absence.createMany({ data: rows });
  return { absences: rows.length, leavePendingForTutor: pendingForTutor };
}
