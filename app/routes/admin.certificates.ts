import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { Refused } from "~/domain/refusal";
import { certificateHolder, issueCertificate } from "~/models/certificate.server";
import { extractProgress, issueLogbookExtract } from "~/models/logbook-extract.server";
import { certificateHolderSchema, certificateRequestSchema, extractOptionsSchema } from "~/schemas/certificate";
import { certificateFileName, renderCertificatePdf } from "~/services/certificate-pdf.server";
import { renderLogbookExtractPdf } from "~/services/logbook-extract-pdf.server";
import { env } from "~/utils/env.server";
import { withToast, type Toast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/**
 * Issues a teaching certificate or a certified logbook extract and answers it as a PDF download. The forms on a resident's and a
 * tutor's page post here without JavaScript (a file is the answer); when something in them is wrong,
 * the administrator is sent back to that page with a message naming the field, and nothing is issued.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await readForm(request);
  const holder = certificateHolderSchema.safeParse({ kind: form.get("kind"), holderId: form.get("holderId") });
  invariantResponse(holder.success, "The form must say which certificate (kind) and for whom (holderId).", 400);
  const { kind, holderId } = holder.data;
  const person = await certificateHolder(kind, holderId);
  invariantResponse(person, "Person not found", 404);
  const refuse = async (toast: Omit<Toast, "kind">) =>
    redirect(person.page, { status: 303, headers: await withToast({ kind: "error", ...toast }) });

  const input = certificateRequestSchema.safeParse({ from: form.get("from"), to: form.get("to"), locale: form.get("locale") });
  if (!input.success) {
    const field = input.error.issues[0]?.path[0];
    return refuse({
      message:
        field === "locale"
          ? "certificates.notIssued.language"
          : field === "to"
            ? "certificates.notIssued.to"
            : "certificates.notIssued.from",
    });
  }

  // The address printed for verification: the public origin when the portal runs behind a proxy.
  const origin = env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : new URL(request.url).origin;
  let bytes: Uint8Array<ArrayBuffer>;
  let fileName: string;
  try {
    if (kind === "resident-logbook") {
      const options = extractOptionsSchema.safeParse({
        rotationId: form.get("rotationId") ?? "",
        evaluations: form.get("evaluations") ?? undefined,
      });
      invariantResponse(options.success, "The rotation is not a valid id, or “evaluations” is not a checkbox's “on”.", 400);
      const extract = await issueLogbookExtract(
        { holderId, ...input.data, rotationId: options.data.rotationId || null, withEvaluations: options.data.evaluations },
        admin.id,
      );
      const progress = await extractProgress(holderId);
      bytes = await renderLogbookExtractPdf(extract, { origin, progress });
      fileName = certificateFileName(extract, "certificates.logbook.pdf.fileName");
    } else {
      const certificate = await issueCertificate({ kind, holderId, ...input.data }, admin.id);
      bytes = await renderCertificatePdf(certificate, { origin });
      fileName = certificateFileName(certificate);
    }
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const [refusal] = error.refusals;
    return refuse({ message: refusal!.key, values: refusal!.values });
  }
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
