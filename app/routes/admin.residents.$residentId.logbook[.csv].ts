import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { hospitalToday, parseIsoDate } from "~/domain/dates";
import { encodeMessage, Refused } from "~/domain/refusal";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { messageText } from "~/i18n/message";
import { defaultCertificatePeriod } from "~/models/certificate.server";
import { certifiedEntries } from "~/models/logbook-extract.server";
import { extractQuerySchema } from "~/schemas/certificate";
import { csvResponse, toCsv } from "~/utils/csv";
import { refusalPage } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

/**
 * A resident's certified logbook entries of a period or one rotation, as CSV for the university: the same
 * entries the certified extract lists, one per row, in the reader's language.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  const t = translator(locale);
  const query = extractQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response(t("certificates.logbook.badPeriod"), { status: 400 });
  const year = await defaultCertificatePeriod(hospitalToday());
  const from = query.data.from ?? parseIsoDate(year.from)!;
  const to = query.data.to ?? parseIsoDate(year.to)!;
  const { rotationId } = query.data;
  const found = await certifiedEntries({ resident: { id: params.residentId ?? "" }, from, to, rotationId: rotationId || null }).catch(
    (error: unknown) => {
      // A period too long or a rotation not theirs: said in words, as a bad request.
      if (error instanceof Refused && error.status !== 404)
        throw new Response(messageText(t, encodeMessage(error.refusals[0]!)).text, { status: 400 });
      return refusalPage(error);
    },
  );
  const csv = toCsv(
    [
      t("certificates.logbook.csv.date"),
      t("certificates.logbook.csv.category"),
      t("certificates.logbook.csv.code"),
      t("certificates.logbook.csv.activity"),
      t("certificates.logbook.csv.degree"),
      t("certificates.logbook.csv.count"),
      t("certificates.logbook.csv.department"),
      t("certificates.logbook.csv.certifiedBy"),
      t("certificates.logbook.csv.certifiedAt"),
    ],
    found.entries.map((e) => [
      e.date,
      e.category,
      e.code,
      e.activity[locale],
      t(`logbook.degrees.${e.degree}`),
      e.count,
      e.department,
      e.certifiedBy ?? "",
      e.certifiedAt ?? "",
    ]),
    locale,
  );
  const name = found.resident.user.name
    .normalize("NFD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return csvResponse(csv, `${t("certificates.logbook.pdf.fileName")}-${name}.csv`);
}
