// `npm run demo`: migrates the database (DATABASE_URL, default data/portal.db), fills it with the demo
// hospital if it is empty, builds the production app and serves it on PORT (default 3000).
// Running it again keeps the data.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "../server/node-flags.js";

const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });

// A production server needs a session secret; the demo keeps a random one in the git-ignored data folder.
if (!process.env.SESSION_SECRET) {
  const file = "data/session-secret";
  mkdirSync("data", { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

// Without a mail server, the demo writes each e-mail as an .eml file in data/mail (MAIL_DIR overrides):
// for the demo only, since a set-password e-mail holds a working link.
if (!process.env.SMTP_URL && !process.env.MAIL_DELIVERY) process.env.MAIL_DELIVERY = "file";

run("npx", ["prisma", "migrate", "deploy"]);
// Once, on a database from before the audit chain: hash the events it already holds (docs/decisions/008).
run("npx", ["tsx", "scripts/audit-seal.ts"]);
run("npx", ["tsx", "prisma/seed.ts", "--demo"]);
run("npx", ["remix", "vite:build"]);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
