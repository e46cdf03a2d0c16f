import type { CloudEvent } from '@mercato/kit';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { documentChange } from '../events/catalog-changes.ts';
import { dropGenerationDocuments, writeDocuments, type DocumentChange } from '../store/documents.store.ts';
import { lockState } from '../store/generations.store.ts';
import type { SearchTables } from '../store/tables.ts';
import { searchErrors } from '../errors.ts';
import { ProblemError } from '@mercato/kit';

/** Reads the catalog's whole event feed in order, handing each event to `apply`. */
export type FeedReader = (apply: (event: CloudEvent) => Promise<void>) => Promise<number>;

/** Events written per transaction while building a generation. */
const BATCH = 500;
/** A building generation whose builder has not reported for this long is taken over. */
const STALE_MS = 30_000;

/**
 * Builds a new read-model generation from the catalog's event feed, then makes it the active one.
 * While it builds, the event handlers write every live change to both generations (an older event
 * never overwrites a newer one, whichever arrives first), so the new generation misses nothing
 * that happened during the build; searches go on against the active generation until the switch.
 */
export class Reindexer {
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<SearchTables>,
    private readonly log: Logger,
    private readonly readFeed: FeedReader,
  ) {}

  /** Starts a reindex in the background; 409 while another one is alive. */
  async start(requestedBy: string | null): Promise<number> {
    const generation = await this.db.transaction().execute(async (tx) => {
      const state = await lockState(tx);
      if (state.buildingGeneration !== null) {
        const building = await tx.selectFrom('search_generations').select(['heartbeat_at']).where('id', '=', state.buildingGeneration).executeTakeFirstOrThrow();
        if (Date.now() - building.heartbeat_at.getTime() < STALE_MS) {
          throw new ProblemError(searchErrors.reindexRunning, `Generation ${state.buildingGeneration} is being built`);
        }
        await tx.updateTable('search_generations').set({ status: 'failed', error: 'abandoned: its builder stopped reporting', finished_at: new Date() }).where('id', '=', state.buildingGeneration).execute();
      }
      const { next } = await tx.selectFrom('search_generations').select(sql<number>`coalesce(max(id), 0) + 1`.as('next')).executeTakeFirstOrThrow();
      await tx.insertInto('search_generations').values({ id: next, status: 'building', requested_by: requestedBy }).execute();
      await tx.updateTable('search_state').set({ building_generation: next }).where('id', '=', 1).execute();
      return next;
    });
    this.log.info({ generation, requestedBy }, 'reindex started');
    this.running = this.build(generation).finally(() => (this.running = undefined));
    return generation;
  }

  /** Resolves when the reindex this replica runs (if any) has ended. */
  async settled(): Promise<void> {
    await this.running;
  }

  private async build(generation: number): Promise<void> {
    const started = performance.now();
    let batch: DocumentChange[] = [];
    let read = 0;
    const flush = async () => {
      const changes = batch;
      batch = [];
      await writeDocuments(this.db, [generation], changes, 0);
      await this.db.updateTable('search_generations').set({ events_read: read, heartbeat_at: new Date() }).where('id', '=', generation).execute();
    };
    try {
      await this.readFeed(async (event) => {
        read++;
        const change = documentChange(event);
        if (change) batch.push(change);
        if (batch.length >= BATCH) await flush();
      });
      await flush();
      const previous = await this.switchTo(generation, read);
      this.log.info({ generation, previous, events: read, ms: Math.round(performance.now() - started) }, 'reindex finished; generation active');
      await dropGenerationDocuments(this.db, previous);
    } catch (error) {
      this.log.error({ err: error, generation }, 'reindex failed');
      await this.db.transaction().execute(async (tx) => {
        const state = await lockState(tx);
        if (state.buildingGeneration === generation) await tx.updateTable('search_state').set({ building_generation: null }).where('id', '=', 1).execute();
        await tx.updateTable('search_generations').set({ status: 'failed', error: (error as Error).message, finished_at: new Date() }).where('id', '=', generation).execute();
      });
      await dropGenerationDocuments(this.db, generation);
    }
  }

  /** Makes the built generation active in one transaction (ordered against every writer by the state row lock). */
  private async switchTo(generation: number, events: number): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const state = await lockState(tx);
      if (state.buildingGeneration !== generation) throw new Error(`generation ${generation} was abandoned while it was built`);
      const { count } = await tx
        .selectFrom('search_documents')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('generation', '=', generation)
        .where('kind', '=', 'product')
        .where('deleted', '=', false)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('search_state')
        .set({ active_generation: generation, building_generation: null, change_seq: sql`change_seq + 1` })
        .where('id', '=', 1)
        .execute();
      await tx.updateTable('search_generations').set({ status: 'retired', finished_at: new Date() }).where('id', '=', state.activeGeneration).execute();
      await tx
        .updateTable('search_generations')
        .set({ status: 'active', finished_at: new Date(), events_read: events, documents: Number(count), heartbeat_at: new Date() })
        .where('id', '=', generation)
        .execute();
      return state.activeGeneration;
    });
  }
}
