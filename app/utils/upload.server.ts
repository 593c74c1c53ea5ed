import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Refused, type Refusal } from "~/domain/refusal";
import { NOT_A_FORM, readForm } from "./form.server";
import { invariantResponse } from "./http";
import { MAX_DOCUMENT_BYTES } from "./pdf";

/**
 * Reads a form that may carry one file. Multipart bodies are parsed in memory with a hard limit per
 * part, and a request that announces a larger body is refused (413, with the page's own `tooLarge`
 * message beside its file field) before it is read.
 */
export async function readUploadForm(request: Request, tooLarge: Omit<Refusal, "link">, maxBytes = MAX_DOCUMENT_BYTES): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return readForm(request, maxBytes);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes + 64 * 1024) throw new Refused([tooLarge], 413);
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new Refused([tooLarge], 413);
    invariantResponse(false, NOT_A_FORM, 400);
  }
}
