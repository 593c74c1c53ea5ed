// What each person needs before the measured minute, made through the app as they would make it:
// residents create their private calendar address on /profile; tutors log a teaching session of their
// own (yesterday, so attendance may be taken) on /tutor/teaching/new; administrators are each given
// rotations of their own that the planning rules accept as they stand, so an edit of the notes saves.
// Each tutor and administrator works on records nobody else touches: no conflict is expected, and every
// write can be accounted for one by one afterwards.
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { withClient } from "../bench/client";
import type { Browser } from "./client";
import { checkedRadios, formsOf, formValues, formWith } from "./form";

export type ResidentWork = { pages: string[] };
export type TutorWork = { sessionId: string; attendancePath: string; /** Residents the sheet expects. */ rows: number };
export type AdminWork = { rotationIds: string[] };

/**
 * A new administrator, as a real one is made: the demo administrator creates the account on
 * /admin/users/new, the person's page shows the one-time link once, and the link sets the password.
 */
export async function inviteAdmin(admin: Browser, newcomer: Browser, email: string, name: string, password: string): Promise<string> {
  const page = await admin.send("prepare", "GET", "/admin/users/new", { expect: [200] });
  const values = formValues(formWith(page.body, "email", "/admin/users/new")).filter(
    ([field]) => !["email", "name", "roles"].includes(field),
  );
  values.push(["email", email], ["name", name], ["roles", "admin"]);
  const created = await admin.send("prepare", "POST", "/admin/users/new", { form: values, expect: [302, 303] });
  const userPath = created.location ? new URL(created.location, admin.base).pathname : "";
  const userId = /^\/admin\/users\/([^/]+)$/.exec(userPath)?.[1];
  if (!userId) throw new Error(`Creating ${email} led to "${userPath}", not to the person's page`);
  const person = await admin.send("prepare", "GET", userPath, { expect: [200] });
  const link = /\/set-password\/[A-Za-z0-9_-]+/.exec(person.body)?.[0];
  if (!link) throw new Error(`${userPath} shows no set-password link after creating ${email}`);
  const form = await newcomer.send("prepare", "GET", link, { expect: [200] });
  const fields = formValues(formWith(form.body, "newPassword", link)).filter(
    ([field]) => field !== "newPassword" && field !== "confirmPassword",
  );
  fields.push(["newPassword", password], ["confirmPassword", password]);
  await newcomer.send("prepare", "POST", link, { form: fields, expect: [302, 303], location: "/admin" });
  return userId;
}

export async function prepareResident(browser: Browser): Promise<ResidentWork> {
  const pages = ["/me", "/me/rotations", "/me/teaching", "/me/history"];
  const profile = await browser.send("prepare", "GET", "/profile", { expect: [200] });
  const form = formsOf(profile.body).find((f) => formValues(f).some(([name, value]) => name === "intent" && value === "calendar"));
  if (!form) throw new Error("/profile has no form to create a calendar address");
  const created = await browser.send("prepare", "POST", "/profile", { form: formValues(form), expect: [200] });
  const url = /id="calendar-url"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="calendar-url"/.exec(created.body);
  const address = url?.[1] ?? url?.[2];
  if (!address) throw new Error("Creating a calendar address on /profile showed no address");
  return { pages: [...pages, new URL(address).pathname] };
}

