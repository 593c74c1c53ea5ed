import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays, parseIsoDate } from "~/domain/dates";
import { DEFAULT_FORMS, dueOn, opensOn } from "~/domain/evaluations";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { formFields, fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import { recordHistory } from "./history.server";
import { evaluationSettings } from "./settings.server";
import {
  acknowledge,
  adminEvaluationDetail,
  assign,
  receivedEvaluations,
  reopen,
  saveDraft,
  sign,
  signedEvaluationsOf,
  tutorEvaluationForm,
  tutorEvaluationList,
} from "./tutor-evaluation.server";

const d = (iso: string) => parseIsoDate(iso)!;
const ITEMS = DEFAULT_FORMS["tutor-resident"];

/** Submitted fields, as a form would send them: `item.<key>`. */
const fields = formFields;

/** Every required item answered, and one comment. */
const COMPLETE = {
  "item.knowledge": "4",
  "item.clinical-skills": "3",
  "item.communication": "5",
  "item.teamwork": "4",
  "item.professionalism": "5",
  "item.autonomy": "3",
  "item.objectives-met": "yes",
  "item.strengths": "Attenta e precisa",
};

/**
 * A department with a head and two tutors (one inactive), an administrator, a stranger, and two
 * residents of a programme with a form of its own: Anna's rotation supervised by the tutor, Bruno's
 * with no tutor (the head fills it), and rotations not open yet, planned and cancelled.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const person = (name: string, role = "tutor", active = true) =>
    prisma.user.create({ data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, active, roles: { create: { role } } } });
  const [tutor, head, stranger, substitute, admin] = [
    await person("tutor"),
    await person("head"),
    await person("stranger"),
    await person("substitute"),
    await person("admin", "admin"),
  ];
  const gone = await person("gone", "tutor", false);
  const department = await createDepartment(`Oncologia ${tag}`, 4, [tutor.id, head.id]);
  await prisma.department.update({ where: { id: department.id }, data: { headId: head.id } });
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  // The programme's own form, so that no other test's change to the hospital's form reaches these.
  await prisma.evaluationForm.create({
    data: { kind: "tutor-resident", programmeId, versions: { create: { version: 1, items: JSON.stringify(ITEMS) } } },
  });
  const resident = async (name: string) => {
    const user = await person(name, "resident");
    const record = await createResident({
      userId: user.id,
      programmeId,
      studentNumber: `${name}-${tag}`,
      stayStart: d("2025-01-01"),
      stayEnd: d("2027-12-31"),
    });
    return { ...record, user };
  };
  const anna = await resident("anna");
  const bruno = await resident("bruno");
  const rotation = (residentId: string, start: string, end: string, tutorId: string | null, state = "confirmed") =>
    prisma.rotation.create({
      data: { residentId, departmentId: department.id, tutorId, startDate: d(start), endDate: d(end), state },
    });
  const rotations = {
    anna: await rotation(anna.id, "2026-09-01", "2026-10-31", tutor.id),
    bruno: await rotation(bruno.id, "2026-09-01", "2026-10-31", null),
    later: await rotation(anna.id, "2027-01-01", "2027-02-28", tutor.id),
    planned: await rotation(bruno.id, "2026-05-01", "2026-06-30", tutor.id, "planned"),
    cancelled: await rotation(bruno.id, "2026-07-01", "2026-08-31", tutor.id, "cancelled"),
  };
  const settings = await evaluationSettings();
  /** A day on which Anna's and Bruno's evaluations are open and not yet overdue. */
  const today = dueOn(rotations.anna, settings);
  return { tag, tutor, head, stranger, substitute, admin, gone, department, programmeId, anna, bruno, rotations, settings, today };
}
type World = Awaited<ReturnType<typeof world>>;

const events = (rotationId: string) =>
  prisma.auditEvent.findMany({ where: { entityType: "tutorEvaluation", entityId: rotationId }, orderBy: { id: "asc" } });

async function signed(w: World) {
  await sign(w.tutor.id, w.rotations.anna.id, fields(COMPLETE), w.today);
}

