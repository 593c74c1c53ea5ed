import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { encodeMessage, Refused } from "~/domain/refusal";
import { invariantResponse } from "./http";

type Submission = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
};

/**
 * The reply to a refused write, the same for every action: each refusal with a field sits beside that
 * field, the others are the form's own errors (the record changed since it was loaded, a broken rule).
 * An action without a form (a delete button) gets them all as `problems`. A record that is not the
 * user's is the 404 page. Anything other than a refusal, a redirect included, is rethrown.
 */
export function refusalReply<Extra extends object = object>(error: unknown, submission?: Submission | null, extra?: Extra) {
  if (!(error instanceof Refused) || error.status === 404 || error.status === 410) refusalPage(error);
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  const problems: string[] = [];
  for (const refusal of error.refusals) {
    const message = encodeMessage(refusal);
    if (!submission) problems.push(message);
    else if (refusal.field) (fieldErrors[refusal.field] ??= []).push(message);
    else formErrors.push(message);
  }
  const result = submission ? submission.reply({ fieldErrors, formErrors }) : null;
  return data({ ...(extra as Extra), result, problems }, { status: error.status });
}

/**
 * For a read or a write with no form of its own (`.catch(refusalPage)`): a refusal that is a page of its
 * own becomes that page (404, a record that is not the user's; 410, a one-time link already spent).
 * Anything else is rethrown.
 */
export function refusalPage(error: unknown): never {
  if (error instanceof Refused && (error.status === 404 || error.status === 410)) invariantResponse(false, error.message, error.status);
  throw error;
}
