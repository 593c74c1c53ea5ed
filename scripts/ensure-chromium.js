// Makes sure the end-to-end tests have a Chromium to drive, on a fresh machine too:
// CHROMIUM_PATH or /usr/bin/chromium if present; else Debian's package when running as root on
// Debian; else Playwright's own download (the usual path on a laptop with internet).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = candidates.find((path) => existsSync(path));
if (found) {
  console.log(`Using Chromium at ${found}`);
} else if (process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
  console.log("Installing Debian's Chromium for the end-to-end tests…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
} else {
  execFileSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
}
