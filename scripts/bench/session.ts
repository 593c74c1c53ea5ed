// Signing in as a person does: read the sign-in form, post its fields back from the page's own origin
// (the server refuses writes without a matching Origin), and keep the session cookie it sets.

/** What a browser sends with every request. Accept-Encoding matters most: compressing each page is
 * part of what the server does for real visitors. */
export const BROWSER_HEADERS: Record<string, string> = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 portal-bench",
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "Accept-Language": "it-IT,it;q=0.9,en;q=0.8",
  "Accept-Encoding": "gzip, deflate, br",
};

export type SignedIn = { email: string; cookie: string; home: string };

/** The name="…" value="…" pairs of the inputs of the page's form with a password field (the header's
 * language switch is a form too, so "the first form" would not do). */
export function formFields(html: string): Map<string, string> {
  const forms = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)].map((match) => match[1]!);
  const form = forms.find((body) => /<input\b[^>]*type="password"/i.test(body));
  if (!form) throw new Error("The sign-in page has no form with a password field");
  const fields = new Map<string, string>();
  for (const [input] of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (name) fields.set(name, decodeEntities(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? ""));
  }
  return fields;
}

/** An attribute's or a text's characters, from the entities React's server rendering writes. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

/** The name=value pairs of Set-Cookie headers, merged over those already held (a jar of one site). */
export function mergeCookies(held: string, setCookies: string[]): string {
  const jar = new Map(held ? held.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const) : []);
  for (const header of setCookies) {
    const pair = header.split(";")[0]!.trim();
    const name = pair.slice(0, pair.indexOf("="));
    if (pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}

export async function signIn(base: string, email: string, password: string): Promise<SignedIn> {
  const page = await fetch(`${base}/login`, { headers: BROWSER_HEADERS, redirect: "manual" });
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`);
  let cookie = mergeCookies("", page.headers.getSetCookie());
  const fields = formFields(await page.text());
  for (const name of ["email", "password"]) {
    if (!fields.has(name)) throw new Error(`The sign-in form has no "${name}" field (fields: ${[...fields.keys()].join(", ")})`);
  }
  fields.set("email", email);
  fields.set("password", password);
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...BROWSER_HEADERS,
      Origin: base,
      Referer: `${base}/login`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams([...fields]),
  });
  const home = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || !home) {
    throw new Error(`Signing in as ${email} answered ${response.status} instead of a redirect: wrong password, or not a demo database?`);
  }
  cookie = mergeCookies(cookie, response.headers.getSetCookie());
  if (!cookie.includes("portal_session=")) throw new Error(`Signing in as ${email} set no session cookie`);
  // The page the redirect leads to must open with that cookie, or every measurement would be of redirects.
  const landing = await fetch(new URL(home, base), { headers: { ...BROWSER_HEADERS, Cookie: cookie }, redirect: "manual" });
  await landing.arrayBuffer();
  if (landing.status !== 200) throw new Error(`After signing in as ${email}, ${home} answered ${landing.status}`);
  return { email, cookie, home };
}
