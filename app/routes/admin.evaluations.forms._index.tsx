import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { ListTable, PlainHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { specialtyName } from "~/domain/specialties";
import { localeOf } from "~/i18n/locale.server";
import { isFormKind } from "~/domain/evaluations";
import { createProgrammeForm, hospitalFormId, listForms, missingHospitalForms } from "~/models/evaluation-form.server";
import { programmeFormSchema } from "~/schemas/evaluation-form";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluationForms.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  const [forms, missing] = await Promise.all([listForms(), missingHospitalForms()]);
  return {
    missing,
    forms: forms.map(({ programme, ...form }) => ({
      ...form,
      programme: programme ? `${specialtyName(programme.specialtyCode, locale)} · ${programme.university}` : null,
    })),
  };
}

/**
 * Opens the hospital's form of a kind for editing, made from the defaults if it was never needed yet; or
 * gives a programme its own form for the tutors' evaluations (from the programme's page), then opens it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await readForm(request);
  const kind = formData.get("kind");
  if (kind !== null) {
    if (!isFormKind(kind)) return data({ result: null, problem: "evaluationForms.noSuchKind" }, { status: 400 });
    throw redirect(`/admin/evaluations/forms/${await hospitalFormId(kind)}`);
  }
  const submission = parseWithZod(formData, { schema: programmeFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problem: null }, { status: 400 });
  try {
    const formId = await createProgrammeForm(admin.id, submission.value.programmeId);
    throw redirect(`/admin/evaluations/forms/${formId}`, {
      headers: await withToast({ kind: "success", message: "evaluationForms.created" }),
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusalReply(error, submission);
  }
}

export default function EvaluationForms() {
  const { t } = useTranslation();
  const { forms, missing } = useLoaderData<typeof loader>();
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader
        title={t("evaluationForms.title")}
        description={t("evaluationForms.intro")}
        actions={
          <>
            <LinkButton to="/admin/settings#evaluations" white>
              {t("evaluationForms.settingsLink")}
            </LinkButton>
            <LinkButton to="/admin/evaluations" white>
              {t("evaluationForms.back")}
            </LinkButton>
          </>
        }
      />
      <ListTable
        caption={t("evaluationForms.caption")}
        head={
          <>
            <PlainHeader>{t("evaluationForms.kind")}</PlainHeader>
            <PlainHeader>{t("evaluationForms.for")}</PlainHeader>
            <PlainHeader align="right">{t("evaluationForms.version")}</PlainHeader>
            <PlainHeader align="right">{t("evaluationForms.items")}</PlainHeader>
          </>
        }
      >
        {missing.map((kind) => (
          <tr key={kind} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-2 text-left font-normal">
              <Form method="post">
                <input type="hidden" name="kind" value={kind} />
                <button type="submit" className="text-left text-blue-800 underline">
                  {t(`evaluations.kinds.${kind}`)}
                </button>
              </Form>
            </th>
            <td className="px-3 py-2">{t("evaluationForms.hospital")}</td>
            <td className="px-3 py-2 text-right">1</td>
            <td className="px-3 py-2 text-right">{t("evaluationForms.defaults")}</td>
          </tr>
        ))}
        {forms.map((form) => (
          <tr key={form.id} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-2 text-left font-normal">
              <Link to={`/admin/evaluations/forms/${form.id}`} className="text-blue-800 underline">
                {t(`evaluations.kinds.${form.kind}`)}
              </Link>
            </th>
            <td className="px-3 py-2">
              {form.programmeId ? (form.programme ?? t("evaluationOverview.removed")) : t("evaluationForms.hospital")}
            </td>
            <td className="px-3 py-2 text-right">{form.version}</td>
            <td className="px-3 py-2 text-right">{form.items}</td>
          </tr>
        ))}
      </ListTable>
      <p className="text-sm text-slate-700">{t("evaluationForms.programmeHint")}</p>
    </div>
  );
}
