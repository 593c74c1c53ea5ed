/** Signed documents: PDF only, recognised by their content ("%PDF-" header), never by their name. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function looksLikePdf(bytes: Uint8Array): boolean {
  const header = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  // The specification allows the header within the first 1024 bytes.
  const limit = Math.min(bytes.length - header.length, 1024);
  for (let start = 0; start <= limit; start++) {
    if (header.every((byte, i) => bytes[start + i] === byte)) return true;
  }
  return false;
}

/** A file name safe for a Content-Disposition header, keeping accented letters readable. */
export function safeFileName(name: string, fallback = "document.pdf"): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N} ._()-]/gu, "_")
      .trim() ?? "";
  if (!base) return fallback;
  return base.toLowerCase().endsWith(".pdf") ? base.slice(0, 150) : `${base.slice(0, 146)}.pdf`;
}
