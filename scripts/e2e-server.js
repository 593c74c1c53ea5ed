// The server of the end-to-end suite: a fresh database with the demo hospital, the production build,
// and the production server with TRUST_PROXY so each test can speak from its own address.
// `--prepare-only` makes the database and the build and stops: `npm test` does that beside the
// typecheck and the linter, then starts the suite with E2E_PREPARED=1 so that they are not made twice.
// With E2E_DATABASE=postgres, the database is one of its own on PG_URL's server (e2e/environment.ts).
// `--pair 1` and `--pair 2` start instead one of two independent servers on ports E2E_PORT + 10 and + 11,
// as if on two machines, sharing a database of their own (a copy of the demo hospital made with the
// suite's), with the scheduled checks on: the journey of e2e/two-servers.spec.ts alternates between them.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "../server/node-flags.js";
import { databaseUrl, recreateDatabase } from "./pg-databases.js";

const port = process.env.E2E_PORT ?? "3100";
const postgres = process.env.E2E_DATABASE === "postgres";
const pgDatabase = `portal_e2e_${port}`;
const pair = process.argv.includes("--pair") ? Number(process.argv[process.argv.indexOf("--pair") + 1]) : null;
// The two servers' (e2e/environment.ts E2E_PAIR_*).
const pairDatabase = { postgres: `${pgDatabase}_pair`, sqlite: `file:./data/e2e-${port}/pair.db` };
// What says the database is made: SQLite's file, or a mark beside the mail that the PostgreSQL one was.
const made = postgres ? `data/e2e-${port}/postgres-made` : `data/e2e-${port}/portal.db`;
const env = {
  ...process.env,
  DATABASE_URL: postgres ? databaseUrl(pgDatabase) : `file:./data/e2e-${port}/portal.db`,
  SESSION_SECRET: "e2e-session-secret-not-for-production-0123456789",
  PORT: port,
  TRUST_PROXY: "1",
  BUILD_DIR: `build/e2e-${port}`,
  // Two server processes, as on a two-core production machine: every journey also proves that the
  // processes agree (a write through one is seen by the other, remembered reads included).
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "2",
  // E-mail: over SMTP to the suite's own mail server (scripts/e2e-smtp.ts, on the port 2000 above),
  // which writes what arrives into data/e2e-<port>/mail; looked for twice a second so that a journey
  // does not wait for it.
  MAIL_DELIVERY: "smtp",
  SMTP_URL: `smtp://127.0.0.1:${Number(port) + 2000}`,
  MAIL_POLL_MS: process.env.MAIL_POLL_MS ?? "500",
  // The suite's own folder for the files that go with the database, whichever database it is: where the
  // administrators' page reads what arrived, and where signed documents are kept.
  MAIL_DIR: `data/e2e-${port}/mail`,
  DOCUMENTS_DIR: `data/e2e-${port}/documents`,
  // The journeys assert what the demo data shows: no scheduled check may add to it under them.
  SCHEDULER: "off",
};
const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });

const built = existsSync(made) && existsSync(`build/e2e-${port}/server/index.js`);
if (pair !== null && !built) {
  console.error("The two servers start after the suite's own server has made the database and the build.");
  process.exit(1);
}
if (pair === null && !(process.env.E2E_PREPARED === "1" && built)) {
  rmSync(`data/e2e-${port}`, { recursive: true, force: true });
  if (postgres) await recreateDatabase(pgDatabase);
  run("npx", ["prisma", "migrate", "deploy"]);
  run("npx", ["tsx", "prisma/seed.ts", "--demo"]);
  run("npx", ["remix", "vite:build"]);
  // The two servers' database: the demo hospital as made, copied before any server opens it.
  if (postgres) await recreateDatabase(pairDatabase.postgres, { template: pgDatabase });
  else {
    // Nothing writes now: the file and any log beside it are the whole database.
    const [from, to] = [`data/e2e-${port}/portal.db`, pairDatabase.sqlite.replace("file:", "")];
    copyFileSync(from, to);
    if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
  }
  if (postgres) {
    mkdirSync(`data/e2e-${port}`, { recursive: true });
    writeFileSync(made, env.DATABASE_URL);
  }
}
const pairEnv = {
  DATABASE_URL: postgres ? databaseUrl(pairDatabase.postgres) : pairDatabase.sqlite,
  PORT: String(Number(port) + 9 + (pair ?? 0)),
  SMTP_URL: `smtp://127.0.0.1:${Number(port) + 2010}`,
  MAIL_DIR: `data/e2e-${port}/pair-mail`,
  WEB_CONCURRENCY: "1",
  // Each runs the scheduled checks and the e-mail sender, as every server does: the database lets one
  // run each occasion and one send each message.
  SCHEDULER: "on",
  // One folder for the documents of both, as servers on two machines share a volume (docs/deployment.md).
  DOCUMENTS_DIR: `data/e2e-${port}/pair-documents`,
};
if (!process.argv.includes("--prepare-only")) {
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.js"], {
    stdio: "inherit",
    env: { ...env, ...(pair ? pairEnv : {}), NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}
