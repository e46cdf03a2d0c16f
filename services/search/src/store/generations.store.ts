import { sql, type Kysely, type Transaction } from 'kysely';
import type { SearchTables } from './tables.ts';

type Db = Kysely<SearchTables> | Transaction<SearchTables>;

export interface SearchState {
  changeSeq: string;
  activeGeneration: number;
  buildingGeneration: number | null;
}

export async function readState(db: Db): Promise<SearchState> {
  const row = await db.selectFrom('search_state').select(['change_seq', 'active_generation', 'building_generation']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { changeSeq: String(row.change_seq), activeGeneration: row.active_generation, buildingGeneration: row.building_generation };
}

/**
 * Takes the next change sequence for this transaction and returns the generations to write. The
 * row lock it takes is held until commit, so writers take sequences in commit order: a tailer that
 * has seen sequence n has seen every change before it. It also orders writers against a switch.
 */
export async function beginChange(tx: Transaction<SearchTables>): Promise<{ seq: string; generations: number[] }> {
  const row = await tx
    .updateTable('search_state')
    .set({ change_seq: sql`change_seq + 1` })
    .where('id', '=', 1)
    .returning(['change_seq', 'active_generation', 'building_generation'])
    .executeTakeFirstOrThrow();
  const generations = [row.active_generation];
  if (row.building_generation !== null) generations.push(row.building_generation);
  return { seq: String(row.change_seq), generations };
}

/** Locks the state row (against writers and other switches) and returns it. */
export async function lockState(tx: Transaction<SearchTables>): Promise<SearchState> {
  const row = await tx
    .selectFrom('search_state')
    .select(['change_seq', 'active_generation', 'building_generation'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { changeSeq: String(row.change_seq), activeGeneration: row.active_generation, buildingGeneration: row.building_generation };
}

export interface GenerationView {
  id: number;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  eventsRead: number;
  documents: number;
  requestedBy: string | null;
  error: string | null;
}

export async function recentGenerations(db: Db, limit = 5): Promise<GenerationView[]> {
  const rows = await db.selectFrom('search_generations').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    heartbeatAt: r.heartbeat_at.toISOString(),
    eventsRead: Number(r.events_read),
    documents: r.documents,
    requestedBy: r.requested_by,
    error: r.error,
  }));
}
