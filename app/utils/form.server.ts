import { invariantResponse } from "./http";

/** The largest form without a file: the longest legitimate one (an agreement with 200 programmes) is a few kilobytes. */
export const MAX_FORM_BYTES = 1024 * 1024;

/** Why a body that is not a form is refused; Remix shows the translated "request could not be handled" page. */
export const NOT_A_FORM = "The request's body is not a form.";

/**
 * The posted form. A body that is not one (JSON, a broken multipart body, no type at all), which only
 * a tampered request sends, is answered 400 instead of failing with a 500; one announced larger than
 * `maxBytes` is refused with 413 before it is read (the server refuses bodies with no announced length).
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  invariantResponse(Number(request.headers.get("Content-Length") ?? 0) <= maxBytes, "The form is too large.", 413);
  try {
    return await request.formData();
  } catch {
    invariantResponse(false, NOT_A_FORM, 400);
  }
}
