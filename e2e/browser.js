// Which Chromium the end-to-end tests drive: shared by playwright.config.ts and
// scripts/ensure-chromium.js, which installs one when none is found.
import { existsSync } from "node:fs";

export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

/** CHROMIUM_PATH, else Debian's headless shell, else a full Chromium; undefined lets Playwright use its own. */
export function chromiumExecutable() {
  return [process.env.CHROMIUM_PATH, HEADLESS_SHELL, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) =>
    Boolean(path && existsSync(path)),
  );
}
