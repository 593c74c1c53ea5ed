// `npm run db:schema:postgres`: writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one
// source of truth for the models; `-- --check` only says whether the two have drifted (exit 1 if so).
// PostgreSQL's migrations are then written from it (docs/decisions/023-postgresql-beside-sqlite.md).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PRISMA_PATHS } from "~/utils/database-url";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:schema:postgres\`: edit that file, not this one.
// The same models for PostgreSQL; a unit test fails when the two differ (scripts/postgres-schema.test.ts).
`;

/** PostgreSQL's schema: the same models, another provider, the client generated into a folder of its own. */
export function postgresSchema(sqlite: string): string {
  const replace = (text: string, pattern: RegExp, by: string) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer has ${pattern}: update scripts/postgres-schema.ts`);
    return text.replace(pattern, by);
  };
  let schema = replace(sqlite, /(output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-postgres"');
  schema = replace(schema, /(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  return HEADER + schema;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = postgresSchema(readFileSync(PRISMA_PATHS.sqlite.schema, "utf8"));
  const target = PRISMA_PATHS.postgres.schema;
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // missing: drifted
    }
    if (current !== wanted) {
      console.error(
        `${target} differs from what prisma/schema.prisma gives: run npm run db:schema:postgres, then write PostgreSQL's migration.`,
      );
      process.exit(1);
    }
  } else {
    writeFileSync(target, wanted);
    console.log(`wrote ${target}`);
  }
}
