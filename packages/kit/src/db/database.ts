import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

// BIGINT (int8) and NUMERIC come back as strings by default; our int8 columns hold counts and
// minor units that fit safely in a JS number, so parse them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens a Kysely database over its own pg pool. */
export function openDatabase<DB>(url: string, options: { max?: number } = {}): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client losing its server is reported by the next query
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Answers when the database accepts a trivial query. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Creates a database on a server if it does not exist yet (admin connection to `postgres`). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a dropped connection fails the pending query instead
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`create database "${name}"`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}
