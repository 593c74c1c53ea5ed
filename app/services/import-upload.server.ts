import { IMPORT_LIMITS } from "~/domain/resident-import";
import { encodeMessage, Refused } from "~/domain/refusal";
import { readImportFile } from "~/models/resident-import.server";
import { isUniversityChoice } from "~/models/university.server";
import { readUploadForm } from "~/utils/upload.server";

/** The upload form's errors, as messages (app/domain/refusal.ts) beside the university and the file. */
export type UploadErrors = { universityId?: string; file?: string };
export type ImportUpload =
  | { ok: true; universityId: string; fileName: string; content: string }
  | { ok: false; errors: UploadErrors; universityId: string; status: 400 | 413 };

/**
 * Text of an uploaded CSV. Excel saves "CSV UTF-8" as UTF-8 but its plain "CSV" in the Windows code
 * page: bytes that are not valid UTF-8 are read as Windows-1252, so "Niccolò" survives either way.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * Reads the upload form of the import page (a university and a CSV file) and checks what can be
 * checked without the rows: the university exists, the file is there, is text, and has the columns.
 */
export async function readImportUpload(request: Request): Promise<ImportUpload> {
  const tooLarge = { field: "file", key: "residentImport.fileErrors.tooLarge", values: { max: IMPORT_LIMITS.bytes / 1024 / 1024 } };
  let form: FormData;
  try {
    form = await readUploadForm(request, tooLarge, IMPORT_LIMITS.bytes);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, universityId: "", errors: { file: encodeMessage(tooLarge) }, status: 413 };
  }
  const universityId = String(form.get("universityId") ?? "").slice(0, 40);
  const file = form.get("file");
  const errors: UploadErrors = {};
  let status: 400 | 413 = 400;
  if (!universityId || !(await isUniversityChoice(universityId))) errors.universityId = "residentImport.universityRequired";
  let content = "";
  if (!(file instanceof File) || file.size === 0) errors.file = "residentImport.fileErrors.required";
  else {
    content = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    try {
      readImportFile(content);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      errors.file = encodeMessage(error.refusals[0]!);
      if (error.status === 413) status = 413;
    }
  }
  if (errors.file || errors.universityId) return { ok: false, universityId, errors, status };
  return { ok: true, universityId, fileName: (file as File).name || "import.csv", content };
}
