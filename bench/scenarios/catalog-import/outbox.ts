import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Counts in the catalog's database of a platform started on `dataDir` (its bundled PostgreSQL). */
export async function catalogCounts(dataDir: string): Promise<{ outbox: number; unpublished: number; products: number; variants: number }> {
  // postmaster.pid: line 4 is the port the server listens on.
  const port = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new pg.Client({ connectionString: `postgres://postgres:mercato@127.0.0.1:${port}/mercato_catalog` });
  await client.connect();
  try {
    const { rows } = await client.query<{ outbox: number; unpublished: number; products: number; variants: number }>(`
      select (select count(*) from kit_outbox)::int as outbox,
             (select count(*) from kit_outbox where published_at is null)::int as unpublished,
             (select count(*) from products)::int as products,
             (select count(*) from variants)::int as variants`);
    return rows[0]!;
  } finally {
    await client.end();
  }
}
