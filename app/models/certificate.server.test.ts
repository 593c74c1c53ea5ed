import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createResident, createTeachingSession, createUniversity } from "../../test/factories";
import { issueCertificate, verifyCertificate } from "./certificate.server";
import { refused } from "../../test/refused";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * A resident, a lead tutor and a co-tutor, and sessions that do and do not count: delivered or not
 * (unconfirmed, cancelled), present or not (absent, excused), and on the edges of the period.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const admin = await prisma.user.create({
    data: { email: `admin-${tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
  });
  const lead = await prisma.user.create({
    data: { email: `lead-${tag}@example.test`, name: `Laura Bianchi ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const co = await prisma.user.create({
    data: { email: `co-${tag}@example.test`, name: `Carlo Verdi ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const residentUser = await prisma.user.create({
    data: { email: `res-${tag}@example.test`, name: `Giulia Rossi ${tag}`, roles: { create: { role: "resident" } } },
  });
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: university.programmes[0]!.id,
    studentNumber: `M-${tag}`,
    stayStart: d("2024-01-01"),
    stayEnd: d("2027-12-31"),
  });
  const confirmed = new Date("2026-11-01T00:00:00Z");
  const session = async (s: {
    title: string;
    date: string;
    minutes: number;
    tutors: string[];
    status?: "present" | "absent" | "excused";
    confirmed?: boolean;
    cancelled?: boolean;
  }) =>
    createTeachingSession({
      title: `${s.title} ${tag}`,
      date: d(s.date),
      minutes: s.minutes,
      confirmedAt: s.confirmed === false ? null : confirmed,
      cancelledAt: s.cancelled ? confirmed : null,
      tutorIds: s.tutors,
      marks: s.status ? [[resident.id, s.status]] : [],
    });
  await session({ title: "Immunotherapy", date: "2026-01-15", minutes: 90, tutors: [lead.id, co.id], status: "present" });
  await session({ title: "Absent", date: "2026-03-10", minutes: 60, tutors: [lead.id], status: "absent" });
  await session({ title: "Excused", date: "2026-04-01", minutes: 60, tutors: [lead.id], status: "excused" });
  await session({ title: "Unconfirmed", date: "2026-02-01", minutes: 120, tutors: [lead.id], status: "present", confirmed: false });
  await session({ title: "Cancelled", date: "2026-02-05", minutes: 45, tutors: [lead.id], status: "present", cancelled: true });
  await session({ title: "Day before", date: "2025-10-31", minutes: 30, tutors: [lead.id], status: "present" });
  await session({ title: "Last day", date: "2026-10-31", minutes: 60, tutors: [co.id], status: "present" });
  await session({ title: "Day after", date: "2026-11-01", minutes: 15, tutors: [co.id], status: "present" });
  return { tag, admin, lead, co, residentUser, resident };
}

const YEAR = { from: d("2025-11-01"), to: d("2026-10-31") };

describe("certificates", () => {
  beforeEach(async () => {
    // The figures per academic year assume years starting on 1 November.
    await prisma.setting.upsert({
      where: { key: "academicYearStart" },
      create: { key: "academicYearStart", value: "11-01" },
      update: { value: "11-01" },
    });
  });

  it("count a resident's delivered sessions they were present at, within the period's edges", async () => {
    const w = await world();
    const doc = await issueCertificate({ kind: "resident-teaching", holderId: w.residentUser.id, ...YEAR, locale: "it" }, w.admin.id);
    expect(doc.sessions.map((s) => s.title)).toEqual([`Immunotherapy ${w.tag}`, `Last day ${w.tag}`]);
    expect(doc.minutes).toBe(150);
    expect(doc.byYear).toEqual([{ label: "2025/26", minutes: 150 }]);
    expect(doc.holder).toEqual({
      name: w.residentUser.name,
      resident: { specialtyCode: "oncologia-medica", university: `Ateneo ${w.tag}`, studentNumber: `M-${w.tag}` },
    });
    expect(doc.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const row = await prisma.certificate.findUniqueOrThrow({ where: { code: doc.code } });
    expect(row).toMatchObject({
      kind: "resident-teaching",
      holderId: w.residentUser.id,
      minutes: 150,
      sessions: 2,
      locale: "it",
      issuedById: w.admin.id,
      periodStart: YEAR.from,
      periodEnd: YEAR.to,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "certificate", entityId: row.id } });
    expect(audit).toMatchObject({ action: "create", actorId: w.admin.id });
    expect(JSON.parse(audit.changes)).toMatchObject({ code: [null, doc.code], minutes: [null, 150] });
  });

  it("split a resident's hours by academic year", async () => {
    const w = await world();
    const doc = await issueCertificate(
      { kind: "resident-teaching", holderId: w.residentUser.id, from: d("2025-10-01"), to: d("2026-11-30"), locale: "en" },
      w.admin.id,
    );
    expect(doc.minutes).toBe(30 + 90 + 60 + 15);
    expect(doc.byYear).toEqual([
      { label: "2024/25", minutes: 30 },
      { label: "2025/26", minutes: 150 },
      { label: "2026/27", minutes: 15 },
    ]);
  });

  it("give each tutor of a session its full duration, and count only delivered sessions", async () => {
    const w = await world();
    const lead = await issueCertificate({ kind: "tutor-teaching", holderId: w.lead.id, ...YEAR, locale: "en" }, w.admin.id);
    // Present, absent and excused residents do not matter to the tutor; unconfirmed and cancelled do.
    expect(lead.sessions.map((s) => s.title)).toEqual([`Immunotherapy ${w.tag}`, `Absent ${w.tag}`, `Excused ${w.tag}`]);
    expect(lead.minutes).toBe(210);
    expect(lead.byYear).toEqual([]);
    expect(lead.holder.resident).toBeNull();
    const co = await issueCertificate({ kind: "tutor-teaching", holderId: w.co.id, ...YEAR, locale: "en" }, w.admin.id);
    expect(co.minutes).toBe(150);
    expect(co.sessions).toHaveLength(2);
  });

  it("state zero for a period without teaching", async () => {
    const w = await world();
    const doc = await issueCertificate(
      { kind: "resident-teaching", holderId: w.residentUser.id, from: d("2020-01-01"), to: d("2020-12-31"), locale: "it" },
      w.admin.id,
    );
    expect(doc.minutes).toBe(0);
    expect(doc.sessions).toEqual([]);
  });

  it("are refused for the wrong person or period, and then nothing is written", async () => {
    const w = await world();
    const before = await prisma.certificate.count();
    await expect(issueCertificate({ kind: "resident-teaching", holderId: w.lead.id, ...YEAR, locale: "it" }, w.admin.id)).rejects.toEqual(
      refused("holderId", "certificates.notIssued.notResident"),
    );
    await expect(
      issueCertificate({ kind: "tutor-teaching", holderId: w.residentUser.id, ...YEAR, locale: "it" }, w.admin.id),
    ).rejects.toEqual(refused("holderId", "certificates.notIssued.notTutor"));
    await expect(issueCertificate({ kind: "tutor-teaching", holderId: "no-such-user", ...YEAR, locale: "it" }, w.admin.id)).rejects.toEqual(
      refused("holderId", "certificates.notIssued.notTutor"),
    );
    await expect(
      issueCertificate({ kind: "tutor-teaching", holderId: w.lead.id, from: YEAR.to, to: YEAR.from, locale: "it" }, w.admin.id),
    ).rejects.toEqual(refused("to", "certificates.notIssued.endBeforeStart"));
    await expect(
      issueCertificate(
        { kind: "tutor-teaching", holderId: w.lead.id, from: d("2015-01-01"), to: d("2026-01-01"), locale: "it" },
        w.admin.id,
      ),
    ).rejects.toEqual(refused("to", "certificates.notIssued.tooLong"));
    expect(await prisma.certificate.count()).toBe(before);
  });

  it("are verified by their code, typed in any case, showing only their statement", async () => {
    const w = await world();
    const doc = await issueCertificate({ kind: "tutor-teaching", holderId: w.co.id, ...YEAR, locale: "it" }, w.admin.id);
    const verified = await verifyCertificate(doc.code.toLowerCase().replace(/-/g, " "));
    expect(verified).toEqual({
      code: doc.code,
      kind: "tutor-teaching",
      holderName: w.co.name,
      periodStart: YEAR.from,
      periodEnd: YEAR.to,
      minutes: 150,
      sessions: 2,
      entries: 0,
      performed: 0,
      evaluations: null,
      issuedAt: doc.issuedAt,
    });
    expect(await verifyCertificate("0000-0000-0000")).toBeNull();
    expect(await verifyCertificate("not a code")).toBeNull();
  });
});
