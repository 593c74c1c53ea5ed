import { existsSync } from "node:fs";

/** Where the end-to-end server listens and which database it (and the test code) uses. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** One database per port, so two suites on one machine (E2E_PORT) never share one. */
export const E2E_DATABASE_URL = `file:./data/e2e-${E2E_PORT}/portal.db`;
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production-0123456789";

/** Debian's Chromium (Playwright cannot download its own here); undefined lets Playwright use its own. */
export function chromiumExecutable(): string | undefined {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (path): path is string => Boolean(path && existsSync(path)),
  );
}

/** The production build the suite's server runs (scripts/e2e-server.js builds it there). */
export const E2E_BUILD_DIR = `build/e2e-${E2E_PORT}`;
