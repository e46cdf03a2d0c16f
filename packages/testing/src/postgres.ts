import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { freePort, startEmbeddedPostgres, type PostgresServer } from '@mercato/kit';

/** Environment variable through which the test runner shares its one PostgreSQL server. */
export const TEST_SERVER_ENV = 'MERCATO_TEST_PG_URL';

let ownServer: Promise<PostgresServer> | undefined;

/**
 * The admin URL of the test PostgreSQL server: the one the test command started for the whole run,
 * or (when a single test file runs on its own) a throwaway bundled server for this process.
 */
export async function testServerUrl(): Promise<string> {
  const shared = process.env[TEST_SERVER_ENV];
  if (shared) return shared;
  ownServer ??= (async () => {
    const dir = join(tmpdir(), `mercato-test-pg-${randomBytes(4).toString('hex')}`);
    const server = await startEmbeddedPostgres(dir, await freePort());
    process.once('beforeExit', () => void server.stop());
    return server;
  })();
  return (await ownServer).url;
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
