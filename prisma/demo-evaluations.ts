import { fakerIT as faker } from "@faker-js/faker";
import { randomUUID } from "node:crypto";
import { addDays } from "~/domain/dates";
import {
  DEFAULT_EVALUATION_SETTINGS,
  DEFAULT_FORMS,
  dueOn,
  opensOn,
  periodOf,
  periodReleasable,
  shuffled,
  type Answers,
  type EvaluationItem,
} from "~/domain/evaluations";
import { DEFAULT_YEAR_START } from "~/domain/teaching";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The demo hospital's evaluations (issue 18): the hospital's two forms, and for every confirmed rotation
 * whose evaluations have opened, the tutor's evaluation (signed for most of the past, a few overdue, the
 * recent ones due) and the resident's confidential answer (most submitted). Answers of a period already
 * closed are released, shuffled, as the daily check would have done; the current period's are sealed.
 * Some tutors and departments pass the threshold of 5 answers a year, others do not.
 */

const COMMENTS = [
  "Ottimo reparto, tutor sempre disponibile al confronto.",
  "Troppo carico di lavoro in reparto, poco tempo per la formazione.",
  "Molto utile la discussione dei casi al tumour board.",
  "Avrei voluto più autonomia negli ambulatori.",
  "Organizzazione dei turni migliorabile.",
  "Esperienza formativa eccellente.",
];
const TUTOR_NOTES = ["Ottima preparazione teorica.", "Buon rapporto con i pazienti.", "Da migliorare la gestione del tempo."];

/** Answers to every required item and some optional ones, leaning to the good end of each scale. */
function answersTo(items: readonly EvaluationItem[], notes: readonly string[]): Answers {
  const answers: Answers = {};
  for (const item of items) {
    if (item.type === "rating") {
      const points = item.scale?.it.length ?? 5;
      answers[item.key] = Math.min(
        points,
        Math.max(
          1,
          points -
            faker.helpers.weightedArrayElement([
              { value: 0, weight: 4 },
              { value: 1, weight: 4 },
              { value: 2, weight: 2 },
              { value: 3, weight: 1 },
            ]),
        ),
      );
    } else if (item.type === "yesno") answers[item.key] = faker.datatype.boolean({ probability: 0.85 });
    else if (faker.datatype.boolean({ probability: 0.3 })) answers[item.key] = faker.helpers.arrayElement(notes);
  }
  return answers;
}

export async function seedEvaluations(
  tx: Prisma.TransactionClient,
  { today, demoTutorId, demoResidentId }: { today: Date; demoTutorId: string; demoResidentId: string },
) {
  const settings = DEFAULT_EVALUATION_SETTINGS;
  const versionOf = async (kind: "tutor-resident" | "resident-rotation") => {
    const form = await tx.evaluationForm.create({
      data: { kind, versions: { create: { version: 1, items: JSON.stringify(DEFAULT_FORMS[kind]) } } },
      select: { versions: { select: { id: true } } },
    });
    return { id: form.versions[0]!.id, items: DEFAULT_FORMS[kind] };
  };
  const tutorForm = await versionOf("tutor-resident");
  const residentForm = await versionOf("resident-rotation");

  const rotations = await tx.rotation.findMany({
    where: {
      state: "confirmed",
      startDate: { lte: today },
      endDate: { gte: addDays(today, -400), lte: addDays(today, settings.openDays) },
    },
    orderBy: { endDate: "asc" },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      tutorId: true,
      departmentId: true,
      residentId: true,
      department: { select: { headId: true } },
      resident: { select: { userId: true } },
    },
  });
  let signed = 0;
  let submitted = 0;
  let demoTutorOverdue = 0;
  const released = new Map<string, { formVersionId: string; tutorId: string | null; departmentId: string; answers: Answers }[]>();
  const sealed: { id: string; period: string; payload: string }[] = [];
  for (const rotation of rotations) {
    if (opensOn(rotation, settings) > today) continue;
    const overdueNow = dueOn(rotation, settings) < today;
    const evaluator = rotation.tutorId ?? rotation.department.headId;
    // The tutor's evaluation: signed for most of the past; the demo tutor keeps one overdue and the recent ones due.
    const leaveOverdue = evaluator === demoTutorId && overdueNow && demoTutorOverdue < 1 && rotation.endDate > addDays(today, -60);
    if (leaveOverdue) demoTutorOverdue += 1;
    const sign = evaluator && overdueNow && !leaveOverdue && faker.datatype.boolean({ probability: 0.92 });
    if (evaluator && (sign || faker.datatype.boolean({ probability: 0.15 }))) {
      const signedAt = addDays(rotation.endDate, faker.number.int({ min: 1, max: settings.dueDays }));
      const acknowledged = sign && (rotation.residentId !== demoResidentId || rotation.endDate < addDays(today, -90));
      await tx.tutorEvaluation.create({
        data: {
          rotationId: rotation.id,
          formVersionId: tutorForm.id,
          answers: JSON.stringify(answersTo(tutorForm.items, TUTOR_NOTES)),
          ...(sign ? { signedAt, signedById: evaluator } : {}),
          ...(acknowledged && faker.datatype.boolean({ probability: 0.8 }) ? { acknowledgedAt: addDays(signedAt, 2) } : {}),
        },
      });
      if (sign) signed += 1;
    }
    // The resident's confidential answer: most residents answer, the demo resident not yet for the open ones.
    const answer = overdueNow
      ? faker.datatype.boolean({ probability: 0.85 })
      : rotation.residentId !== demoResidentId && faker.datatype.boolean({ probability: 0.3 });
    if (!answer) continue;
    const period = periodOf(rotation.endDate, DEFAULT_YEAR_START, settings.period);
    const content = {
      formVersionId: residentForm.id,
      tutorId: rotation.tutorId,
      departmentId: rotation.departmentId,
      answers: answersTo(residentForm.items, COMMENTS),
    };
    await tx.evaluationSubmission.create({ data: { rotationId: rotation.id, residentId: rotation.residentId } });
    submitted += 1;
    if (periodReleasable(period, today, settings)) released.set(period.key, [...(released.get(period.key) ?? []), content]);
    else sealed.push({ id: randomUUID(), period: period.key, payload: JSON.stringify(content) });
  }
  for (const [period, answers] of released) {
    for (const answer of shuffled(answers))
      await tx.evaluationAnswer.create({ data: { id: randomUUID(), period, ...answer, answers: JSON.stringify(answer.answers) } });
    await tx.evaluationRelease.create({ data: { period, releasedAt: today, answers: answers.length } });
  }
  for (const row of shuffled(sealed)) await tx.sealedEvaluationAnswer.create({ data: row });
  return { tutorEvaluations: signed, residentEvaluations: submitted };
}
