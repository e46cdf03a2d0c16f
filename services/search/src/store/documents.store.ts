import { sql, type Kysely, type Transaction } from 'kysely';
import type { DocumentKind, SearchTables } from './tables.ts';

/** One document's new state (or its deletion), written by an event. */
export interface DocumentChange {
  kind: DocumentKind;
  id: string;
  /** The catalog event's per-subject sequence: an older one never overwrites a newer state. */
  eventSequence: number;
  deleted: boolean;
  data: unknown;
  brandId: string | null;
  categoryId: string | null;
}

/** A stored document as tailers and loaders read it. */
export interface StoredDocument {
  kind: DocumentKind;
  id: string;
  seq: string;
  deleted: boolean;
  data: unknown;
}

/** Where a tailer is: the last (seq, kind, id) it applied. */
export interface ChangePosition {
  seq: string;
  kind: string;
  id: string;
}

type Db = Kysely<SearchTables> | Transaction<SearchTables>;

/**
 * Writes document states into the given generations. Within one call a document appears once (the
 * latest event wins), and a row is only overwritten by a later event of its subject.
 */
export async function writeDocuments(db: Db, generations: number[], changes: DocumentChange[], seq: string | number): Promise<void> {
  const latest = new Map<string, DocumentChange>();
  for (const change of changes) {
    const key = `${change.kind}:${change.id}`;
    const known = latest.get(key);
    if (!known || known.eventSequence < change.eventSequence) latest.set(key, change);
  }
  if (latest.size === 0 || generations.length === 0) return;
  const rows = generations.flatMap((generation) =>
    [...latest.values()].map((c) => ({
      generation,
      kind: c.kind,
      id: c.id,
      seq,
      event_sequence: c.eventSequence,
      deleted: c.deleted,
      data: c.data === null ? null : JSON.stringify(c.data),
      brand_id: c.brandId,
      category_id: c.categoryId,
    })),
  );
  await db
    .insertInto('search_documents')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['generation', 'kind', 'id'])
        .doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          event_sequence: eb.ref('excluded.event_sequence'),
          deleted: eb.ref('excluded.deleted'),
          data: eb.ref('excluded.data'),
          brand_id: eb.ref('excluded.brand_id'),
          category_id: eb.ref('excluded.category_id'),
        }))
        .where('search_documents.event_sequence', '<', (eb) => eb.ref('excluded.event_sequence')),
    )
    .execute();
}

/** Marks the products of a brand or category as changed, so tailers re-index them with the new name. */
export async function touchProductsOf(db: Db, generations: number[], column: 'brand_id' | 'category_id', id: string, seq: string): Promise<void> {
  await db
    .updateTable('search_documents')
    .set({ seq })
    .where('generation', 'in', generations)
    .where('kind', '=', 'product')
    .where(column, '=', id)
    .execute();
}

/** One page of a generation's documents of one kind, by id (a full load reads every kind in turn). */
export async function loadPage(db: Db, generation: number, kind: DocumentKind, afterId: string, limit: number): Promise<StoredDocument[]> {
  return db
    .selectFrom('search_documents')
    .select(['kind', 'id', 'seq', 'deleted', 'data'])
    .where('generation', '=', generation)
    .where('kind', '=', kind)
    .where('id', '>', afterId)
    .where('deleted', '=', false)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Documents changed after `position`, in change order (dictionaries before products within a change). */
export async function changesAfter(db: Db, generation: number, position: ChangePosition, limit: number): Promise<StoredDocument[]> {
  return db
    .selectFrom('search_documents')
    .select(['kind', 'id', 'seq', 'deleted', 'data'])
    .where('generation', '=', generation)
    .where(sql<boolean>`(seq, kind, id) > (${position.seq}::bigint, ${position.kind}, ${position.id})`)
    .orderBy('seq')
    .orderBy('kind')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Deletes a retired generation's documents in batches (they are no longer read by anyone). */
export async function dropGenerationDocuments(db: Kysely<SearchTables>, generation: number, batch = 5000): Promise<void> {
  for (;;) {
    const deleted = await sql`
      delete from search_documents where ctid in (select ctid from search_documents where generation = ${generation} limit ${batch})`.execute(db);
    if (Number(deleted.numAffectedRows ?? 0) < batch) return;
  }
}
