import { randomUUID } from "node:crypto";
import { diffRecords } from "~/domain/audit";
import { refuse } from "~/domain/refusal";
import {
  checkRows,
  IMPORT_LIMITS,
  CHANGED_SINCE,
  readHeader,
  residentKey,
  summarize,
  type ExistingResident,
  type ImportColumn,
  type ImportLookups,
  type ImportRow,
  type ImportSummary,
} from "~/domain/resident-import";
import { isImportEmail } from "~/schemas/resident-import";
import { parseCsv, type CsvRow } from "~/utils/csv";
import { prisma, type Prisma } from "~/utils/db.server";
import { appendAuditEvents, type AuditAppend } from "./audit.server";
import { insertRows, updateRows } from "./bulk.server";

type Db = Prisma.TransactionClient | typeof prisma;

/** Refuses a file that cannot be read as the university's list at all, beside the form's file field. */
function refuseFile(
  code: "empty" | "tooLarge" | "tooManyRows" | "notText" | "missingColumns" | "duplicatedColumns",
  values?: Record<string, string | number>,
): never {
  refuse("file", `residentImport.fileErrors.${code}`, { values, status: code === "tooLarge" ? 413 : 400 });
}

export type ImportProgress = { stage: "checking" | "writing"; done: number; total: number };
type OnProgress = (progress: ImportProgress) => void | Promise<void>;

/** The header and the data rows of a file, or the reason it cannot be read. */
export function readImportFile(content: string) {
  if (content.includes("\u0000")) refuseFile("notText");
  const rows = parseCsv(content);
  const [head, ...data] = rows;
  if (!head || data.length === 0) refuseFile("empty");
  if (data.length > IMPORT_LIMITS.rows) refuseFile("tooManyRows", { max: IMPORT_LIMITS.rows, count: data.length });
  const header = readHeader(head.cells);
  if (header.missing.length) refuseFile("missingColumns", { columns: header.missing.join(", ") });
  if (header.duplicated.length) refuseFile("duplicatedColumns", { columns: header.duplicated.join(", ") });
  return { header, rows: data };
}

const residentSelect = {
  id: true,
  userId: true,
  programmeId: true,
  yearOfTraining: true,
  studentNumber: true,
  stayStart: true,
  stayEnd: true,
  tutorId: true,
  insurancePolicy: true,
  insuranceExpiry: true,
  contractStart: true,
  user: { select: { name: true, email: true } },
} satisfies Prisma.ResidentSelect;

/** What the rows are checked against, in a fixed handful of queries whatever the file's size. */
async function lookupsFor(
  db: Db,
  universityId: string,
  rows: CsvRow[],
  columns: Partial<Record<ImportColumn, number>>,
): Promise<ImportLookups> {
  const cellsOf = (column: ImportColumn) => {
    const index = columns[column];
    return index === undefined ? [] : [...new Set(rows.map((r) => (r.cells[index] ?? "").trim()).filter(Boolean))];
  };
  const emails = cellsOf("email").map((e) => e.toLowerCase());
  const [programmes, tutors] = await Promise.all([
    db.programme.findMany({ where: { universityId, archivedAt: null }, select: { id: true, specialtyCode: true, durationYears: true } }),
    db.user.findMany({ where: { active: true, roles: { some: { role: "tutor" } } }, select: { id: true, email: true } }),
  ]);
  // The university's residents (its student numbers), and everyone the file names by e-mail, in
  // chunks that stay under SQLite's limit of bound parameters.
  const chunks = Array.from({ length: Math.ceil(emails.length / 500) }, (_, i) => emails.slice(i * 500, i * 500 + 500));
  const { user: _user, ...recordSelect } = residentSelect;
  const [ofUniversity, people] = await Promise.all([
    db.resident.findMany({ where: { programme: { universityId } }, select: residentSelect }),
    Promise.all(
      chunks.map((chunk) =>
        db.user.findMany({
          where: { email: { in: chunk } },
          select: { id: true, name: true, email: true, roles: { select: { role: true } }, resident: { select: recordSelect } },
        }),
      ),
    ).then((found) => found.flat()),
  ]);
  const known: ExistingResident[] = [
    ...ofUniversity.map(({ user, ...r }) => ({ ...r, name: user.name, email: user.email })),
    ...people.flatMap((p) => (p.resident ? [{ ...p.resident, name: p.name, email: p.email }] : [])),
  ];
  const others = people.filter((p) => !p.resident);
  return {
    programmes,
    tutorsByEmail: new Map(tutors.map((t) => [t.email, t.id])),
    residentsByKey: new Map(known.map((r) => [residentKey(r.programmeId, r.studentNumber), r])),
    residentsByEmail: new Map(known.map((r) => [r.email, r])),
    othersByEmail: new Map(
      others.map((p) => [p.email, { id: p.id, name: p.name, isResident: p.roles.some((r) => r.role === "resident") }]),
    ),
  };
}

