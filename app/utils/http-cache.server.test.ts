import { describe, expect, it } from "vitest";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { acceptedEncoding, cachedResponse, etagMatches, isNotModified, prepareBody, strongEtag } from "./http-cache.server";

const URL_ = "http://localhost/open/programmes.json";
const CHANGED = new Date("2026-03-01T10:00:00.400Z");
const file = {
  body: '{"data":[]}\n',
  contentType: "application/json; charset=utf-8",
  lastModified: CHANGED,
  now: new Date("2026-03-02T00:00:00Z"),
};
const get = (headers: Record<string, string> = {}, method = "GET") => new Request(URL_, { method, headers });

describe("strong entity tags", () => {
  it("are a quoted hash of the body: equal bodies, equal tags", () => {
    const tag = strongEtag("abc");
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag("abc")).toBe(tag);
    expect(strongEtag("abd")).not.toBe(tag);
    expect(strongEtag("è")).not.toBe(strongEtag("e"));
  });

  it("match If-None-Match lists, *, and weak forms of the same tag", () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('"x", "a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches("*", '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
  });
});

describe("conditional requests", () => {
  const validators = { etag: '"a"', lastModified: CHANGED };

  it("are not modified when If-None-Match names the tag, whatever If-Modified-Since says", () => {
    expect(isNotModified(get({ "If-None-Match": '"a"' }), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": '"b"', "If-Modified-Since": "Wed, 01 Jan 2031 00:00:00 GMT" }), validators)).toBe(false);
    expect(isNotModified(get({ "If-None-Match": '"a"' }, "HEAD"), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": '"a"' }, "POST"), validators)).toBe(false);
  });

  it("use If-Modified-Since only without If-None-Match, to the second", () => {
    expect(isNotModified(get({ "If-Modified-Since": CHANGED.toUTCString() }), validators)).toBe(true);
    expect(isNotModified(get({ "If-Modified-Since": "Mon, 02 Mar 2026 00:00:00 GMT" }), validators)).toBe(true);
    expect(isNotModified(get({ "If-Modified-Since": "Sun, 01 Mar 2026 09:59:59 GMT" }), validators)).toBe(false);
    expect(isNotModified(get({ "If-Modified-Since": "not a date" }), validators)).toBe(false);
    expect(isNotModified(get(), validators)).toBe(false);
  });
});

describe("cached responses", () => {
  it("answer 200 with the body and every caching header", async () => {
    const response = cachedResponse(get(), { ...file, fileName: "programmes.json" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(file.body);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      etag: strongEtag(file.body),
      "last-modified": "Sun, 01 Mar 2026 10:00:00 GMT",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
      "content-disposition": 'attachment; filename="programmes.json"',
    });
  });

  it("answer 304 with no body when the client's copy is current", async () => {
    const first = cachedResponse(get(), file);
    const again = cachedResponse(get({ "If-None-Match": first.headers.get("ETag")! }), file);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(again.headers.get("Content-Type")).toBeNull();
    const byDate = cachedResponse(get({ "If-Modified-Since": first.headers.get("Last-Modified")! }), file);
    expect(byDate.status).toBe(304);
    // A changed body is a new tag: the old one no longer matches.
    expect(cachedResponse(get({ "If-None-Match": first.headers.get("ETag")! }), { ...file, body: "{}\n" }).status).toBe(200);
  });

  it("never claim a change later than now", () => {
    const response = cachedResponse(get(), { ...file, lastModified: new Date("2030-01-01T00:00:00Z") });
    expect(response.headers.get("Last-Modified")).toBe(file.now.toUTCString());
  });
});

describe("files compressed once", () => {
  it("take the encoding the client accepts, in the server's order, and none that it refuses", () => {
    const offered = ["br", "gzip"] as const;
    expect(acceptedEncoding("gzip, deflate, br", offered)).toBe("br");
    expect(acceptedEncoding("gzip", offered)).toBe("gzip");
    expect(acceptedEncoding("br;q=0, gzip;q=0.5", offered)).toBe("gzip");
    expect(acceptedEncoding("*", offered)).toBe("br");
    expect(acceptedEncoding("*;q=0, identity", offered)).toBeNull();
    expect(acceptedEncoding("deflate", offered)).toBeNull();
    expect(acceptedEncoding(null, offered)).toBeNull();
  });

  it("send the prepared copy the client accepts, with the same tag as the text, and the text otherwise", async () => {
    const body = await prepareBody(file.body.repeat(50));
    expect(body.etag).toBe(strongEtag(body.body));
    const br = cachedResponse(get({ "Accept-Encoding": "gzip, deflate, br" }), { ...file, body });
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(br.headers.get("Vary")).toBe("Accept-Encoding");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString("utf8")).toBe(body.body);
    const gz = cachedResponse(get({ "Accept-Encoding": "gzip" }), { ...file, body });
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(body.body);
    const plain = cachedResponse(get(), { ...file, body });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.text()).toBe(body.body);
    const again = cachedResponse(get({ "If-None-Match": br.headers.get("ETag")!, "Accept-Encoding": "br" }), { ...file, body });
    expect(again.status).toBe(304);
  });
});
