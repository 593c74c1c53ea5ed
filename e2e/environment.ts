/** Where the end-to-end server listens and which database it (and the test code) uses. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** One database per port, so two suites on one machine (E2E_PORT) never share one. */
export const E2E_DATABASE_URL = `file:./data/e2e-${E2E_PORT}/portal.db`;
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production-0123456789";

/** The production build the suite's server runs (scripts/e2e-server.js builds it there). */
export const E2E_BUILD_DIR = `build/e2e-${E2E_PORT}`;

/** The suite's mail server (scripts/e2e-smtp.ts), which writes what arrives into E2E_MAIL_DIR. */
export const E2E_SMTP_PORT = E2E_PORT + 2000;
export const E2E_MAIL_DIR = `data/e2e-${E2E_PORT}/mail`;