const CHUNK = 500;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every row of a stored file checked against the database as it is now. */
async function checkImport(db: Db, universityId: string, content: string, onProgress?: OnProgress) {
  const { header, rows } = readImportFile(content);
  const lookups = await lookupsFor(db, universityId, rows, header.columns);
  // Checked in one pass (duplicates within the file need it) but reported in steps for the progress bar.
  const checked: ImportRow[] = checkRows(rows, header.columns, lookups, isImportEmail);
  if (onProgress) {
    for (let done = Math.min(CHUNK, rows.length); ; done = Math.min(done + CHUNK, rows.length)) {
      await onProgress({ stage: "checking", done, total: rows.length });
      await breathe();
      if (done === rows.length) break;
    }
  }
  return { header, rows: checked, lookups };
}

/** Stores an uploaded list once it can be read (right columns, not empty); its rows are checked on the preview. */
export async function createImport(
  input: { universityId: string; fileName: string; content: string },
  actorId: string,
  onProgress?: OnProgress,
) {
  if (Buffer.byteLength(input.content) > IMPORT_LIMITS.bytes) refuseFile("tooLarge", { max: IMPORT_LIMITS.bytes / 1024 / 1024 });
  const { rows } = await checkImport(prisma, input.universityId, input.content, onProgress);
  return prisma.residentImport.create({
    data: {
      universityId: input.universityId,
      fileName: input.fileName.slice(0, 200),
      content: input.content,
      rowCount: rows.length,
      createdById: actorId,
    },
    select: { id: true },
  });
}

