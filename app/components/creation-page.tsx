import { FormProvider, getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { PageHeader } from "~/components/page-header";

const WIDTHS = { xl: "max-w-xl", "2xl": "max-w-2xl", "3xl": "max-w-3xl" };

const CARD = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
const COMPACT_CARD = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6";

type Skeleton = {
  title: string;
  description?: ReactNode;
  /** How wide the page may grow: a few fields (xl), a form with groups (2xl), a table of choices (3xl). */
  width: keyof typeof WIDTHS;
  children: ReactNode;
};

type CreationPageProps = Skeleton &
  (
    | {
        /** The page's own form: the card is a Conform form; its fields are the children, then save and cancel. */
        form: FormMetadata;
        submitLabel: string;
        /** Where cancel goes (the list). */
        cancelTo: string;
      }
    | {
        /** A form component that draws its own actions sits in the card; the way back is in the page's header. */
        back: { to: string; label: string };
        /** Less padding on a phone, for a form that is filled in on one. */
        compact?: boolean;
      }
  );

/**
 * The page that creates a record: its title (and a line under it), then a card with the form. Either the
 * card is the page's own form (`form`: errors of the whole form on top, the fields, save and cancel), or it
 * holds a form component with its own buttons (`back`: a link back to the list in the header).
 */
export function CreationPage(props: CreationPageProps) {
  const { t } = useTranslation();
  const { title, description, width, children } = props;
  if ("form" in props) {
    const { form } = props;
    return (
      <div className={WIDTHS[width]}>
        <PageHeader title={title} description={description} />
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className={`space-y-4 ${CARD}`}>
            <FormErrors id={form.errorId} errors={form.errors} />
            {children}
            <div className="flex flex-wrap gap-3">
              <SubmitButton>{props.submitLabel}</SubmitButton>
              <LinkButton to={props.cancelTo}>{t("common.cancel")}</LinkButton>
            </div>
          </Form>
        </FormProvider>
      </div>
    );
  }
  return (
    <div className={WIDTHS[width]}>
      <PageHeader title={title} description={description} actions={<LinkButton to={props.back.to}>{props.back.label}</LinkButton>} />
      <div className={props.compact ? COMPACT_CARD : CARD}>{children}</div>
    </div>
  );
}
