import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { refuse } from "~/domain/refusal";
import { env } from "~/utils/env.server";
import { invariantResponse } from "~/utils/http";
import { looksLikePdf, MAX_DOCUMENT_BYTES, safeFileName } from "~/utils/pdf";
import type { Prisma } from "~/utils/db.server";

/**
 * Uploaded documents live outside the public folder, in DOCUMENTS_DIR (default: a "documents" folder in
 * the database's data folder, env.DATA_DIR), named by their database id only: no name a user typed ever
 * reaches the file system, so there is no path to traverse. Read at each call: tests move it.
 */
export function documentsDir(): string {
  return process.env.DOCUMENTS_DIR ? path.resolve(process.env.DOCUMENTS_DIR) : path.join(env.DATA_DIR, "documents");
}

function fileFor(id: string): string {
  if (!/^[a-z0-9]+$/i.test(id)) throw new Error("Invalid document id");
  return path.join(documentsDir(), `${id}.pdf`);
}

/** Refuses anything but a PDF of at most MAX_DOCUMENT_BYTES, beside the form's "document" field. */
export function checkPdf(file: File | null, bytes: Uint8Array | null): void {
  if (!file || !bytes || bytes.byteLength === 0) refuse("document", "agreements.documentMissing", { status: 400 });
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) refuse("document", "agreements.documentTooLarge", { status: 413 });
  if (!looksLikePdf(bytes)) refuse("document", "agreements.documentNotPdf", { status: 400 });
}

/** Stores a checked PDF: the row inside the caller's transaction, the bytes on disk. */
export async function storeDocument(tx: Prisma.TransactionClient, file: File, bytes: Uint8Array, uploadedById: string) {
  const row = await tx.storedDocument.create({
    data: {
      fileName: safeFileName(file.name),
      contentType: "application/pdf",
      size: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      uploadedById,
    },
  });
  await mkdir(documentsDir(), { recursive: true });
  await writeFile(fileFor(row.id), bytes, { mode: 0o600 });
  return row;
}

export async function readDocument(id: string): Promise<Buffer> {
  return readFile(fileFor(id));
}

/**
 * A stored PDF as a download for the one who may read it: never shown inline, never cached; 404 when its
 * file is missing.
 */
export async function documentDownload(document: { id: string; fileName: string }): Promise<Response> {
  const bytes = await readDocument(document.id).catch(() => null);
  invariantResponse(bytes, "Document file missing", 404);
  const ascii = document.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export async function removeDocumentFile(id: string): Promise<void> {
  await rm(fileFor(id), { force: true });
}
