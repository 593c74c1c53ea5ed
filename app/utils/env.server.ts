import path from "node:path";
import { z } from "~/schemas/z";
import { DATABASE_URL_RULE, databaseUrl, dataDirectory, dialectOf, knownDialect, type Dialect } from "./database-url";

/**
 * The configuration, parsed once at start-up. In production a missing or short SESSION_SECRET stops
 * the server with a message instead of failing later, and so does a missing SMTP_URL (unless file
 * delivery is chosen explicitly with MAIL_DELIVERY=file).
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .refine((url) => url.trim() === "" || knownDialect(url.trim()) !== null, { message: DATABASE_URL_RULE })
      .optional(),
    /** PostgreSQL: the connections each server process keeps open (README, Configuration). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    SESSION_SECRET: z.string().optional(),
    /** Public origin when the app runs behind a proxy (e.g. https://portal.example.org). */
    APP_ORIGIN: z.url().optional(),
    HOSPITAL_NAME: z.string().min(1).default("Istituto Oncologico di Ricerca"),
    PORT: z.string().optional(),
    /** The mail server: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s/]+/, "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org:465")
      .optional(),
    /** The sender of every e-mail: "Residency Portal <portal@hospital.example>". */
    MAIL_FROM: z
      .string()
      .regex(/^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/, "MAIL_FROM must be an address, e.g. Residency Portal <portal@hospital.example>")
      .optional(),
    /** "smtp" sends through SMTP_URL; "file" writes each e-mail as an .eml file into MAIL_DIR. */
    MAIL_DELIVERY: z.enum(["smtp", "file"]).optional(),
    MAIL_DIR: z.string().min(1).optional(),
    /** "off" keeps this process from sending (another process or server does, or nobody should). */
    MAIL_SENDER: z.enum(["on", "off"]).default("on"),
    /** "off" keeps this process from running the scheduled checks (the end-to-end server, the benchmark). */
    SCHEDULER: z.enum(["on", "off"]).default("on"),
    /** How often an idle sender looks for e-mail to send, and how long its lease lasts unrenewed. */
    MAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
    MAIL_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message:
          "SESSION_SECRET must be set to a random string of at least 32 characters in production " + "(for example: openssl rand -hex 32).",
      });
    }
    if (env.MAIL_DELIVERY === "smtp" && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "MAIL_DELIVERY=smtp needs SMTP_URL (e.g. smtps://user:password@mail.example.org:465).",
      });
    } else if (env.NODE_ENV === "production" && !env.SMTP_URL && env.MAIL_DELIVERY !== "file") {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "SMTP_URL must be set in production so that e-mails reach people (e.g. smtps://user:password@mail.example.org:465), " +
          "or set MAIL_DELIVERY=file to write them as .eml files beside the database instead (a demo only: they may hold set-password links).",
      });
    }
  });

export type Env = {
  NODE_ENV: "development" | "production" | "test";
  isProduction: boolean;
  DATABASE_URL: string;
  /** "sqlite" for a file: URL, "postgres" for a postgres:// one. */
  DATABASE_DIALECT: Dialect;
  DATABASE_POOL_SIZE: number;
  SESSION_SECRET: string;
  APP_ORIGIN: string | undefined;
  HOSPITAL_NAME: string;
  /** Where the e-mails' links point: APP_ORIGIN, else http://localhost:PORT. */
  PUBLIC_ORIGIN: string;
  SMTP_URL: string | undefined;
  MAIL_FROM: string;
  MAIL_DELIVERY: "smtp" | "file";
  /** The folder of the files that go with the database: the SQLite file's, or data/ with PostgreSQL (database-url.ts). */
  DATA_DIR: string;
  /** Where file delivery writes its .eml files: MAIL_DIR, else a "mail" folder in DATA_DIR. */
  MAIL_DIR: string;
  MAIL_SENDER: boolean;
  SCHEDULER: boolean;
  MAIL_POLL_MS: number;
  MAIL_LEASE_MS: number;
};

/** The sender when MAIL_FROM is not set: a name of the portal's own that no real domain answers for. */
export const DEFAULT_MAIL_FROM = "Residency Portal <portal@residency-portal.invalid>";

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const database = databaseUrl(source);
  const dialect = dialectOf(database);
  return {
    NODE_ENV: env.NODE_ENV,
    isProduction: env.NODE_ENV === "production",
    DATABASE_URL: database,
    DATABASE_DIALECT: dialect,
    DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE,
    // Outside production a fixed development secret is fine: nothing signed with it leaves the machine.
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-do-not-use-in-production",
    APP_ORIGIN: env.APP_ORIGIN,
    HOSPITAL_NAME: env.HOSPITAL_NAME,
    PUBLIC_ORIGIN: (env.APP_ORIGIN ?? `http://localhost:${Number(env.PORT) || 3000}`).replace(/\/+$/, ""),
    SMTP_URL: env.SMTP_URL,
    MAIL_FROM: env.MAIL_FROM ?? DEFAULT_MAIL_FROM,
    MAIL_DELIVERY: env.MAIL_DELIVERY ?? (env.SMTP_URL ? "smtp" : "file"),
    DATA_DIR: dataDirectory(database),
    MAIL_DIR: env.MAIL_DIR ? path.resolve(env.MAIL_DIR) : path.join(dataDirectory(database), "mail"),
    MAIL_SENDER: env.MAIL_SENDER === "on",
    SCHEDULER: env.SCHEDULER === "on",
    MAIL_POLL_MS: env.MAIL_POLL_MS,
    MAIL_LEASE_MS: env.MAIL_LEASE_MS,
  };
}

export const env: Env = parseEnv(process.env);
