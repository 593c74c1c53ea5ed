import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

/**
 * Conditional GETs for files anyone may fetch and cache (the open data): a strong ETag that is a hash
 * of the body, Last-Modified, and 304 Not Modified with no body when the client's copy is current.
 * As RFC 9110 says, If-None-Match decides when present; If-Modified-Since counts only without it.
 */

/** A strong entity tag: the body's SHA-256, base64url, quoted. The same body always gets the same tag. */
export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body, "utf8").digest("base64url")}"`;
}

/** Whether an If-None-Match header names this tag ("*" names any; a weak W/ prefix compares equal, as the RFC's weak comparison does). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** HTTP dates have whole seconds. */
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Whether the client's copy (as its request's validators describe it) is still current. */
export function isNotModified(request: Request, validators: { etag: string; lastModified: Date }): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, validators.etag);
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  if (ifModifiedSince === null) return false;
  const since = new Date(ifModifiedSince);
  return !Number.isNaN(since.getTime()) && seconds(validators.lastModified) <= seconds(since);
}

/** The encodings a file is kept in besides its text, in the order this server prefers them. */
const ENCODINGS = ["br", "gzip"] as const;
type Encoding = (typeof ENCODINGS)[number];

/** A file's text with its tag and its compressed copies, made once (off the main thread) for many requests. */
export type PreparedBody = { body: string; etag: string; encoded: Record<Encoding, Buffer> };

export async function prepareBody(body: string): Promise<PreparedBody> {
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) },
    }),
    promisify(gzip)(body, { level: 9 }),
  ]);
  return { body, etag: strongEtag(body), encoded: { br, gzip: gz } };
}

/** The first of `offered` that an Accept-Encoding header accepts (a q of 0 refuses; "*" accepts any), or null. */
export function acceptedEncoding<E extends string>(header: string | null, offered: readonly E[]): E | null {
  if (!header) return null;
  const quality = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    quality.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  return offered.find((encoding) => (quality.get(encoding) ?? quality.get("*") ?? 0) > 0) ?? null;
}

/**
 * The response for a cacheable public file: 200 with the body, or 304 with no body when the client's
 * copy is current. Both carry the validators, caching for five minutes, and access from any origin.
 * Last-Modified is never later than now (an origin must not claim a future change). A prepared body is
 * sent compressed as made once, when the client accepts it (the server's compression then leaves it be).
 */
export function cachedResponse(
  request: Request,
  file: { body: string | PreparedBody; contentType: string; lastModified: Date; fileName?: string; now?: Date },
): Response {
  const prepared = typeof file.body === "string" ? null : file.body;
  const body = prepared ? prepared.body : (file.body as string);
  const etag = prepared ? prepared.etag : strongEtag(body);
  const now = file.now ?? new Date();
  const lastModified = file.lastModified > now ? now : file.lastModified;
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control": "public, max-age=300",
    // Programs on any site may fetch them (a CORS request; the server's Cross-Origin-Resource-Policy
    // only restricts requests made without CORS).
    "Access-Control-Allow-Origin": "*",
  });
  if (prepared) headers.set("Vary", "Accept-Encoding");
  if (isNotModified(request, { etag, lastModified })) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", file.contentType);
  if (file.fileName) headers.set("Content-Disposition", `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`);
  const encoding = prepared ? acceptedEncoding(request.headers.get("Accept-Encoding"), ENCODINGS) : null;
  if (!prepared || !encoding) return new Response(body, { status: 200, headers });
  headers.set("Content-Encoding", encoding);
  const bytes = prepared.encoded[encoding];
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), { status: 200, headers });
}
