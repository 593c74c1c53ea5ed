import { describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "./env.server";

describe("configuration", () => {
  it("stops a production server without SESSION_SECRET, saying what to set", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(ConfigurationError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET must be set/);
  });

  it("refuses a short production secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow(/at least 32 characters/);
  });

  it("accepts a proper production configuration", () => {
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(64), DATABASE_URL: "file:/srv/portal.db" });
    expect(env.isProduction).toBe(true);
    expect(env.DATABASE_URL).toBe("file:/srv/portal.db");
  });

  it("lets development run without a secret and with the default database", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.isProduction).toBe(false);
    expect(env.DATABASE_URL).toBe("file:./data/portal.db");
    expect(env.SESSION_SECRET.length).toBeGreaterThan(0);
  });

  it("rejects an APP_ORIGIN that is not a URL", () => {
    expect(() => parseEnv({ APP_ORIGIN: "portal" })).toThrow(/APP_ORIGIN/);
  });
});
