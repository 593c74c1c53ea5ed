import { databaseUrl } from "../scripts/pg-databases.js";

/** Where the end-to-end server listens and which database it (and the test code) uses. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/**
 * One database per port, so two suites on one machine (E2E_PORT) never share one: a SQLite file, or with
 * E2E_DATABASE=postgres (`npm run test:pg`) a database of its own on PG_URL's server.
 */
export const E2E_POSTGRES = process.env.E2E_DATABASE === "postgres";
export const E2E_PG_DATABASE = `portal_e2e_${E2E_PORT}`;
export const E2E_DATABASE_URL = E2E_POSTGRES ? databaseUrl(E2E_PG_DATABASE) : `file:./data/e2e-${E2E_PORT}/portal.db`;
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production-0123456789";

/** The production build the suite's server runs (scripts/e2e-server.js builds it there). */
export const E2E_BUILD_DIR = `build/e2e-${E2E_PORT}`;

/** The suite's mail server (scripts/e2e-smtp.ts), which writes what arrives into E2E_MAIL_DIR. */
export const E2E_SMTP_PORT = E2E_PORT + 2000;
export const E2E_MAIL_DIR = `data/e2e-${E2E_PORT}/mail`;
/** Where the server keeps signed documents (scripts/e2e-server.js's DOCUMENTS_DIR). */
export const E2E_DOCUMENTS_DIR = `data/e2e-${E2E_PORT}/documents`;

/**
 * The two independent servers of e2e/two-servers.spec.ts (scripts/e2e-server.js --pair 1 and 2), as if on
 * two machines: their ports, their shared database (a copy of the demo hospital) and their mail server's folder.
 */
export const E2E_PAIR_PORTS = [E2E_PORT + 10, E2E_PORT + 11] as const;
export const E2E_PAIR_DATABASE_URL = E2E_POSTGRES ? databaseUrl(`${E2E_PG_DATABASE}_pair`) : `file:./data/e2e-${E2E_PORT}/pair.db`;
export const E2E_PAIR_SMTP_PORT = E2E_SMTP_PORT + 10;
export const E2E_PAIR_MAIL_DIR = `data/e2e-${E2E_PORT}/pair-mail`;
