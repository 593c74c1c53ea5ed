/**
 * Where to send a person after sign-in. Only same-site absolute paths are honoured: anything that
 * could leave the site ("//evil.example", "https://…", "/\\evil", control characters) falls back.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers treat backslashes as slashes and ignore tabs and newlines inside URLs.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  // The same characters percent-encoded: no page of ours has them, and a decoding proxy could act on them.
  if (/%(?:[01][0-9a-f]|7f|5c)/i.test(to)) return fallback;
  try {
    const url = new URL(to, "http://portal.invalid");
    if (url.origin !== "http://portal.invalid") return fallback;
    const path = url.pathname + url.search + url.hash;
    // Dot segments can collapse "/..//evil.example" into "//evil.example", which browsers read as a host.
    if (path.startsWith("//")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/** The sign-in URL that brings the person back to where they were. */
export function loginPathFor(url: URL): string {
  const back = url.pathname + url.search;
  if (back === "/" || back.startsWith("/login")) return "/login";
  return `/login?${new URLSearchParams({ redirectTo: back })}`;
}
