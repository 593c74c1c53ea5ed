import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { TeachingCancelForm, TeachingForm } from "~/components/teaching-form";
import { usePercent } from "~/components/teaching-ledger";
import { TeachingStatusBadge, useTeachingTypeName } from "~/components/teaching-list";
import { specialtyName } from "~/domain/specialties";
import { sessionStart } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { versionOf } from "~/models/concurrency.server";
import { assertTeaches, getTeachingForTutor, teachingChoices } from "~/models/teaching-queries.server";
import { cancelTeaching, updateTeaching } from "~/models/teaching.server";
import { teachingCancelSchema, teachingUpdateSchema } from "~/schemas/teaching";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "tutor" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "teaching.detailTitle", { title: data?.session.title ?? "" });

// A session the tutor does not give answers exactly like one that does not exist.
const NOT_FOUND = "Teaching session not found";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const session = await getTeachingForTutor(params.sessionId ?? "", user.id);
  invariantResponse(session, NOT_FOUND, 404);
  const [choices, history] = await Promise.all([
    teachingChoices(user.id, { departmentId: session.departmentId, programmeIds: session.programmeIds, coTutorIds: session.coTutorIds }),
    recordHistory("teaching", session.id),
  ]);
  return { session: { ...session, version: versionOf(session), startsAt: sessionStart(session) }, choices, history };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const id = params.sessionId ?? "";
  await assertTeaches(id, user.id).catch(refusalPage);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const here = `/tutor/teaching/${id}`;

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: teachingUpdateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await updateTeaching(id, submission.value, user.id);
    } catch (error) {
      return refusalReply(error, submission, { intent });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "teaching.saved" }) });
  }
  if (intent === "cancel") {
    const submission = parseWithZod(formData, { schema: teachingCancelSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await cancelTeaching(id, submission.value, user.id);
    } catch (error) {
      return refusalReply(error, submission, { intent });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "teaching.cancelled" }) });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function TeachingSessionPage() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const percent = usePercent();
  const typeName = useTeachingTypeName();
  const { session, choices, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const date = new Date(session.date);
  const started = new Date(session.startsAt) <= new Date();
  const lead = session.tutors.filter((u) => u.lead).map((u) => u.userId);

  const programmeNames = new Map<string, string>([
    ...choices.programmes.map(
      (p) => [p.id, `${specialtyName(p.specialtyCode, locale)} · ${p.university.shortName ?? p.university.name}`] as const,
    ),
    ...session.programmes.map(
      (p) => [p.id, `${specialtyName(p.specialtyCode, locale)} · ${p.university.shortName ?? p.university.name}`] as const,
    ),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            <span className="break-words">{session.title}</span> <TeachingStatusBadge status={session.status} />
          </>
        }
        description={`${typeName(session.type)} · ${t("teaching.when", { date: format.date(date), time: session.startTime })} · ${t("teaching.minutes", { count: session.durationMinutes })}`}
        actions={<LinkButton to="/tutor/teaching">{t("teaching.backToList")}</LinkButton>}
      />
      {session.cancelledAt ? (
        <p className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {t("teaching.detail.cancelledNotice", { date: format.dateTime(session.cancelledAt), reason: session.cancelReason ?? "" })}
        </p>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card id="about-title" title={t("teaching.detail.aboutTitle")}>
            <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(8rem,auto)_1fr]">
              <dt className="text-sm text-slate-600">{t("teaching.detail.when")}</dt>
              <dd>
                <time dateTime={format.iso(date)}>{t("teaching.when", { date: format.date(date), time: session.startTime })}</time> ·{" "}
                {t("teaching.minutes", { count: session.durationMinutes })}
              </dd>
              <dt className="text-sm text-slate-600">{t("teaching.detail.where")}</dt>
              <dd className="break-words">
                {session.place ?? (session.link ? null : t("teaching.detail.nowhere"))}
                {session.link ? (
                  <>
                    {session.place ? " · " : null}
                    <a href={session.link} className="break-all text-blue-800 underline" rel="noreferrer noopener" target="_blank">
                      {t("teaching.detail.joinOnline")}
                    </a>
                  </>
                ) : null}
              </dd>
              <dt className="text-sm text-slate-600">{t("teaching.detail.department")}</dt>
              <dd>{session.department?.name ?? "—"}</dd>
              <dt className="text-sm text-slate-600">{t("teaching.detail.programmes")}</dt>
              <dd>
                <ul>
                  {session.programmes.map((p) => (
                    <li key={p.id}>{programmeNames.get(p.id)}</li>
                  ))}
                </ul>
              </dd>
              <dt className="text-sm text-slate-600">{t("teaching.detail.tutors")}</dt>
              <dd>
                <ul>
                  {session.tutors.map((u) => (
                    <li key={u.userId}>
                      {u.user.name}
                      {u.lead ? <span className="text-sm text-slate-600"> ({t("teaching.detail.lead")})</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
            {session.inSeries > 1 ? (
              <p className="mt-3 text-sm text-slate-700">{t("teaching.detail.series", { count: session.inSeries })}</p>
            ) : null}
          </Card>
        </div>
        <div className="min-w-0">
          <Card id="attendance-title" title={t("teaching.detail.attendanceTitle")}>
            {session.attendance.marked === 0 ? (
              <p className="text-slate-600">{t("teaching.detail.attendanceNone")}</p>
            ) : (
              <>
                <p>
                  {t("teaching.detail.attendanceCounts", {
                    present: session.attendance.present,
                    absent: session.attendance.absent,
                    excused: session.attendance.excused,
                  })}
                </p>
                <p className="text-sm text-slate-700">{t("teaching.detail.attendanceRate", { rate: percent(session.attendance.rate) })}</p>
              </>
            )}
            {session.confirmedAt ? (
              <p className="mt-2 text-sm text-green-900">
                {t("teaching.detail.confirmedOn", { date: format.dateTime(session.confirmedAt), name: session.confirmedBy?.name ?? "—" })}
              </p>
            ) : null}
            {session.cancelledAt ? null : started ? (
              <Link
                to={`/tutor/teaching/${session.id}/attendance`}
                className="mt-3 inline-block rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
              >
                {t("teaching.detail.takeAttendance")}
              </Link>
            ) : (
              <p className="mt-2 text-sm text-slate-600">
                {t("teaching.detail.attendanceLater", { date: format.dateTime(session.startsAt) })}
              </p>
            )}
          </Card>
        </div>
        {session.cancelledAt ? null : (
          <div className="min-w-0 lg:col-span-2">
            <Card id="edit-title" title={t("teaching.detail.editTitle")}>
              <p className="mb-3 text-sm text-slate-600">{t("teaching.detail.editHelp")}</p>
              <TeachingForm
                id={`teaching-${session.id}`}
                mode="edit"
                choices={choices}
                values={{ ...session, date }}
                version={session.version}
                timeLocked={Boolean(session.confirmedAt)}
                leadIds={lead}
                lastResult={actionData?.intent === "update" ? actionData.result : null}
              />
            </Card>
          </div>
        )}
        {session.cancelledAt || session.confirmedAt ? null : (
          <div className="min-w-0">
            <Card id="cancel-title" title={t("teaching.detail.cancelTitle")}>
              <p className="mb-3 text-sm text-slate-600">{t("teaching.detail.cancelHelp")}</p>
              <TeachingCancelForm
                id={`cancel-${session.id}`}
                version={session.version}
                lastResult={actionData?.intent === "cancel" ? actionData.result : null}
              />
            </Card>
          </div>
        )}
      </div>

      <RecordHistory history={history} />
    </div>
  );
}
