import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Correction } from "~/components/attendance-correction";
import { Notice, SessionHeader } from "~/components/attendance-header";
import { MessageText, ProblemList } from "~/components/forms";
import { ReadOnlyList, Search, Sheet } from "~/components/attendance-sheet";
import { RecordHistory } from "~/components/history";
import { defaultMark } from "~/domain/teaching";
import { attendanceSheet, correctAttendance, saveAttendance, searchPresentResidents, type Mark } from "~/models/attendance.server";
import { recordHistory } from "~/models/history.server";
import { assertTeaches } from "~/models/teaching-queries.server";
import { correctionSchema, marksFromForm, sheetIntent } from "~/schemas/attendance";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

/**
 * Attendance at a teaching session, on a phone: the residents expected with three large buttons each
 * (real radio buttons, so the sheet works without JavaScript), a search for anyone else at the hospital
 * that day, save and confirm; once confirmed, a read-only sheet, corrections with a reason and the
 * history. Only the session's own tutors reach it; anyone else is told it does not exist.
 */
export const handle = { policy: "tutor" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "attendance.pageTitle", { title: data?.session.title ?? "" });

/** A refusal because the sheet changed meanwhile (409) shows the sheet as it is now; Remix would keep the old one after a 4xx. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const sheet = await attendanceSheet(params.sessionId ?? "", user.id).catch(refusalPage);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 80);
  const editable = !sheet.confirmed && sheet.blocked.length === 0;
  const [results, history] = await Promise.all([
    editable && query.length >= 2
      ? searchPresentResidents(
          sheet.session.id,
          user.id,
          query,
          sheet.rows.map((r) => r.id),
        )
      : Promise.resolve(null),
    recordHistory("attendance", sheet.session.id),
  ]);
  return { ...sheet, editable, query, results, history };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const sessionId = params.sessionId ?? "";
  // A session the user does not teach is "not found", never "forbidden": its existence is not revealed.
  await assertTeaches(sessionId, user.id).catch(refusalPage);
  const formData = await readForm(request);
  const here = `/tutor/teaching/${sessionId}/attendance`;

  if (formData.get("intent") === "correct") {
    const submission = parseWithZod(formData, { schema: correctionSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: [], marks: null }, { status: 400 });
    try {
      const { residentId, status, reason } = submission.value;
      await correctAttendance(sessionId, user.id, [{ residentId, status }], reason);
    } catch (error) {
      // The refusals head the page, above the sheet, like those of a save.
      return refusalReply(error, null, { marks: null });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "attendance.corrected" }) });
  }

  const intent = sheetIntent(formData.get("intent"));
  invariantResponse(intent, "Unknown action", 400);
  let marks: Mark[] = marksFromForm(formData);
  if (intent.kind === "add")
    marks = [...marks.filter((m) => m.residentId !== intent.residentId), { residentId: intent.residentId, status: "present" }];
  if (intent.kind === "remove") marks = marks.filter((m) => m.residentId !== intent.residentId);
  if (intent.kind === "all-present") {
    // Without JavaScript the shortcut is a round trip: the rows not marked yet become present (excused when away).
    const sheet = await attendanceSheet(sessionId, user.id);
    const marked = new Set(marks.map((m) => m.residentId));
    marks = [
      ...marks,
      ...sheet.rows.flatMap((r) => {
        const status = marked.has(r.id) ? undefined : defaultMark(r);
        return status ? [{ residentId: r.id, status }] : [];
      }),
    ];
  }
  try {
    const version = formData.get("version");
    await saveAttendance(sessionId, user.id, marks, {
      confirm: intent.kind === "confirm",
      version: typeof version === "string" ? version : undefined,
    });
  } catch (error) {
    return refusalReply(error, null, { marks });
  }
  const message = intent.kind === "confirm" ? "attendance.confirmed" : intent.kind === "add" ? "attendance.added" : "attendance.saved";
  throw redirect(here, { headers: await withToast({ kind: "success", message }) });
}

export default function Attendance() {
  const { t } = useTranslation();
  const sheet = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { session, history } = sheet;
  // The sheet starts again from the database whenever what is saved there changes.
  const sheetKey = `${String(session.confirmedAt)}|${sheet.rows.map((r) => `${r.id}:${r.status ?? ""}`).join(",")}`;
  const cancelled = sheet.blocked.includes("attendance.problems.cancelled");

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SessionHeader sheet={sheet} />
      {actionData?.problems?.length ? <ProblemList problems={actionData.problems} title={t("attendance.problemsTitle")} /> : null}
      {sheet.blocked.length ? (
        <Notice>
          {cancelled ? (
            <p>{session.cancelReason ? t("attendance.cancelledBecause", { reason: session.cancelReason }) : t("attendance.cancelled")}</p>
          ) : (
            <ul className="space-y-1">
              {sheet.blocked.map((message) => (
                <li key={message}>
                  <MessageText message={message} />
                </li>
              ))}
            </ul>
          )}
        </Notice>
      ) : null}
      {sheet.editable ? (
        <>
          <Sheet key={sheetKey} sheet={sheet} submitted={actionData?.marks ?? null} />
          <Search sheet={sheet} />
        </>
      ) : cancelled ? null : (
        <ReadOnlyList rows={sheet.rows} />
      )}
      {sheet.confirmed && !cancelled ? <Correction sheet={sheet} lastResult={actionData?.result} /> : null}
      <RecordHistory history={history} />
    </div>
  );
}
