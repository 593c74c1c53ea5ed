import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FormErrors, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { PageHeader } from "~/components/page-header";
import { ITEM_TYPES } from "~/domain/evaluations";
import { encodeMessage, Refused } from "~/domain/refusal";
import { formDetail, saveFormItems } from "~/models/evaluation-form.server";
import { itemsOf, readFormRows, rowOf, type FormRow } from "~/schemas/evaluation-form";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluationForms.edit.title");

/** Empty rows offered under the items: a new question is typed into one. */
const SPARE_ROWS = 3;
const blank: FormRow = { key: "", type: "rating", labelIt: "", labelEn: "", required: "on", scaleIt: "", scaleEn: "", remove: undefined };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const form = await formDetail(params.formId ?? "");
  invariantResponse(form, "Form not found", 404);
  return { form, rows: [...form.latest.items.map(rowOf), ...Array.from({ length: SPARE_ROWS }, () => blank)] };
}

/**
 * Saves the edited items: a new version when someone has answered the current one, else the current
 * version changed. A refusal returns the rows as typed, with the reason.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const rows = readFormRows(await readForm(request));
  try {
    const { outcome, version } = await saveFormItems(admin.id, params.formId ?? "", itemsOf(rows));
    throw redirect(`/admin/evaluations/forms/${params.formId}`, {
      headers: await withToast({ kind: "success", message: `evaluationForms.edit.saved.${outcome}`, values: { version } }),
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    if (error.status === 404) throw new Response("Not found", { status: 404 });
    return data({ rows: [...rows, blank], problems: error.refusals.map(encodeMessage) }, { status: error.status });
  }
}

export default function EvaluationFormEditor() {
  const { t } = useTranslation();
  const { form, rows: saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rows = actionData?.rows ?? saved;
  const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="min-w-0 max-w-3xl space-y-6">
      <PageHeader
        title={t("evaluationForms.edit.title")}
        description={t(`evaluations.kinds.${form.kind}`)}
        actions={
          <LinkButton to="/admin/evaluations/forms" white>
            {t("evaluationForms.edit.back")}
          </LinkButton>
        }
      />
      <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3 text-sm">
        {t(form.answered ? "evaluationForms.edit.answered" : "evaluationForms.edit.unanswered", { version: form.latest.version })}
      </p>
      <Form method="post" className="space-y-4" aria-describedby={actionData?.problems ? "form-problems" : undefined}>
        <FormErrors id="form-problems" errors={actionData?.problems} />
        {rows.map((row, index) => {
          const name = (field: string) => `items.${index}.${field}`;
          const id = (field: string) => `item-${index}-${field}`;
          const isNew = index >= form.latest.items.length && !row.key;
          return (
            <fieldset key={index} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <legend className="px-1 font-semibold">
                {isNew ? t("evaluationForms.edit.newItem") : t("evaluationForms.edit.item", { number: index + 1 })}
              </legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <div>
                  <label htmlFor={id("key")} className="block text-sm font-medium">
                    {t("evaluationForms.edit.key")}
                  </label>
                  <input
                    id={id("key")}
                    name={name("key")}
                    defaultValue={row.key}
                    maxLength={40}
                    aria-describedby="key-hint"
                    className={input}
                  />
                </div>
                <div>
                  <label htmlFor={id("type")} className="block text-sm font-medium">
                    {t("evaluationForms.edit.type")}
                  </label>
                  <select id={id("type")} name={name("type")} defaultValue={row.type} className={input}>
                    {ITEM_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`evaluationForms.types.${type}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {(["labelIt", "labelEn"] as const).map((field) => (
                  <div key={field}>
                    <label htmlFor={id(field)} className="block text-sm font-medium">
                      {t(`evaluationForms.edit.${field}`)}
                    </label>
                    <input id={id(field)} name={name(field)} defaultValue={row[field]} maxLength={300} className={input} />
                  </div>
                ))}
                {(["scaleIt", "scaleEn"] as const).map((field) => (
                  <div key={field}>
                    <label htmlFor={id(field)} className="block text-sm font-medium">
                      {t(`evaluationForms.edit.${field}`)}
                    </label>
                    <textarea
                      id={id(field)}
                      name={name(field)}
                      defaultValue={row[field]}
                      rows={5}
                      aria-describedby="scale-hint"
                      className={input}
                    />
                  </div>
                ))}
              </div>
              <div className="flex flex-wrap gap-6">
                <label className="flex items-center gap-2">
                  <input type="checkbox" name={name("required")} defaultChecked={row.required === "on"} className="h-5 w-5" />
                  {t("evaluationForms.edit.required")}
                </label>
                {isNew ? null : (
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name={name("remove")} defaultChecked={Boolean(row.remove)} className="h-5 w-5" />
                    {t("evaluationForms.edit.remove")}
                  </label>
                )}
              </div>
            </fieldset>
          );
        })}
        <p id="key-hint" className="text-sm text-slate-700">
          {t("evaluationForms.edit.keyHint")}
        </p>
        <p id="scale-hint" className="text-sm text-slate-700">
          {t("evaluationForms.edit.scaleHint")}
        </p>
        <SubmitButton>{t("evaluationForms.edit.save")}</SubmitButton>
      </Form>
    </div>
  );
}
