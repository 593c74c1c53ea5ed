import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { NOT_A_FORM, readForm } from "./form.server";
import { invariantResponse } from "./http";
import { MAX_DOCUMENT_BYTES } from "./pdf";

/** Raised when an upload is larger than allowed; the page says so instead of failing. */
export class UploadTooLargeError extends Error {}

/**
 * Reads a form that may carry one file. Multipart bodies are parsed in memory with a hard limit per
 * part, and a request that announces a larger body is refused before it is read.
 */
export async function readUploadForm(request: Request, maxBytes = MAX_DOCUMENT_BYTES): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return readForm(request, maxBytes);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes + 64 * 1024) throw new UploadTooLargeError();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError();
    invariantResponse(false, NOT_A_FORM, 400);
  }
}
