// Security headers and the cross-origin check, as plain functions the Express server applies and the
// unit tests call directly.

/**
 * Headers for every response. Production gets a nonce-based Content-Security-Policy (no inline script
 * runs without this response's nonce) and HSTS; development relaxes the policy for Vite's hot reload.
 */
export function securityHeaders({ nonce, production }) {
  const scriptSrc = production ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline' 'unsafe-eval'`;
  const connectSrc = production ? "'self'" : "'self' ws: wss:";
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers = {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one write that carries its own authorisation in its address: an e-mail's one-click unsubscribe
 * link (RFC 8058), signed by the server for one person and one category. Mail providers post it from
 * their own servers, with no cookie and another Origin or none; the signature is what permits it, and it
 * can do nothing but turn that category's e-mails off (app/routes/unsubscribe.$unsubscribeToken.tsx).
 */
const SIGNED_WRITE = /^\/unsubscribe\/[^/]+$/;

/** Whether a request is such a signed write: its Origin, whatever it is, neither permits nor forbids it. */
export function isSignedWrite({ method, path = "" }) {
  return !SAFE_METHODS.has(method.toUpperCase()) && SIGNED_WRITE.test(path);
}

/**
 * True when a request that changes data did not come from one of our own pages: its Origin header is
 * missing or names another site (the check the Lucia guide recommends against CSRF). `expectedHost`
 * is the public host (APP_ORIGIN's, or the request's Host header); `path` the request's path, without
 * its query (a signed unsubscribe link is let through whatever its origin).
 */
export function isCrossOriginWrite({ method, origin, expectedHost, path = "" }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (isSignedWrite({ method, path })) return false;
  if (!origin || !expectedHost) return true;
  try {
    return new URL(origin).host !== expectedHost;
  } catch {
    return true;
  }
}

/**
 * Paths with secrets or personal data in them are logged without: tokens, where a person was going,
 * and what was typed in a search box (often a person's name).
 */
export function redactPath(path) {
  return path
    .replace(/^\/set-password\/[^/?#]+/, "/set-password/[token]")
    .replace(/^\/calendar\/[^/?#]+/, "/calendar/[token]")
    .replace(/^\/unsubscribe\/[^/?#]+/, "/unsubscribe/[token]")
    .replace(/([?&](?:token|redirectTo|q)=)[^&#]*/g, "$1[redacted]");
}

/**
 * A request whose body has no announced length (sent in chunks) is refused with 411 before anything
 * reads it: the app checks every body's Content-Length against its limit before reading it
 * (app/utils/form.server.ts, upload.server.ts), and a body without one could otherwise be as large as
 * the sender likes. Browsers announce the length of every form and upload they send.
 */
export function lengthRequired({ transferEncoding, contentLength }) {
  return Boolean(transferEncoding) && !contentLength;
}
