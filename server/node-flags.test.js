import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags.js";

describe("the server's heap limits", () => {
  it("are the same for `npm start` as for every other way the server is started", () => {
    const start = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
    const flags = start.split(/\s+/).filter((word) => word.startsWith("--max-"));
    expect(flags).toEqual(SERVER_NODE_FLAGS);
  });

  it("are limits the server is started with", () => {
    for (const file of ["scripts/demo.js", "scripts/e2e-server.js", "scripts/bench/server.ts"])
      expect(readFileSync(file, "utf8").split("SERVER_NODE_FLAGS").length - 1, file).toBeGreaterThanOrEqual(2); // imported and spawned with
  });
});
