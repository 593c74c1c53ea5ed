import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_DOCUMENT_BYTES } from "./pdf";

/** Raised when an upload is larger than allowed; the page says so instead of failing. */
export class UploadTooLargeError extends Error {}

/** A 400 for a body that is not a form; Remix shows the translated "request could not be handled" page. */
function notAForm(): Response {
  return new Response("The request's body is not a form.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The largest form without a file: the longest legitimate one (an agreement with 200 programmes) is a few kilobytes. */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * The posted form. A body that is not one (JSON, a broken multipart body, no type at all), which only
 * a tampered request sends, is answered 400 instead of failing with a 500; one announced larger than
 * `maxBytes` is refused with 413 before it is read (the server refuses bodies with no announced length).
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) {
    throw new Response("The form is too large.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    return await request.formData();
  } catch {
    throw notAForm();
  }
}

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
    throw notAForm();
  }
}
