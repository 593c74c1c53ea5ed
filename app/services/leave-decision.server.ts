import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { decideLeave } from "~/models/absence.server";
import { decideLeaveSchema } from "~/schemas/absences";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { refusalReply } from "~/utils/refusal.server";

/**
 * The decision of a tutor or an administrator, from the form of LeaveRequests. Then back to `back`, on
 * the same pages of its lists with `keepSearch`.
 */
export async function decideFromForm(request: Request, actor: { id: string; admin: boolean }, back: string, { keepSearch = false } = {}) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: decideLeaveSchema });
  const absenceId = String(formData.get("absenceId") ?? "");
  if (submission.status !== "success") return data({ absenceId, result: submission.reply(), problems: [] as string[] }, { status: 400 });
  const { intent, reason } = submission.value;
  try {
    await decideLeave(actor, submission.value.absenceId, { intent, reason });
  } catch (error) {
    return refusalReply(error, submission, { absenceId });
  }
  const search = new URL(request.url).searchParams;
  search.delete("index"); // Remix's mark of a form posted to an index route
  return redirect(keepSearch && search.size > 0 ? `${back}?${search}` : back, {
    headers: await withToast({ kind: "success", message: intent === "approve" ? "absences.decide.approved" : "absences.decide.declined" }),
  });
}