export async function getImport(id: string) {
  return prisma.residentImport.findUnique({
    where: { id },
    select: {
      id: true,
      fileName: true,
      rowCount: true,
      createdAt: true,
      appliedAt: true,
      summary: true,
      content: true,
      universityId: true,
      university: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
}

/** The preview: every row with its problems and what it would do, as of now. */
export async function previewImport(id: string) {
  const stored = await getImport(id);
  if (!stored) return null;
  const { content, ...meta } = stored;
  const { header, rows } = await checkImport(prisma, stored.universityId, content);
  const applied = stored.summary ? (JSON.parse(stored.summary) as ImportSummary) : null;
  return { import: meta, ignoredColumns: header.ignored, rows, summary: summarize(rows), applied };
}

export async function recentImports(take = 10) {
  return prisma.residentImport.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      fileName: true,
      rowCount: true,
      createdAt: true,
      appliedAt: true,
      university: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
}

function recordOf(row: ImportRow) {
  const v = row.values;
  return {
    programmeId: v.programmeId!,
    yearOfTraining: v.yearOfTraining!,
    studentNumber: v.studentNumber,
    stayStart: v.stayStart!,
    stayEnd: v.stayEnd!,
    tutorId: v.tutorId,
    insurancePolicy: v.insurancePolicy,
    insuranceExpiry: v.insuranceExpiry,
    contractStart: v.contractStart,
  };
}

const RECORD_COLUMNS = [
  "programmeId",
  "yearOfTraining",
  "studentNumber",
  "stayStart",
  "stayEnd",
  "tutorId",
  "insurancePolicy",
  "insuranceExpiry",
  "contractStart",
] as const;
const recordValues = (row: ImportRow) => {
  const record = recordOf(row);
  return RECORD_COLUMNS.map((column) => record[column]);
};

/**
 * Applies a previewed list: every row is checked again against the database as it is at this moment,
 * and then all rows are written in one transaction, or none when any row has a problem. New people get
 * the resident role and no password (an administrator hands them a one-time link from their page).
 */
export async function applyImport(id: string, actorId: string, onProgress?: OnProgress): Promise<ImportSummary> {
  return prisma.$transaction(
    async (tx) => {
      const stored = await tx.residentImport.findUnique({ where: { id }, select: { universityId: true, content: true, appliedAt: true } });
      if (!stored) refuse(null, CHANGED_SINCE);
      if (stored.appliedAt) refuse(null, "residentImport.alreadyApplied");
      const { rows, lookups } = await checkImport(tx, stored.universityId, stored.content, onProgress);
      const summary = summarize(rows);
      if (summary.invalid > 0) refuse(null, CHANGED_SINCE);

      const byId = new Map([...lookups.residentsByKey.values(), ...lookups.residentsByEmail.values()].map((r) => [r.id, r]));
      const now = new Date();
      const writes = rows.filter((r) => r.action !== "unchanged");
      let done = 0;
      const progress = async (count: number) => {
        done += count;
        await onProgress?.({ stage: "writing", done, total: writes.length });
      };
      const audit: AuditAppend[] = [];
      const record = (residentId: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
        audit.push({
          at: now,
          actorId,
          action: "import",
          entityType: "resident",
          entityId: residentId,
          changes: JSON.stringify(diffRecords(before, after)),
        });

      // New people with the resident role and their record; people already known who get a record
      // (and the role, if they lack it); then known residents whose details changed.
      for (let i = 0; i < writes.length; i += CHUNK) {
        const chunk = writes.slice(i, i + CHUNK);
        const creates = chunk.filter((r) => r.action === "create").map((row) => ({ row, userId: randomUUID(), residentId: randomUUID() }));
        const attaches = chunk.filter((r) => r.action === "attach").map((row) => ({ row, userId: row.userId!, residentId: randomUUID() }));
        const updates = chunk.filter((r) => r.action === "update");
        await insertRows(
          tx,
          "User",
          ["id", "name", "email", "createdById", "createdAt", "updatedAt"],
          creates.map(({ row, userId }) => [userId, row.values.name, row.values.email, actorId, now, now]),
        );
        const newRoles = [...creates, ...attaches.filter(({ row }) => !lookups.othersByEmail.get(row.values.email)?.isResident)];
        await insertRows(
          tx,
          "UserRole",
          ["userId", "role"],
          newRoles.map(({ userId }) => [userId, "resident"]),
        );
        const added = [...creates, ...attaches];
        await insertRows(
          tx,
          "Resident",
          ["id", "userId", ...RECORD_COLUMNS, "createdAt", "updatedAt"],
          added.map(({ row, userId, residentId }) => [residentId, userId, ...recordValues(row), now, now]),
        );
        for (const { row, residentId } of creates)
          record(residentId, null, { name: row.values.name, email: row.values.email, ...recordOf(row) });
        for (const { row, residentId } of attaches) record(residentId, null, recordOf(row));

        const people = updates.filter((row) => row.changed.includes("name") || row.changed.includes("email"));
        await updateRows(
          tx,
          "User",
          "id",
          ["name", "email", "updatedAt"],
          people.map((row) => [row.userId!, row.values.name, row.values.email, now]),
        );
        await updateRows(
          tx,
          "Resident",
          "id",
          [...RECORD_COLUMNS, "updatedAt"],
          updates.map((row) => [row.residentId!, ...recordValues(row), now]),
        );
        for (const row of updates) {
          const existing = byId.get(row.residentId!)!;
          const pick = (source: Record<string, unknown>) => Object.fromEntries(row.changed.map((field) => [field, source[field]]));
          record(existing.id, pick(existing), pick({ ...row.values }));
        }
        await progress(chunk.length);
      }
      // Hashed onto the audit chain in memory, inserted a few hundred rows a statement, the head moved once.
      await appendAuditEvents(tx, audit);

      await tx.residentImport.update({ where: { id }, data: { appliedAt: new Date(), summary: JSON.stringify(summary) } });
      return summary;
    },
    { timeout: 120_000 },
  );
}

/** Whether an import exists and when it was applied (null while it waits), without reading its file. */
export async function importState(id: string) {
  return prisma.residentImport.findUnique({ where: { id }, select: { appliedAt: true } });
}
