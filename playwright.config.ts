import { defineConfig, devices } from "@playwright/test";
import { chromiumExecutable } from "./e2e/browser.js";
import {
  E2E_DATABASE_URL,
  E2E_DOCUMENTS_DIR,
  E2E_MAIL_DIR,
  E2E_PAIR_PORTS,
  E2E_PAIR_SMTP_PORT,
  E2E_PORT,
  E2E_SMTP_PORT,
} from "./e2e/environment";

// The journeys run against the production build, served by scripts/e2e-server.js on a fresh
// database filled with the demo hospital. Test code reaches the same database through the app's
// own modules (e2e/fixtures.ts), so DATABASE_URL must be set for this process too, and the folders
// of the files that go with it: a document a test stores is one the server must find.
process.env.DATABASE_URL = E2E_DATABASE_URL;
process.env.DOCUMENTS_DIR = E2E_DOCUMENTS_DIR;
process.env.MAIL_DIR = E2E_MAIL_DIR;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    // A trace is recorded when a failed test runs again (CI retries once; locally `--retries 1`):
    // recording every test to keep the failures' traces made the suite a sixth slower.
    trace: "on-first-retry",
    locale: "en-GB",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node scripts/e2e-server.js",
      url: `http://localhost:${E2E_PORT}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    // The mail server the portal sends to (scripts/e2e-smtp.ts): what arrives is in data/e2e-<port>/mail.
    {
      command: "npx tsx scripts/e2e-smtp.ts",
      port: E2E_SMTP_PORT,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    // Two independent servers sharing a database of their own, as on two machines, and their mail server
    // (e2e/two-servers.spec.ts). Started in this order, after the suite's server has made the database.
    {
      command: "npx tsx scripts/e2e-smtp.ts --pair",
      port: E2E_PAIR_SMTP_PORT,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    ...E2E_PAIR_PORTS.map((port, i) => ({
      command: `node scripts/e2e-server.js --pair ${i + 1}`,
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    })),
  ],
});
