import { createHash } from "node:crypto";

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

/**
 * The response for a cacheable public file: 200 with the body, or 304 with no body when the client's
 * copy is current. Both carry the validators, caching for five minutes, and access from any origin.
 * Last-Modified is never later than now (an origin must not claim a future change).
 */
export function cachedResponse(
  request: Request,
  file: { body: string; contentType: string; lastModified: Date; fileName?: string; now?: Date },
): Response {
  const etag = strongEtag(file.body);
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
  if (isNotModified(request, { etag, lastModified })) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", file.contentType);
  if (file.fileName) headers.set("Content-Disposition", `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`);
  return new Response(file.body, { status: 200, headers });
}
