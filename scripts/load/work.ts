// What each simulated person does until time is up, with a random pause (0 to --think ms) between
// requests: residents read their pages; tutors take attendance on their session's sheet; administrators
// edit the notes of their rotations. Every save acknowledged by the server is written in the ledger,
// which scripts/load/verify.ts then checks against the database; after each save the page the server
// redirects to must already show it (a page showing older data would be a stale read, a failure).
import type { VirtualUser } from "./accounts";
import { RequestFailed, pause, type Browser, type Recorder } from "./client";
import { checkedRadios, formsOf, formValues, formWith, type HtmlForm } from "./form";
import { checkPath, type AdminWork, type ResidentWork, type TutorWork } from "./prepare";

export type AttendanceWrite = { sessionId: string; actorId: string; residentId: string; before: string | null; after: string };
export type RotationWrite = { rotationId: string; actorId: string; before: string | null; token: string };

/** Writes the server acknowledged, in the order each person made them, and those it did not. */
export class Ledger {
  readonly attendance: AttendanceWrite[] = [];
  readonly rotations: RotationWrite[] = [];
  /** Saves whose outcome is unknown (an error instead of the redirect): they must not be in the database. */
  readonly unacknowledged: Array<{ entity: "attendance" | "rotation"; id: string; token?: string }> = [];
  /** Sessions' marks as last acknowledged: what the Attendance table must hold at the end. */
  readonly finalMarks = new Map<string, Map<string, string>>();
}

type Context = { until: number; thinkMs: number; recorder: Recorder; ledger: Ledger };

const think = (ms: number) => pause(Math.random() * ms);
const running = (until: number) => performance.now() < until;
/** The order a tutor's taps cycle through, so every save changes one mark. */
const STATUSES = ["present", "absent", "excused"] as const;

export async function residentWork(browser: Browser, work: ResidentWork, { until, thinkMs }: Context): Promise<void> {
  while (running(until)) {
    const path = work.pages[Math.floor(Math.random() * work.pages.length)]!;
    const kind = path.startsWith("/calendar/") ? "resident GET /calendar/<token>.ics" : `resident GET ${path}`;
    await browser.send(kind, "GET", path, { expect: [200] }).catch(ignoreRecorded);
    await think(thinkMs);
  }
}

/** The attendance sheet's form: its marks are radio groups named mark.<residentId>. */
function sheetOf(html: string, path: string): HtmlForm {
  const form = formsOf(html).find((f) => f.attributes.get("id") === "attendance-sheet");
  if (!form) throw new Error(`${path} shows no editable attendance sheet`);
  return form;
}

export async function tutorWork(browser: Browser, user: VirtualUser, work: TutorWork, { until, thinkMs, ledger }: Context): Promise<void> {
  const path = work.attendancePath;
  const open = () =>
    browser.send("tutor GET attendance sheet", "GET", path, { expect: [200] }).then(
      (a) => a.body,
      (e: unknown) => ignoreRecorded(e, null),
    );
  let page = await open();
  /** The marks the last acknowledged save wrote; null when unknown (at the start, after a failure). */
  let expected: Map<string, string> | null = null;
  while (running(until)) {
    await think(thinkMs);
    if (page === null) {
      page = await open();
      continue;
    }
    const form = sheetOf(page, path);
    const marks = checkedRadios(form, "mark.");
    if (expected && !sameMarks(marks, expected)) {
      browser.mismatch("tutor GET attendance sheet", "GET", path, `the sheet shows ${show(marks)} after the save of ${show(expected)}`);
    }
    const rows = [...marks.keys()];
    if (rows.length === 0) throw new Error(`${path} expects nobody: nothing to mark`);
    // One tap: a resident's mark moves to the next status, and the whole sheet is saved as it stands.
    const residentId = rows[Math.floor(Math.random() * rows.length)]!;
    const before = marks.get(residentId) || null;
    const after = STATUSES[(STATUSES.indexOf(before as (typeof STATUSES)[number]) + 1) % STATUSES.length]!;
    const field = `mark.${residentId}`;
    const values = formValues(form)
      .filter(([name]) => name !== field)
      .concat([
        [field, after],
        ["intent", "save"],
      ]);
    try {
      await browser.send("tutor POST attendance (save)", "POST", path, { form: values, expect: [302, 303], location: path });
    } catch (error) {
      ignoreRecorded(error);
      ledger.unacknowledged.push({ entity: "attendance", id: work.sessionId });
      expected = null;
      page = await open();
      continue;
    }
    ledger.attendance.push({ sessionId: work.sessionId, actorId: user.userId, residentId, before, after });
    expected = new Map([...marks].filter(([, status]) => status).concat([[residentId, after]]));
    ledger.finalMarks.set(work.sessionId, expected);
    // The browser follows the redirect: the sheet again, which must show the save.
    page = await open();
  }
}

