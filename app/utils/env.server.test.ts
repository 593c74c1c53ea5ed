import path from "node:path";
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

  const production = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(64) };

  it("accepts a proper production configuration", () => {
    const env = parseEnv({
      ...production,
      DATABASE_URL: "file:/srv/portal.db",
      SMTP_URL: "smtps://portal:pw@mail.hospital.example:465",
      MAIL_FROM: "Residency Portal <portal@hospital.example>",
      APP_ORIGIN: "https://portal.hospital.example/",
    });
    expect(env.isProduction).toBe(true);
    expect(env.DATABASE_URL).toBe("file:/srv/portal.db");
    expect(env).toMatchObject({ MAIL_DELIVERY: "smtp", MAIL_SENDER: true, PUBLIC_ORIGIN: "https://portal.hospital.example" });
  });

  it("stops a production server without SMTP_URL, saying how to choose file delivery instead", () => {
    expect(() => parseEnv(production)).toThrow(ConfigurationError);
    expect(() => parseEnv(production)).toThrow(/SMTP_URL must be set in production.*MAIL_DELIVERY=file/s);
    expect(parseEnv({ ...production, MAIL_DELIVERY: "file" }).MAIL_DELIVERY).toBe("file");
  });

  it("refuses an SMTP_URL that nodemailer cannot use, and smtp delivery without one", () => {
    expect(() => parseEnv({ SMTP_URL: "mail.example.org:25" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ MAIL_DELIVERY: "smtp" })).toThrow(/MAIL_DELIVERY=smtp needs SMTP_URL/);
    expect(() => parseEnv({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM must be an address/);
  });

  it("writes e-mails as files beside the database when no mail server is configured outside production", () => {
    const env = parseEnv({ NODE_ENV: "development", DATABASE_URL: "file:./data/dev.db", PORT: "3130" });
    expect(env.MAIL_DELIVERY).toBe("file");
    expect(env.MAIL_DIR).toBe(path.resolve("data/mail"));
    expect(env.PUBLIC_ORIGIN).toBe("http://localhost:3130");
    expect(parseEnv({ MAIL_DIR: "/tmp/portal-mail" }).MAIL_DIR).toBe("/tmp/portal-mail");
    expect(parseEnv({ SMTP_URL: "smtp://localhost:2525", MAIL_DELIVERY: "file" }).MAIL_DELIVERY).toBe("file");
    expect(parseEnv({ SMTP_URL: "smtp://localhost:2525" }).MAIL_DELIVERY).toBe("smtp");
    expect(parseEnv({ MAIL_SENDER: "off" }).MAIL_SENDER).toBe(false);
  });

  it("lets development run without a secret and with the default database", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.isProduction).toBe(false);
    expect(env.DATABASE_URL).toBe("file:./data/portal.db");
    expect(env.DATABASE_DIALECT).toBe("sqlite");
    expect(env.SESSION_SECRET.length).toBeGreaterThan(0);
  });

  it("chooses the database by DATABASE_URL's scheme, and refuses any other, naming the ones understood", () => {
    expect(parseEnv({ DATABASE_URL: "file:/srv/portal.db" }).DATABASE_DIALECT).toBe("sqlite");
    for (const url of ["postgres://portal@db.example.org/portal", "postgresql://127.0.0.1:5432/portal"]) {
      const env = parseEnv({ DATABASE_URL: url });
      expect(env.DATABASE_DIALECT).toBe("postgres");
      expect(env.DATABASE_POOL_SIZE).toBe(10);
      expect(env.MAIL_DIR).toBe(path.resolve("data", "mail"));
    }
    expect(parseEnv({ DATABASE_URL: "postgres://db/portal", DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
    for (const url of ["mysql://db/portal", "portal.db", "sqlite:portal.db"]) {
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(ConfigurationError);
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL must start with file: \(SQLite\) or postgres:\/\//);
    }
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/portal", DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("rejects an APP_ORIGIN that is not a URL", () => {
    expect(() => parseEnv({ APP_ORIGIN: "portal" })).toThrow(/APP_ORIGIN/);
  });
});