describe("who fills a rotation's evaluation", () => {
  it("is the supervising tutor, else the department's head, else whoever an administrator names", async () => {
    const w = await world();
    const mine = await tutorEvaluationList(w.tutor.id, w.today);
    expect(mine.toFill.map((row) => row.rotationId)).toEqual([w.rotations.anna.id]);
    expect(mine.toFill[0]).toMatchObject({ resident: w.anna.user.name, department: w.department.name, state: "due", draft: false });
    expect((await tutorEvaluationList(w.head.id, w.today)).toFill.map((row) => row.rotationId)).toEqual([w.rotations.bruno.id]);
    expect((await tutorEvaluationList(w.stranger.id, w.today)).toFill).toEqual([]);

    const form = await tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today);
    expect(form).toMatchObject({ resident: w.anna.user.name, state: "due", items: ITEMS, answers: {}, draft: false });
    for (const someone of [w.stranger, w.head, w.admin, w.anna.user])
      await expect(tutorEvaluationForm(someone.id, w.rotations.anna.id, w.today)).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(saveDraft(w.head.id, w.rotations.anna.id, fields({}), w.today)).rejects.toEqual(refused(null, "errors.notFound", 404));

    // Named by an administrator: the substitute fills it instead, and the tutor no longer reaches it.
    await expect(assign(w.admin.id, w.rotations.anna.id, w.gone.id)).rejects.toEqual(refused("userId", "tutorEvaluations.notATutor", 400));
    await expect(assign(w.admin.id, w.rotations.anna.id, w.anna.user.id)).rejects.toEqual(
      refused("userId", "tutorEvaluations.notATutor", 400),
    );
    await assign(w.admin.id, w.rotations.anna.id, w.substitute.id);
    expect((await tutorEvaluationList(w.substitute.id, w.today)).toFill.map((row) => row.rotationId)).toEqual([w.rotations.anna.id]);
    expect((await tutorEvaluationList(w.tutor.id, w.today)).toFill).toEqual([]);
    await expect(tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today)).rejects.toEqual(refused(null, "errors.notFound", 404));
    const [event] = await events(w.rotations.anna.id);
    expect(event).toMatchObject({ action: "assign", actorId: w.admin.id });
    expect(JSON.parse(event!.changes)).toEqual({ tutorId: [w.tutor.id, w.substitute.id] });
    expect((await adminEvaluationDetail(w.rotations.anna.id, w.today)).evaluator).toMatchObject({ id: w.substitute.id, role: "assigned" });
    expect((await adminEvaluationDetail(w.rotations.bruno.id, w.today)).evaluator).toMatchObject({ id: w.head.id, role: "head" });
  });
});

