import { sql, type Generated, type Kysely } from 'kysely';
import type { Migrations } from './migrate.ts';

/** Tables the chassis keeps in every service database (idempotency records, bookkeeping). */
export const kitMigrations: Migrations = {
  '0001_idempotency': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('kit_idempotency')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('content_type', 'text')
        .addColumn('body', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('kit_idempotency_pk', ['scope', 'key'])
        .execute();
    },
  },
  '0002_meta': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('kit_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** The kit's own tables, for typing queries against them. */
export interface KitTables {
  kit_idempotency: {
    key: string;
    scope: string;
    request_hash: string;
    status: number | null;
    content_type: string | null;
    body: string | null;
    created_at: Generated<Date>;
  };
  kit_meta: { key: string; value: string };
}
