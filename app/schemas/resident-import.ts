import { z } from "~/schemas/z";

/** An e-mail address in a university's list of residents: zod's check, as in every e-mail field of the portal. */
const importEmail = z.email();

/** Whether a cell of the list's e-mail column (trimmed, lower-case) is an e-mail address (app/domain/resident-import.ts). */
export function isImportEmail(text: string): boolean {
  return importEmail.safeParse(text).success;
}