describe("drafts and signatures", () => {
  it("saves a draft with items left out, on the version it was started on; refuses answers out of the scale beside their item", async () => {
    const w = await world();
    await saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "4", "item.strengths": "  Precisa  " }), w.today);
    // The form gets a new version meanwhile: the draft keeps the questions it was started on.
    const form = await prisma.evaluationForm.findFirstOrThrow({ where: { programmeId: w.programmeId } });
    const extra = { key: "research", type: "yesno", label: { it: "Ricerca", en: "Research" }, required: true };
    await prisma.evaluationFormVersion.create({ data: { formId: form.id, version: 2, items: JSON.stringify([...ITEMS, extra]) } });
    const draft = await tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today);
    expect(draft).toMatchObject({ draft: true, items: ITEMS, answers: { knowledge: 4, strengths: "Precisa" } });
    expect((await tutorEvaluationList(w.tutor.id, w.today)).toFill[0]).toMatchObject({ draft: true });

    const before = await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: w.rotations.anna.id } });
    const bad = saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "9", "item.objectives-met": "maybe" }), w.today);
    await expect(bad).rejects.toEqual(refused("item.knowledge", "evaluations.answerProblems.outOfScale", 400));
    await expect(saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.objectives-met": "maybe" }), w.today)).rejects.toEqual(
      refused("item.objectives-met", "evaluations.answerProblems.yesOrNo", 400),
    );
    await expect(saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.strengths": "x".repeat(2001) }), w.today)).rejects.toEqual(
      refused("item.strengths", "evaluations.answerProblems.tooLong", 400),
    );
    expect(await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: w.rotations.anna.id } })).toEqual(before);

    await saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "2" }), w.today);
    expect((await tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today)).answers).toEqual({ knowledge: 2 });
    // The first draft is recorded, never what it says.
    const recorded = await events(w.rotations.anna.id);
    expect(recorded.map((e) => [e.action, e.changes])).toEqual([["create", "{}"]]);
  });

  it("signs only with every required item answered, then locks it and tells the resident", async () => {
    const w = await world();
    const partial = sign(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "4" }), w.today);
    await expect(partial).rejects.toEqual(refused("item.clinical-skills", "evaluations.answerProblems.required", 400));
    await expect(partial).rejects.toEqual(refused("item.objectives-met", "evaluations.answerProblems.required", 400));
    expect(await prisma.tutorEvaluation.count({ where: { rotationId: w.rotations.anna.id } })).toBe(0);

    const now = new Date("2026-11-10T09:30:00.000Z");
    await sign(w.tutor.id, w.rotations.anna.id, fields(COMPLETE), w.today, now);
    const row = await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: w.rotations.anna.id } });
    expect(row).toMatchObject({ signedAt: now, signedById: w.tutor.id, acknowledgedAt: null });
    expect(JSON.parse(row.answers)).toMatchObject({ knowledge: 4, "objectives-met": true, strengths: "Attenta e precisa" });
    const [event] = await events(w.rotations.anna.id);
    expect(event).toMatchObject({ action: "sign", actorId: w.tutor.id });
    expect(JSON.parse(event!.changes)).toEqual({ signedOn: [null, now.toISOString()] });
    expect(await prisma.notification.findMany({ where: { userId: w.anna.user.id }, select: { kind: true, link: true } })).toEqual([
      { kind: "evaluation-signed", link: "/me/evaluations" },
    ]);

    const list = await tutorEvaluationList(w.tutor.id, w.today);
    expect(list.toFill).toEqual([]);
    expect(list.total).toBe(1);
    expect(list.signed[0]).toMatchObject({
      rotationId: w.rotations.anna.id,
      resident: w.anna.user.name,
      signedAt: now,
      acknowledgedAt: null,
    });
    expect(await tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today)).toMatchObject({ state: "done", signedBy: w.tutor.name });

    // Locked: neither a draft nor a second signature changes it.
    await expect(saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "1" }), w.today)).rejects.toEqual(
      refused(null, "tutorEvaluations.locked", 409),
    );
    await expect(sign(w.tutor.id, w.rotations.anna.id, fields(COMPLETE), w.today)).rejects.toEqual(
      refused(null, "tutorEvaluations.locked", 409),
    );
    // Nor does naming someone else.
    await expect(assign(w.admin.id, w.rotations.anna.id, w.substitute.id)).rejects.toEqual(refused(null, "tutorEvaluations.locked", 409));
    expect(await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: w.rotations.anna.id } })).toEqual(row);
  });

  it(
    "leaves exactly one signature when two arrive at once, at two servers",
    async () => {
      const w = await world();
      await saveDraft(w.tutor.id, w.rotations.anna.id, fields({ "item.knowledge": "4" }), w.today);
      const at = (time: string) => new Date(`2026-11-10T${time}.000Z`);
      const outcomes = await fromTwoServers(
        on("~/models/tutor-evaluation.server", sign, w.tutor.id, w.rotations.anna.id, fields(COMPLETE), w.today, at("09:00:00")),
        on(
          "~/models/tutor-evaluation.server",
          sign,
          w.tutor.id,
          w.rotations.anna.id,
          fields({ ...COMPLETE, "item.knowledge": "1" }),
          w.today,
          at("09:00:01"),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: refused(null, "tutorEvaluations.locked", 409) });
      expect((await events(w.rotations.anna.id)).filter((e) => e.action === "sign")).toHaveLength(1);
      expect(await prisma.notification.count({ where: { userId: w.anna.user.id, kind: "evaluation-signed" } })).toBe(1);
      // And with no draft yet: one row, one signature.
      const both = await fromTwoServers(
        on("~/models/tutor-evaluation.server", sign, w.head.id, w.rotations.bruno.id, fields(COMPLETE), w.today),
        on("~/models/tutor-evaluation.server", sign, w.head.id, w.rotations.bruno.id, fields(COMPLETE), w.today),
      );
      expect(both.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((await events(w.rotations.bruno.id)).filter((e) => e.action === "sign")).toHaveLength(1);
    },
    TWO_SERVERS_TIMEOUT,
  );
});

