// The PostgreSQL databases of the test suites (`npm run test:pg`): made and dropped on the server PG_URL
// names, by default the local one. Plain JavaScript, for the end-to-end server script and the unit tests'
// setup alike. docs/decisions/023-postgresql-beside-sqlite.md.
import pg from "pg";

export const PG_URL = process.env.PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const quoted = (name) => {
  if (!NAME.test(name)) throw new Error(`Not a database name of the suites: ${name}`);
  return `"${name}"`;
};

/** The URL of database `name` on PG_URL's server. */
export function databaseUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs `work` with a client of its own on the database at `url`, ended whatever happens.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withPgClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * @template T
 * @param {(client: pg.Client) => Promise<T>} work
 */
const onServer = (work) => withPgClient(PG_URL, work);

/**
 * Drops database `name` if it exists (closing its connections) and makes it anew, empty or as a copy of
 * `template`. The order of text is the code points', as SQLite's (C.UTF-8): the same lists in the same order.
 */
export function recreateDatabase(name, { template } = {}) {
  return onServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
    await client.query(
      `CREATE DATABASE ${quoted(name)} TEMPLATE ${template ? quoted(template) : "template0"} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
  });
}

export function dropDatabase(name) {
  return onServer((client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}

/** Drops every database whose name begins with `prefix` and an underscore: what a suite's run made. */
export function dropDatabasesOf(prefix) {
  return onServer(async (client) => {
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${prefix}_`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoted(datname)} WITH (FORCE)`);
  });
}
