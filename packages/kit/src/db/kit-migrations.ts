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
  '0003_events': {
    async up(db: Kysely<any>) {
      // Outbox and event history in one table: `position` is insert order; `feed_position` is given by
      // the single relay when the event is published, so the feed never shows a gap that fills later.
      await sql`
        create table kit_outbox (
          position bigserial primary key,
          id uuid not null unique,
          type text not null,
          subject text not null,
          sequence integer not null,
          envelope jsonb not null,
          created_at timestamptz not null default now(),
          published_at timestamptz,
          feed_position bigint unique
        )`.execute(db);
      await sql`create index kit_outbox_pending on kit_outbox (position) where published_at is null`.execute(db);
      await sql`create table kit_sequences (subject text primary key, last integer not null)`.execute(db);
      await sql`
        create table kit_inbox (
          event_id uuid primary key,
          source text not null,
          type text not null,
          subject text not null,
          sequence integer not null,
          handled_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table kit_inbox_positions (
          source text not null,
          subject text not null,
          last_sequence integer not null,
          primary key (source, subject)
        )`.execute(db);
      await sql`
        create table kit_parked_events (
          event_id uuid primary key,
          source text not null,
          subject text not null,
          sequence integer not null,
          envelope jsonb not null,
          parked_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index kit_parked_by_subject on kit_parked_events (source, subject, sequence)`.execute(db);
      await sql`
        create table kit_dead_letters (
          event_id uuid primary key,
          envelope jsonb not null,
          attempts integer not null,
          error text not null,
          dead_at timestamptz not null default now()
        )`.execute(db);
    },
  },
  '0004_outbox_notify': {
    async up(db: Kysely<any>) {
      // Wakes the relay when outbox rows commit, without a NOTIFY round trip per published event.
      await sql`
        create function kit_outbox_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify('kit_outbox', '');
          return null;
        end $$`.execute(db);
      await sql`create trigger kit_outbox_notify after insert on kit_outbox for each statement execute function kit_outbox_notify()`.execute(db);
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
  kit_outbox: {
    position: Generated<number>;
    id: string;
    type: string;
    subject: string;
    sequence: number;
    envelope: unknown;
    created_at: Generated<Date>;
    published_at: Date | null;
    feed_position: number | null;
  };
  kit_sequences: { subject: string; last: number };
  kit_inbox: { event_id: string; source: string; type: string; subject: string; sequence: number; handled_at: Generated<Date> };
  kit_inbox_positions: { source: string; subject: string; last_sequence: number };
  kit_parked_events: { event_id: string; source: string; subject: string; sequence: number; envelope: unknown; parked_at: Generated<Date> };
  kit_dead_letters: { event_id: string; envelope: unknown; attempts: number; error: string; dead_at: Generated<Date> };
}