describe("when an evaluation may be filled", () => {
  it("is refused before it opens, for a planned rotation, and once the rotation is cancelled", async () => {
    const w = await world();
    const { later, planned, cancelled, anna } = w.rotations;
    const opens = opensOn(later, w.settings).toISOString().slice(0, 10);
    await expect(sign(w.tutor.id, later.id, fields(COMPLETE), w.today)).rejects.toEqual(refused(null, "tutorEvaluations.notOpen", 409));
    await expect(saveDraft(w.tutor.id, later.id, fields({}), w.today)).rejects.toMatchObject({ refusals: [{ values: { day: opens } }] });
    expect(await tutorEvaluationForm(w.tutor.id, later.id, w.today)).toMatchObject({ state: "upcoming" });
    await expect(saveDraft(w.tutor.id, planned.id, fields({}), w.today)).rejects.toEqual(refused(null, "tutorEvaluations.notOpen", 409));
    await expect(sign(w.tutor.id, cancelled.id, fields(COMPLETE), w.today)).rejects.toEqual(
      refused(null, "tutorEvaluations.withdrawn", 409),
    );
    expect(await tutorEvaluationForm(w.tutor.id, cancelled.id, w.today)).toMatchObject({ state: "withdrawn" });

    // A draft, then the rotation is cancelled: withdrawn, off the list, and nothing more is accepted.
    await saveDraft(w.tutor.id, anna.id, fields({ "item.knowledge": "4" }), w.today);
    await prisma.rotation.update({ where: { id: anna.id }, data: { state: "cancelled" } });
    expect((await tutorEvaluationList(w.tutor.id, w.today)).toFill).toEqual([]);
    await expect(sign(w.tutor.id, anna.id, fields(COMPLETE), w.today)).rejects.toEqual(refused(null, "tutorEvaluations.withdrawn", 409));
    await expect(assign(w.admin.id, anna.id, w.substitute.id)).rejects.toEqual(refused(null, "tutorEvaluations.withdrawn", 409));
  });

  it("follows the rotation's dates: moved earlier it opens, moved later it closes again, and overdue after its due day", async () => {
    const w = await world();
    const { later, anna } = w.rotations;
    const listed = async (today: Date) => (await tutorEvaluationList(w.tutor.id, today)).toFill.map((row) => [row.rotationId, row.state]);
    expect(await listed(w.today)).toEqual([[anna.id, "due"]]);
    expect(await listed(addDays(w.today, 1))).toEqual([[anna.id, "overdue"]]);
    expect(await listed(addDays(opensOn(anna, w.settings), -1))).toEqual([]);

    await prisma.rotation.update({ where: { id: later.id }, data: { startDate: d("2026-10-01"), endDate: d("2026-11-05") } });
    await prisma.rotation.update({ where: { id: anna.id }, data: { endDate: d("2027-03-31") } });
    expect(await listed(w.today)).toEqual([[later.id, "due"]]);
    await expect(sign(w.tutor.id, anna.id, fields(COMPLETE), w.today)).rejects.toEqual(refused(null, "tutorEvaluations.notOpen", 409));
    await sign(w.tutor.id, later.id, fields(COMPLETE), w.today);
  });
});

