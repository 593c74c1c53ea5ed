import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { AgreementForm } from "~/components/agreement-form";
import { createAgreement, programmesOf } from "~/models/agreement.server";
import { universityChoices } from "~/models/university.server";
import { agreementSchema } from "~/schemas/agreement";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agreements.newTitle");

/** Step 1 picks the university (?university=…); step 2 is the agreement form for its programmes. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const universityId = new URL(request.url).searchParams.get("university");
  const universities = await universityChoices();
  if (!universityId) return { universities, university: null, programmes: [] };
  const university = universities.find((u) => u.id === universityId);
  invariantResponse(university, "University not found", 404);
  return { universities, university, programmes: await programmesOf(university.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: agreementSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
  try {
    const agreement = await createAgreement(submission.value, admin.id);
    throw redirect(`/admin/agreements/${agreement.id}`, { headers: await withToast({ kind: "success", message: "agreements.created" }) });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewAgreement() {
  const { t } = useTranslation();
  const { universities, university, programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <CreationPage
      title={t("agreements.newTitle")}
      description={university?.name}
      width="3xl"
      back={{ to: "/admin/agreements", label: t("agreements.backToList") }}
    >
      {university ? (
        <AgreementForm
          id="new-agreement"
          values={{
            universityId: university.id,
            facilityRole: "collegata",
            startDate: null,
            endDate: null,
            signedOn: null,
            notes: null,
            coverage: [],
          }}
          programmes={programmes}
          lastResult={actionData?.result}
          submitLabel={t("common.save")}
        />
      ) : (
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 max-w-full flex-col">
            <label htmlFor="university" className="text-sm font-medium">
              {t("agreements.chooseUniversity")}
            </label>
            <p className="text-sm text-slate-600">{t("agreements.chooseUniversityIntro")}</p>
            <select id="university" name="university" required className="mt-1 max-w-full rounded border border-slate-400 px-3 py-2">
              {universities.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
            {t("agreements.continue")}
          </button>
        </Form>
      )}
    </CreationPage>
  );
}