/** A session logged by the tutor for yesterday morning, with the form's own suggestions for the rest. */
export async function prepareTutor(browser: Browser, databaseUrl: string, title: string): Promise<TutorWork> {
  const page = await browser.send("prepare", "GET", "/tutor/teaching/new", { expect: [200] });
  const form = formWith(page.body, "title", "/tutor/teaching/new");
  const values = formValues(form);
  const set = (name: string, value: string) => {
    const at = values.findIndex(([n]) => n === name);
    if (at >= 0) values[at] = [name, value];
    else values.push([name, value]);
  };
  set("title", title);
  set("date", toIsoDate(addDays(hospitalToday(), -1)));
  set("startTime", "09:00");
  set("durationMinutes", "60");
  if (!values.some(([name]) => name === "programmeIds")) {
    throw new Error(`${browser.name}: the new-session form suggests no programme (fields: ${values.map(([n]) => n).join(", ")})`);
  }
  await browser.send("prepare", "POST", "/tutor/teaching/new", { form: values, expect: [302, 303], location: "/tutor/teaching" });
  // The answer leads to the ledger, not to the session: its id is read from the database by its title.
  const row = await withClient(databaseUrl, (db) => db.teachingSession.findFirst({ where: { title }, select: { id: true } }));
  if (!row) throw new Error(`${browser.name}: the session "${title}" was logged but is not in the database`);
  // The sheet must be open for marks and expect somebody, or the tutor would have nothing to do.
  const attendancePath = `/tutor/teaching/${row.id}/attendance`;
  const sheet = await browser.send("prepare", "GET", attendancePath, { expect: [200] });
  const sheetForm = formsOf(sheet.body).find((f) => f.attributes.get("id") === "attendance-sheet");
  const marks = sheetForm ? checkedRadios(sheetForm, "mark.") : new Map<string, string>();
  if (marks.size === 0)
    throw new Error(`${browser.name}: the sheet of "${title}" ${sheetForm ? "expects nobody" : "is not open for marks"}`);
  // A resident away on approved leave starts excused on a new sheet: proposed by the page, not stored yet.
  // Saved once as proposed, so that from now on the sheet shows exactly what is stored, and each save of
  // the measured minute changes the one mark the tutor taps (scripts/load/verify.ts counts on it).
  if ([...marks.values()].some(Boolean)) {
    await browser.send("prepare", "POST", attendancePath, {
      form: formValues(sheetForm!, { name: "intent", value: "save" }),
      expect: [302, 303],
      location: attendancePath,
    });
  }
  return { sessionId: row.id, attendancePath, rows: marks.size };
}

/** Rotations not cancelled, with a tutor (the form requires one), in a stable order: shared out later. */
export async function rotationCandidates(databaseUrl: string): Promise<string[]> {
  const rows = await withClient(databaseUrl, (db) =>
    db.rotation.findMany({
      where: { state: { not: "cancelled" }, tutorId: { not: null } },
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      select: { id: true },
    }),
  );
  return rows.map((r) => r.id);
}

/** The live rule check the edit form runs as it opens (a fetcher in the browser): its address. */
export function checkPath(values: Array<[string, string]>, rotationId: string): string {
  const get = (name: string) => values.find(([n]) => n === name)?.[1] ?? "";
  const query = new URLSearchParams({
    residentId: get("residentId"),
    departmentId: get("departmentId"),
    tutorId: get("tutorId"),
    startDate: get("startDate"),
    endDate: get("endDate"),
    rotationId,
  });
  return `/admin/rotations/check?${query.toString()}`;
}

/**
 * Takes rotations from `candidates` (shared by all administrators, so none gets one twice) until `count`
 * pass the rule check as they stand: a rotation broken by a later change would refuse every save.
 */
export async function prepareAdmin(browser: Browser, candidates: string[], count: number): Promise<AdminWork> {
  const rotationIds: string[] = [];
  while (rotationIds.length < count) {
    const id = candidates.shift();
    if (!id) throw new Error(`${browser.name}: no more rotations that the rules accept as they stand`);
    const page = await browser.send("prepare", "GET", `/admin/rotations/${id}`, { expect: [200] });
    const values = formValues(formWith(page.body, "residentId", `/admin/rotations/${id}`));
    const check = await browser.send("prepare", "GET", checkPath(values, id), { expect: [200], accept: "application/json" });
    const { problems } = JSON.parse(check.body) as { problems: unknown[] | null };
    if (Array.isArray(problems) && problems.length === 0) rotationIds.push(id);
  }
  return { rotationIds };
}
