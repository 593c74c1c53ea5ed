import { z } from "~/schemas/z";
import { databaseUrl } from "./database-url";

/**
 * The configuration, parsed once at start-up. In production a missing or short SESSION_SECRET stops
 * the server with a message instead of failing later.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().optional(),
    SESSION_SECRET: z.string().optional(),
    /** Public origin when the app runs behind a proxy (e.g. https://portal.example.org). */
    APP_ORIGIN: z.url().optional(),
    HOSPITAL_NAME: z.string().min(1).default("Istituto Oncologico di Ricerca"),
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
  });

export type Env = {
  NODE_ENV: "development" | "production" | "test";
  isProduction: boolean;
  DATABASE_URL: string;
  SESSION_SECRET: string;
  APP_ORIGIN: string | undefined;
  HOSPITAL_NAME: string;
};

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
  return {
    NODE_ENV: env.NODE_ENV,
    isProduction: env.NODE_ENV === "production",
    DATABASE_URL: databaseUrl(source),
    // Outside production a fixed development secret is fine: nothing signed with it leaves the machine.
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-do-not-use-in-production",
    APP_ORIGIN: env.APP_ORIGIN,
    HOSPITAL_NAME: env.HOSPITAL_NAME,
  };
}

export const env: Env = parseEnv(process.env);
