import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Environment variable through which the test runner shares its one PostgreSQL server. */
export const TEST_SERVER_ENV = 'MERCATO_TEST_PG_URL';

/**
 * The admin URL of the PostgreSQL server the test command started for the whole run. Run single
 * files through it too: `npm test -- services/catalog` (filters by path).
 */
export async function testServerUrl(): Promise<string> {
  const shared = process.env[TEST_SERVER_ENV];
  if (!shared) throw new Error(`${TEST_SERVER_ENV} is not set: run tests with \`npm test [-- <path filter>]\``);
  return shared;
}

/** A fresh, unique database-name prefix for one test file (`t<random>_`). */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}_`;
}

/** Drops every database whose name starts with `prefix`. */
export async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Runs `start` while holding a lock on the shared server, so that test files starting a `processes`
 * platform at the same moment take turns: a dozen processes loading at once on a small machine would
 * otherwise each take several times as long, and the starts would time out together.
 */
export async function oneStartAtATime<T>(serverUrl: string, start: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('mercato-test-processes-start'))");
    return await start();
  } finally {
    await client.end();
  }
}
