import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { MessageText, SubmitButton } from "./forms";
import { Card } from "./page-header";

/**
 * Archive / restore / delete of an institutional record. Deleting is refused by the server while
 * anything refers to the record; the page then shows why (`problems`, the refusal's messages) and offers to archive.
 */
export function RecordLifecycle({ archived, problems }: { archived: boolean; problems?: string[] | null }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3">
      {problems?.length ? (
        <div role="alert" className="rounded border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
          <p className="font-semibold">{t("records.cannotDeleteTitle")}</p>
          {problems.map((message) => (
            <p key={message}>
              <MessageText message={message} />
            </p>
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          {archived ? (
            <SubmitButton variant="secondary" name="intent" value="restore">
              {t("records.restore")}
            </SubmitButton>
          ) : (
            <SubmitButton variant="secondary" name="intent" value="archive">
              {t("records.archive")}
            </SubmitButton>
          )}
        </Form>
        {problems?.length ? null : (
          <Form method="post">
            <SubmitButton variant="danger" name="intent" value="delete">
              {t("records.delete")}
            </SubmitButton>
          </Form>
        )}
      </div>
      <p className="text-sm text-slate-600">
        {t("records.archiveHelp")} {t("records.deleteHelp")}
      </p>
    </div>
  );
}

export function ArchivedBadge({ archived }: { archived: boolean }) {
  const { t } = useTranslation();
  return archived ? (
    <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">{t("records.statusArchived")}</span>
  ) : null;
}

/** The status card of an institutional record: when it was archived, and its archive / restore / delete. */
export function LifecycleCard({
  title,
  archivedAt,
  actionData,
}: {
  title: string;
  archivedAt: Date | string | null;
  /** The page's action data: a refused delete carries its `problems`. */
  actionData?: object | null;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (
    <Card id="lifecycle-title" title={title}>
      {archivedAt ? <p className="mb-3">{t("records.archivedOn", { date: format.date(archivedAt) })}</p> : null}
      <RecordLifecycle
        archived={Boolean(archivedAt)}
        problems={actionData && "problems" in actionData ? (actionData.problems as string[] | null) : null}
      />
    </Card>
  );
}
