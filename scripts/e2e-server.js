// The server of the end-to-end suite: a fresh database with the demo hospital, the production build,
// and the production server with TRUST_PROXY so each test can speak from its own address.
// `--prepare-only` makes the database and the build and stops: `npm test` does that beside the
// typecheck and the linter, then starts the suite with E2E_PREPARED=1 so that they are not made twice.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "../server/node-flags.js";

const port = process.env.E2E_PORT ?? "3100";
const env = {
  ...process.env,
  DATABASE_URL: `file:./data/e2e-${port}/portal.db`,
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
  // The journeys assert what the demo data shows: no scheduled check may add to it under them.
  SCHEDULER: "off",
};
const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });

const prepared =
  process.env.E2E_PREPARED === "1" && existsSync(`data/e2e-${port}/portal.db`) && existsSync(`build/e2e-${port}/server/index.js`);
if (!prepared) {
  rmSync(`data/e2e-${port}`, { recursive: true, force: true });
  run("npx", ["prisma", "migrate", "deploy"]);
  run("npx", ["tsx", "prisma/seed.ts", "--demo"]);
  run("npx", ["remix", "vite:build"]);
}
if (!process.argv.includes("--prepare-only")) {
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.js"], {
    stdio: "inherit",
    env: { ...env, NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}
