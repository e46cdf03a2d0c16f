import { sql } from 'kysely';
import type { Db } from '../store/context.ts';
import { LIVE } from './read-models.ts';

/**
 * SHA-256 of each read model's rows, canonically: every row as JSON (jsonb columns print with
 * sorted keys), ordered by order id. Equal hashes mean equal tables.
 */
export async function readModelHashes(db: Db): Promise<{ detail: string; customerList: string; board: string }> {
  const hash = async (table: string) => {
    const { rows } = await sql<{ hash: string }>`
      select encode(sha256(convert_to(coalesce(string_agg(row_to_json(t)::text, E'\\n' order by t.order_id), ''), 'UTF8')), 'hex') as hash
      from ${sql.table(table)} t`.execute(db);
    return rows[0]!.hash;
  };
  return { detail: await hash(LIVE.detail), customerList: await hash(LIVE.customerList), board: await hash(LIVE.board) };
}
