// The university's list imported end to end over HTTP, as the import page does it in a browser with
// JavaScript: upload the file (the answer streams the check's progress, then the preview's address),
// open the preview, confirm (the answer streams the rows written, then the import's page), open it.
// Timed from the upload to the last page; the CSV is made beforehand, as the person has it already.
import { templateHeader } from "~/domain/resident-import";
import { toCsv } from "~/utils/csv";
import { BROWSER_HEADERS } from "./session";

export type ImportTiming = {
  rows: number;
  seconds: number;
  steps: Record<"upload" | "preview" | "apply" | "done", number>;
  created: number;
};

export type ImportInput = { rows: number; universityId: string; specialtyCode: string; tutorEmail: string; emailDomain: string };

/** A list in the template's columns (Italian, as the hospital's administrators download it). */
export function importCsv({ rows, specialtyCode, tutorEmail, emailDomain }: ImportInput, today: Date): string {
  const day = (date: Date) =>
    `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${date.getUTCFullYear()}`;
  const start = day(today);
  const end = day(new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate() - 1)));
  const list = Array.from({ length: rows }, (_, i) => [
    `BENCH${i}`,
    `Cognome${i}`,
    "Nome",
    `r${i}@${emailDomain}`,
    specialtyCode,
    1,
    start,
    end,
    tutorEmail,
    "",
    "",
  ]);
  return toCsv(templateHeader("it"), list, "it");
}

/** The last line of a progress stream that is not a progress report: the work's outcome. */
export function streamOutcome(text: string): Record<string, unknown> {
  const events = text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const outcome = events.filter((event) => event.stage !== "checking" && event.stage !== "writing").at(-1);
  if (!outcome) throw new Error(`The progress stream ended without an outcome: ${text.slice(0, 200)}`);
  return outcome;
}

export async function timeImport(
  base: string,
  cookie: string,
  input: ImportInput,
  countCreated: () => Promise<number>,
  today: Date,
): Promise<ImportTiming> {
  const csv = importCsv(input, today);
  const headers = { ...BROWSER_HEADERS, Cookie: cookie, Origin: base };
  const post = async (path: string, form: FormData) => {
    const response = await fetch(base + path, {
      method: "POST",
      headers: { ...headers, Accept: "application/x-ndjson" },
      body: form,
      redirect: "manual",
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    const outcome = streamOutcome(text);
    if (typeof outcome.location !== "string") throw new Error(`POST ${path} ended with ${JSON.stringify(outcome)}`);
    return outcome.location;
  };
  const open = async (path: string) => {
    const response = await fetch(base + path, { headers, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  };

  const marks = [performance.now()];
  const mark = () => {
    marks.push(performance.now());
    return (marks.at(-1)! - marks.at(-2)!) / 1000;
  };
  const upload = new FormData();
  upload.append("universityId", input.universityId);
  upload.append("file", new Blob([csv], { type: "text/csv" }), `bench-${input.rows}.csv`);
  const preview = await post("/admin/residents/import/upload", upload);
  const uploadSeconds = mark();
  await open(preview);
  const previewSeconds = mark();
  const confirm = new FormData();
  confirm.append("intent", "apply");
  const id = /\/admin\/residents\/import\/([^/?]+)/.exec(preview)?.[1];
  if (!id) throw new Error(`The upload led to ${preview}, not to an import's preview`);
  const done = await post(`/admin/residents/import/${id}/apply`, confirm);
  // The apply route sends "?changed=1" back when rows had problems and nothing was written.
  if (done.includes("changed=1")) throw new Error(`The import was refused: its rows have problems (see ${base}${preview}?show=problems)`);
  const applySeconds = mark();
  await open(done);
  const doneSeconds = mark();

  const created = await countCreated();
  if (created !== input.rows) throw new Error(`The import reported success but created ${created} residents instead of ${input.rows}`);
  return {
    rows: input.rows,
    seconds: (marks.at(-1)! - marks[0]!) / 1000,
    steps: { upload: uploadSeconds, preview: previewSeconds, apply: applySeconds, done: doneSeconds },
    created,
  };
}
