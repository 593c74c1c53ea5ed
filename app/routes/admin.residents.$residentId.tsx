import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { CertificateCard } from "~/components/certificate-form";
import { Field, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { HandoverLink } from "~/components/handover-link";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { TrainingCalendarCard } from "~/components/progression";
import { ResidentRecordFields } from "~/components/resident-fields";
import { RotationStatusBadge } from "~/components/rotation-status";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { rotationStatus } from "~/domain/rotation-rules";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { defaultCertificatePeriod } from "~/models/certificate.server";
import { versionOf } from "~/models/concurrency.server";
import { getResident, residentChoices, updateResident } from "~/models/resident.server";
import { residentCalendar } from "~/models/progression.server";
import { rotationsOfResident } from "~/models/rotation.server";
import { signedEvaluationsOf } from "~/models/tutor-evaluation.server";
import { residentRecordFields } from "~/schemas/resident";
import { recordVersion } from "~/schemas/university";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { takeHandover } from "~/utils/handover.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "records.detailTitle", { name: data?.resident.user.name ?? "" });

const updateSchema = z
  .object({
    intent: z.literal("update"),
    ...recordVersion,
    ...residentRecordFields,
    yearReason: z.string().trim().max(300, { error: "errors.tooLong" }).optional(),
  })
  .refine((v) => v.stayEnd >= v.stayStart, { path: ["stayEnd"], error: "residents.stayEndBeforeStart" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const resident = await getResident(params.residentId ?? "");
  invariantResponse(resident, "Resident not found", 404);
  const today = hospitalToday();
  const [choices, history, rotations, handover, evaluations, calendar] = await Promise.all([
    residentChoices(resident),
    recordHistory("resident", resident.id),
    rotationsOfResident(resident.id),
    takeHandover(request, resident.userId),
    signedEvaluationsOf(resident.id),
    residentCalendar(resident.id, today),
  ]);
  const origin = new URL(request.url).origin;
  return data(
    {
      resident: { ...resident, version: versionOf(resident) },
      ...choices,
      history,
      rotations: rotations.map((r) => ({ ...r, status: rotationStatus(r, today) })),
      evaluations,
      calendar,
      handover: handover.handover ? { url: `${origin}${handover.handover.path}`, expiresAt: handover.handover.expiresAt } : null,
      certificatePeriod: await defaultCertificatePeriod(today),
    },
    { headers: handover.setCookie ? { "Set-Cookie": handover.setCookie } : {} },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const resident = await getResident(params.residentId ?? "");
  invariantResponse(resident, "Resident not found", 404);
  const submission = parseWithZod(await readForm(request), { schema: updateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await updateResident(resident.id, submission.value, submission.value.version, admin.id);
  } catch (error) {
    return refusalReply(error, submission);
  }
  throw redirect(`/admin/residents/${resident.id}`, {
    headers: await withToast({ kind: "success", message: "residents.saved", values: { name: resident.user.name } }),
  });
}

export default function ResidentDetail() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { resident, programmes, tutors, history, rotations, evaluations, calendar, handover, certificatePeriod } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateSchema, {
    id: `resident-${resident.id}`,
    lastResult: actionData?.result,
    defaultValue: {
      programmeId: resident.programmeId,
      yearOfTraining: String(resident.yearOfTraining),
      studentNumber: resident.studentNumber,
      stayStart: toIsoDate(resident.stayStart),
      stayEnd: toIsoDate(resident.stayEnd),
      tutorId: resident.tutorId ?? "",
      insurancePolicy: resident.insurancePolicy ?? "",
      insuranceExpiry: resident.insuranceExpiry ? toIsoDate(resident.insuranceExpiry) : "",
      contractStart: resident.contractStart ? toIsoDate(resident.contractStart) : "",
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={resident.user.name}
        description={`${specialtyName(resident.programme.specialtyCode, locale)} · ${resident.programme.university.name}`}
        actions={
          <>
            <LinkButton to={`/admin/rotations/year?resident=${resident.id}`}>{t("board.ofResident")}</LinkButton>
            <LinkButton to={`/admin/residents/${resident.id}/logbook`}>{t("logbookReview.admin.openLogbook")}</LinkButton>
            <LinkButton to={`/admin/residents/${resident.id}/absences`}>{t("absences.record.open")}</LinkButton>
            <LinkButton to={`/admin/users/${resident.user.id}`}>{t("residents.account")}</LinkButton>
            <LinkButton to="/admin/residents">{t("residents.backToList")}</LinkButton>
          </>
        }
      />
      {handover ? <HandoverLink url={handover.url} expiresAt={handover.expiresAt} /> : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="record-title" title={t("residents.record")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="version" value={resident.version} />
              <FormErrors id={form.errorId} errors={form.errors} />
              <ResidentRecordFields fields={fields} programmes={programmes} tutors={tutors} />
              {resident.contractStart && calendar ? (
                <Field
                  meta={fields.yearReason}
                  label={t("residents.yearReason")}
                  hint={t("residents.yearReasonHint", { year: calendar.current.year })}
                />
              ) : null}
              <SubmitButton intent="update">{t("common.save")}</SubmitButton>
            </Form>
          </FormProvider>
        </Card>
        <Card id="rotations-title" title={t("residents.rotations")}>
          {rotations.length === 0 ? (
            <p className="text-slate-600">{t("rotations.noneYet")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {rotations.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link to={`/admin/rotations/${r.id}`} className="text-blue-800 underline">
                    {r.department.name} · {format.date(r.startDate)} – {format.date(r.endDate)}
                  </Link>
                  <RotationStatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3">
            <Link to={`/admin/rotations/new?resident=${resident.id}`} className="text-blue-800 underline">
              {t("residents.planRotation")}
            </Link>
          </p>
        </Card>
      </div>
      {calendar ? <TrainingCalendarCard view={calendar} /> : null}
      <Card id="evaluations-title" title={t("tutorEvaluations.record.title")}>
        {evaluations.length === 0 ? (
          <p className="text-slate-600">{t("tutorEvaluations.record.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {evaluations.map((e) => (
              <li key={e.rotationId} className="py-2">
                <Link to={`/admin/evaluations/tutor/${e.rotationId}`} className="text-blue-800 underline">
                  {e.department} · {format.date(e.startDate)} – {format.date(e.endDate)}
                </Link>
                <p className="text-sm text-slate-700">
                  {t("tutorEvaluations.record.signed", { day: format.date(e.signedAt), name: e.signedBy ?? "—" })} ·{" "}
                  {t(e.acknowledgedAt ? "tutorEvaluations.record.acknowledged" : "tutorEvaluations.record.notAcknowledged")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <CertificateCard kind="resident-teaching" holderId={resident.user.id} period={certificatePeriod} />
      <CertificateCard
        kind="resident-logbook"
        holderId={resident.user.id}
        period={certificatePeriod}
        logbook={{ csv: `/admin/residents/${resident.id}/logbook.csv`, rotations: rotations.filter((r) => r.state !== "cancelled") }}
      />
      <RecordHistory history={history} />
    </div>
  );
}
