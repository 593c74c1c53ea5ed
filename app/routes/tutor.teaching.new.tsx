import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { TeachingForm } from "~/components/teaching-form";
import { hospitalClock, hospitalToday } from "~/domain/dates";
import { teachingChoices } from "~/models/teaching-queries.server";
import { createTeaching } from "~/models/teaching.server";
import { teachingCreateSchema } from "~/schemas/teaching";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teaching.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const now = new Date();
  const choices = await teachingChoices(user.id, null, now);
  // Sensible defaults, so that a session is logged on a phone with a title and one tap: today, from the
  // start of this hour, 60 minutes, the tutor's first department, their residents' programmes.
  const values = {
    title: "",
    type: "lecture",
    date: hospitalToday(now),
    startTime: `${hospitalClock(now).slice(0, 2)}:00`,
    durationMinutes: 60,
    place: null,
    link: null,
    departmentId: choices.departments[0]?.id ?? null,
    programmeIds: choices.suggestedProgrammeIds,
    coTutorIds: [],
  };
  return { choices, values };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const submission = parseWithZod(await readForm(request), { schema: teachingCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const { ids } = await createTeaching(submission.value, user.id);
    throw redirect("/tutor/teaching", {
      headers: await withToast({ kind: "success", message: "teaching.logged", values: { count: ids.length } }),
    });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewTeachingSession() {
  const { t } = useTranslation();
  const { choices, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <CreationPage
      title={t("teaching.newTitle")}
      description={t("teaching.newIntro")}
      width="2xl"
      back={{ to: "/tutor/teaching", label: t("teaching.backToList") }}
      compact
    >
      <TeachingForm
        id="new-teaching"
        mode="create"
        choices={choices}
        values={{ ...values, date: new Date(values.date) }}
        lastResult={actionData?.result}
      />
    </CreationPage>
  );
}
