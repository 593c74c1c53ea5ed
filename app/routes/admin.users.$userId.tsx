import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { issuePasswordToken, passwordLinkPath } from "~/auth/password-token.server";
import { CertificateCard } from "~/components/certificate-form";
import { HandoverLink } from "~/components/handover-link";
import { EditFormHead, SubmitButton, useSchemaForm } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { RoleBadges } from "~/components/role-badges";
import { UserFields } from "~/components/user-fields";
import { hospitalToday } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { defaultCertificatePeriod } from "~/models/certificate.server";
import { getUserForAdmin, setActive, updateUser } from "~/models/user.server";
import { updateUserSchema } from "~/schemas/user";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { handoverCookie, takeHandover } from "~/utils/handover.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "admin.users.detailTitle", { name: data?.user.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = await getUserForAdmin(params.userId ?? "");
  invariantResponse(user, "User not found", 404);
  const { handover, setCookie } = await takeHandover(request, user.id);
  const origin = new URL(request.url).origin;
  return data(
    {
      user: { ...user, version: user.updatedAt.toISOString() },
      isSelf: admin.id === user.id,
      handover: handover ? { url: `${origin}${handover.path}`, expiresAt: handover.expiresAt } : null,
      certificatePeriod: user.roles.includes("tutor") ? await defaultCertificatePeriod(hospitalToday()) : null,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : {} },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const userId = params.userId ?? "";
  const user = await getUserForAdmin(userId);
  invariantResponse(user, "User not found", 404);
  const isSelf = admin.id === user.id;
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, {
      schema: updateUserSchema.refine((v) => !isSelf || v.roles.includes("admin"), {
        path: ["roles"],
        error: "errors.cannotDropOwnAdmin",
      }),
    });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    try {
      await updateUser(user.id, submission.value, submission.value.version, admin.id);
    } catch (error) {
      return refusalReply(error, submission);
    }
    throw redirect(`/admin/users/${user.id}`, {
      headers: await withToast({ kind: "success", message: "admin.users.saved", values: { name: submission.value.name } }),
    });
  }

  if (intent === "issue-link") {
    invariantResponse(user.active, "Account is deactivated", 409);
    const link = await issuePasswordToken(user.id, { issuedBy: admin.id, mail: true });
    const headers = await withToast({ kind: "success", message: "admin.users.linkIssued", values: { name: user.name } });
    headers.append(
      "Set-Cookie",
      await handoverCookie({ userId: user.id, path: passwordLinkPath(link.token), expiresAt: link.expiresAt.toISOString() }),
    );
    throw redirect(`/admin/users/${user.id}`, { headers });
  }

  if (intent === "deactivate" || intent === "reactivate") {
    invariantResponse(!isSelf, "You cannot deactivate your own account", 409);
    await setActive(user.id, intent === "reactivate", admin.id);
    throw redirect(`/admin/users/${user.id}`, {
      headers: await withToast({
        kind: "success",
        message: intent === "deactivate" ? "admin.users.deactivated" : "admin.users.reactivated",
        values: { name: user.name },
      }),
    });
  }

  throw new Response("Unknown action", { status: 400 });
}

export default function UserDetail() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { user, isSelf, handover, certificatePeriod } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateUserSchema, {
    id: `edit-user-${user.id}`,
    lastResult: actionData?.result,
    defaultValue: { name: user.name, email: user.email, roles: user.roles, language: user.language ?? "" },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={user.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{user.email}</span> <RoleBadges roles={user.roles} />
          </span>
        }
        actions={<LinkButton to="/admin/users">{t("admin.users.backToList")}</LinkButton>}
      />

      {handover ? <HandoverLink url={handover.url} expiresAt={handover.expiresAt} /> : null}

      <Card id="status-title" title={t("admin.users.accountTitle")}>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("admin.users.status")}</dt>
            <dd className="font-medium">
              {!user.active
                ? t("admin.users.statusInactiveSince", { date: user.deactivatedAt ? format.date(user.deactivatedAt) : "—" })
                : user.hasPassword
                  ? t("admin.users.statusActive")
                  : t("admin.users.statusAwaiting")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.users.createdAt")}</dt>
            <dd className="font-medium">
              {format.date(user.createdAt)}
              {user.createdBy ? ` · ${t("admin.users.createdBy", { name: user.createdBy.name })}` : ""}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.users.openSessions")}</dt>
            <dd className="font-medium">{format.number(user.sessionCount)}</dd>
          </div>
        </dl>
        <div className="mt-4 flex flex-wrap gap-3">
          {user.active ? (
            <Form method="post">
              <SubmitButton variant="secondary" name="intent" value="issue-link">
                {user.hasPassword ? t("admin.users.issueResetLink") : t("admin.users.issueLink")}
              </SubmitButton>
            </Form>
          ) : null}
          {isSelf ? null : (
            <Form method="post">
              {user.active ? (
                <SubmitButton variant="danger" name="intent" value="deactivate">
                  {t("admin.users.deactivate")}
                </SubmitButton>
              ) : (
                <SubmitButton variant="secondary" name="intent" value="reactivate">
                  {t("admin.users.reactivate")}
                </SubmitButton>
              )}
            </Form>
          )}
        </div>
        {user.active && !isSelf ? <p className="mt-2 text-sm text-slate-600">{t("admin.users.deactivateHelp")}</p> : null}
      </Card>

      <Card id="mail-title" title={t("notifications.person.title")}>
        {user.mailRefusedAt ? (
          <p className="rounded border border-red-300 bg-red-50 p-3 font-medium text-red-900">
            {t("notifications.person.refused", { date: format.date(user.mailRefusedAt) })}
          </p>
        ) : (
          <p className="text-slate-700">{t("notifications.person.fine")}</p>
        )}
        <Link to={`/admin/notifications?user=${user.id}`} className="mt-3 inline-block text-blue-800 underline">
          {t("notifications.person.deliveries")}
        </Link>
      </Card>

      <Card id="edit-title" title={t("admin.users.editTitle")}>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-4">
            <EditFormHead version={user.version} errorId={form.errorId} errors={form.errors} />
            <UserFields fields={fields} lockedRoles={isSelf ? ["admin"] : []} />
            <SubmitButton intent="update">{t("common.save")}</SubmitButton>
          </Form>
        </FormProvider>
      </Card>

      {certificatePeriod ? <CertificateCard kind="tutor-teaching" holderId={user.id} period={certificatePeriod} /> : null}
    </div>
  );
}