export async function adminWork(
  browser: Browser,
  user: VirtualUser,
  work: AdminWork,
  { until, thinkMs, recorder, ledger }: Context,
): Promise<void> {
  let saves = 0;
  for (let turn = 0; running(until); turn++) {
    const id = work.rotationIds[turn % work.rotationIds.length]!;
    const path = `/admin/rotations/${id}`;
    const open = async () => {
      const page = await browser.send("admin GET rotation page", "GET", path, { expect: [200] });
      return formWith(page.body, "residentId", path);
    };
    try {
      let form = await open();
      // The form checks the rules as it opens, as the browser's fetcher does.
      await browser.send("admin GET rule check", "GET", checkPath(formValues(form), id), { expect: [200], accept: "application/json" });
      await think(thinkMs);
      // A 409 means the record changed since the page was read: read it again and save again. Nobody
      // else edits these rotations, so it should not happen; it is counted, not hidden.
      let saved = "";
      for (let attempt = 1; ; attempt++) {
        const token = `load-${user.label}-${++saves}`;
        const values = formValues(form);
        const before = values.find(([name]) => name === "notes")?.[1] || null;
        const fields = values.filter(([name]) => name !== "notes").concat([["notes", token]]);
        let answer;
        try {
          answer = await browser.send("admin POST rotation (update)", "POST", path, {
            form: fields,
            expect: [302, 303],
            location: path,
            tolerate: [409],
          });
        } catch (error) {
          ledger.unacknowledged.push({ entity: "rotation", id, token });
          throw error;
        }
        if (answer.status === 409) {
          recorder.conflict("admin POST rotation (update)");
          if (attempt >= 5) throw new Error(`${browser.name}: ${path} refused five saves in a row as stale`);
          form = await open();
          continue;
        }
        ledger.rotations.push({ rotationId: id, actorId: user.userId, before, token });
        saved = token;
        break;
      }
      // The redirect's page must show the notes just saved.
      const after = formValues(await open()).find(([name]) => name === "notes")?.[1];
      if (after !== saved) browser.mismatch("admin GET rotation page", "GET", path, `notes "${after}" after saving "${saved}"`);
    } catch (error) {
      ignoreRecorded(error);
    }
    await think(thinkMs);
  }
}

/** Failed requests are recorded where they fail; the person goes on. Anything else is a bug here. */
function ignoreRecorded<T>(error: unknown, value?: T): T {
  if (!(error instanceof RequestFailed)) throw error;
  return value as T;
}

function sameMarks(shown: Map<string, string>, expected: Map<string, string>): boolean {
  for (const [id, status] of expected) if (shown.get(id) !== status) return false;
  // A mark not saved must not appear either.
  for (const [id, status] of shown) if (status && expected.get(id) !== status) return false;
  return true;
}

const show = (marks: Map<string, string>) =>
  `{${[...marks]
    .filter(([, s]) => s)
    .map(([id, s]) => `${id.slice(-6)}:${s}`)
    .join(", ")}}`;