describe("the resident", () => {
  it("reads the signed evaluations about them only, and acknowledges each once, with a comment if they wish", async () => {
    const w = await world();
    await saveDraft(w.head.id, w.rotations.bruno.id, fields({ "item.knowledge": "3" }), w.today);
    expect((await receivedEvaluations(w.anna.user.id)).evaluations).toEqual([]);
    await signed(w);

    const mine = await receivedEvaluations(w.anna.user.id);
    expect(mine.residentId).toBe(w.anna.id);
    expect(mine.evaluations).toHaveLength(1);
    expect(mine.evaluations[0]).toMatchObject({
      rotationId: w.rotations.anna.id,
      department: w.department.name,
      items: ITEMS,
      signedBy: w.tutor.name,
      acknowledgedAt: null,
      answers: { knowledge: 4, "objectives-met": true, strengths: "Attenta e precisa" },
    });
    // Bruno sees nothing of Anna's, nor his own unsigned draft; he cannot acknowledge hers.
    expect((await receivedEvaluations(w.bruno.user.id)).evaluations).toEqual([]);
    await expect(acknowledge(w.bruno.user.id, w.rotations.anna.id, "Letta")).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(acknowledge(w.bruno.user.id, w.rotations.bruno.id, null)).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(acknowledge(w.tutor.id, w.rotations.anna.id, null)).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect((await receivedEvaluations(w.tutor.id)).evaluations).toEqual([]);

    await expect(acknowledge(w.anna.user.id, w.rotations.anna.id, "x".repeat(2001))).rejects.toEqual(
      refused("comment", "errors.tooLong", 400),
    );
    const now = new Date("2026-11-12T10:00:00.000Z");
    await acknowledge(w.anna.user.id, w.rotations.anna.id, "  Non sono d'accordo sull'autonomia  ", now);
    expect((await receivedEvaluations(w.anna.user.id)).evaluations[0]).toMatchObject({
      acknowledgedAt: now,
      residentComment: "Non sono d'accordo sull'autonomia",
    });
    await expect(acknowledge(w.anna.user.id, w.rotations.anna.id, "Ancora")).rejects.toEqual(
      refused(null, "tutorEvaluations.alreadyAcknowledged", 409),
    );
    const acknowledged = (await events(w.rotations.anna.id)).filter((e) => e.action === "acknowledge");
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]).toMatchObject({ actorId: w.anna.user.id });
    expect((await tutorEvaluationList(w.tutor.id, w.today)).signed[0]).toMatchObject({ acknowledgedAt: now });
    expect(await signedEvaluationsOf(w.anna.id)).toEqual([
      expect.objectContaining({ rotationId: w.rotations.anna.id, signedBy: w.tutor.name, acknowledgedAt: now }),
    ]);
    expect(await signedEvaluationsOf(w.bruno.id)).toEqual([]);
  });
});

describe("administrators", () => {
  it("reopen a signed evaluation with a reason kept in its history; the answers stay as a draft", async () => {
    const w = await world();
    await expect(reopen(w.admin.id, w.rotations.anna.id, "Errore")).rejects.toEqual(refused(null, "tutorEvaluations.notSigned", 409));
    await signed(w);
    await acknowledge(w.anna.user.id, w.rotations.anna.id, "Letta");
    await expect(reopen(w.admin.id, w.rotations.anna.id, "   ")).rejects.toEqual(refused("reason", "tutorEvaluations.reasonRequired", 400));
    await expect(reopen(w.admin.id, w.rotations.anna.id, "x".repeat(501))).rejects.toEqual(refused("reason", "errors.tooLong", 400));
    await expect(reopen(w.admin.id, `missing-${w.tag}`, "Errore")).rejects.toEqual(refused(null, "errors.notFound", 404));

    await reopen(w.admin.id, w.rotations.anna.id, "Voto di autonomia sbagliato");
    const row = await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: w.rotations.anna.id } });
    expect(row).toMatchObject({ signedAt: null, signedById: null, acknowledgedAt: null, residentComment: null });
    expect(JSON.parse(row.answers)).toMatchObject({ knowledge: 4 });
    expect(await tutorEvaluationForm(w.tutor.id, w.rotations.anna.id, w.today)).toMatchObject({
      state: "due",
      draft: true,
      answers: expect.objectContaining({ knowledge: 4 }),
    });
    expect((await receivedEvaluations(w.anna.user.id)).evaluations).toEqual([]);

    const history = await recordHistory("tutorEvaluation", w.rotations.anna.id);
    expect(history.entries.map((e) => e.action)).toEqual(["reopen", "acknowledge", "sign"]);
    expect(history.entries[0]!.changes).toMatchObject({ reason: [null, "Voto di autonomia sbagliato"] });
    expect(history.entries[0]!.actor).toBe(w.admin.name);

    // Signed again, and acknowledged again.
    await signed(w);
    await acknowledge(w.anna.user.id, w.rotations.anna.id, null);
    expect(await adminEvaluationDetail(w.rotations.anna.id, w.today)).toMatchObject({
      state: "done",
      signedBy: w.tutor.name,
      residentComment: null,
      evaluator: { id: w.tutor.id, role: "tutor" },
    });
  });
});
