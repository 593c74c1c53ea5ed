import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_FORMS, type EvaluationItem } from "~/domain/evaluations";
import { Refused } from "~/domain/refusal";
import { prisma } from "~/utils/db.server";
import { createDepartment, createNotificationWorld, createUniversity } from "../../test/factories";
import { createProgrammeForm, formVersionFor, hospitalFormId, listForms, saveFormItems } from "./evaluation-form.server";

/**
 * Forms and their versions: a programme's own form, edits in place while nobody answered, a new version
 * once someone did (a tutor's evaluation, or a resident's answer, sealed or released), and a form that
 * cannot be one refused with nothing written. Each test makes a programme of its own; the hospital's
 * forms are shared by the worker's tests, so they are only read here.
 */

const admin = () =>
  prisma.user.create({
    data: { email: `forms-${randomUUID()}@example.test`, name: "Amministratrice", roles: { create: { role: "admin" } } },
  });

async function programmeForm() {
  const tag = randomUUID().slice(0, 8);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programme = university.programmes[0]!;
  const actor = await admin();
  const formId = await createProgrammeForm(actor.id, programme.id);
  return { programme, actor, formId };
}

const reworded = (items: readonly EvaluationItem[], tag: string) =>
  items.map((item, i) => (i === 0 ? { ...item, label: { ...item.label, en: `${item.label.en} ${tag}` } } : item));

describe("evaluation forms", () => {
  it("gives a programme its own form, a copy of the hospital's, used for its tutors' evaluations", async () => {
    const { programme, formId } = await programmeForm();
    const version = await formVersionFor(prisma, "tutor-resident", programme.id);
    expect(version.formId).toBe(formId);
    expect(version.items).toEqual((await formVersionFor(prisma, "tutor-resident", null)).items);
    expect((await listForms()).some((form) => form.id === formId && form.programmeId === programme.id)).toBe(true);
    // The residents' form is the hospital's whatever the programme.
    expect((await formVersionFor(prisma, "resident-rotation", programme.id)).formId).toBe(await hospitalFormId("resident-rotation"));
  });

  it("changes the version in place while nobody has answered it", async () => {
    const { actor, formId } = await programmeForm();
    const before = await prisma.evaluationFormVersion.findFirstOrThrow({ where: { formId } });
    const items = reworded(DEFAULT_FORMS["tutor-resident"], "in place");
    expect(await saveFormItems(actor.id, formId, items)).toEqual({ version: 1, outcome: "update" });
    expect(await saveFormItems(actor.id, formId, items)).toEqual({ version: 1, outcome: "none" });
    const versions = await prisma.evaluationFormVersion.findMany({ where: { formId } });
    expect(versions).toHaveLength(1);
    expect(versions[0]!.id).toBe(before.id);
    expect(JSON.parse(versions[0]!.items)).toEqual(items);
    const history = await prisma.auditEvent.findMany({ where: { entityType: "evaluationForm", entityId: formId } });
    expect(history.map((event) => event.action)).toEqual(["create", "update"]);
  });

  it("makes a new version once a tutor has answered, and the answer keeps its version", async () => {
    const { actor, formId, programme } = await programmeForm();
    const w = await createNotificationWorld(new Date("2061-01-01"), new Date("2061-12-31"));
    const rotation = await prisma.rotation.create({
      data: {
        residentId: w.resident.id,
        departmentId: w.department.id,
        startDate: new Date("2061-03-01"),
        endDate: new Date("2061-04-30"),
        state: "confirmed",
      },
    });
    const v1 = await formVersionFor(prisma, "tutor-resident", programme.id);
    await prisma.tutorEvaluation.create({ data: { rotationId: rotation.id, formVersionId: v1.id } });
    expect(await saveFormItems(actor.id, formId, reworded(v1.items, "v2"))).toEqual({ version: 2, outcome: "new-version" });
    const v2 = await formVersionFor(prisma, "tutor-resident", programme.id);
    expect(v2.version).toBe(2);
    expect(v2.items[0]!.label.en).toContain("v2");
    expect((await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: rotation.id } })).formVersionId).toBe(v1.id);
    expect((await prisma.evaluationFormVersion.findUniqueOrThrow({ where: { id: v1.id } })).items).not.toContain("v2");
  });

  it("counts a resident's sealed answer as an answer", async () => {
    const { actor, formId, programme } = await programmeForm();
    const v1 = await formVersionFor(prisma, "tutor-resident", programme.id);
    // A real department: the daily checks of other tests in this worker may release the answer.
    const department = await createDepartment(`Reparto ${randomUUID()}`, 1);
    await prisma.sealedEvaluationAnswer.create({
      data: {
        id: randomUUID(),
        period: "2061",
        payload: JSON.stringify({ formVersionId: v1.id, tutorId: null, departmentId: department.id, answers: {} }),
      },
    });
    expect((await saveFormItems(actor.id, formId, reworded(v1.items, "sealed"))).outcome).toBe("new-version");
  });

  it("refuses a form that cannot be one, and writes nothing", async () => {
    const { actor, formId } = await programmeForm();
    const broken = [{ ...DEFAULT_FORMS["tutor-resident"][0]!, label: { it: "", en: "Knowledge" } }];
    await expect(saveFormItems(actor.id, formId, broken)).rejects.toThrow(Refused);
    await expect(saveFormItems(actor.id, formId, [])).rejects.toThrow(Refused);
    expect(await prisma.evaluationFormVersion.count({ where: { formId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityType: "evaluationForm", entityId: formId, action: "update" } })).toBe(0);
  });
});
