import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LogbookProgress } from "~/components/logbook-progress";
import { PageHeader } from "~/components/page-header";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { tutorResidentProgress } from "~/models/logbook-progress.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage } from "~/utils/refusal.server";

export const handle = { policy: "tutor" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "logbookProgress.titleOf", { name: data?.progress.resident.name ?? "" });

/** The logbook progress of a resident in the tutor's care (as /tutor/residents lists them); anyone else is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const tutor = await requireRole(request, "tutor");
  const progress = await tutorResidentProgress(tutor.id, params.residentId ?? "").catch(refusalPage);
  return { progress };
}

export default function TutorResidentProgress() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { progress } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("logbookProgress.titleOf", { name: progress.resident.name })}
        description={
          <>
            <p>
              {specialtyName(progress.resident.specialtyCode, locale)} ·{" "}
              {t("tutor.residents.year", { year: progress.resident.yearOfTraining })}
            </p>
            <p className="mt-1 text-sm">{t("logbookProgress.intro")}</p>
          </>
        }
        actions={
          <Link to="/tutor/residents" className="rounded border border-slate-400 px-4 py-2 hover:bg-slate-100">
            {t("logbookProgress.back")}
          </Link>
        }
      />
      <LogbookProgress progress={progress} />
    </div>
  );
}
