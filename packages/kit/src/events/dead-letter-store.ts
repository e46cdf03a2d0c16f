import type { Kysely } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import type { DeadLetter } from './bus.ts';
import type { CloudEvent } from './envelope.ts';

/** Dead letters kept in the consuming service's own database (embedded topology). */
export class DeadLetterStore {
  constructor(private readonly db: Kysely<KitTables>) {}

  /** Records an event that exhausted its attempts (a repeat overwrites the earlier record). */
  async add(event: CloudEvent, attempts: number, error: string): Promise<void> {
    await this.db
      .insertInto('kit_dead_letters')
      .values({ event_id: event.id, envelope: JSON.stringify(event), attempts, error })
      .onConflict((oc) => oc.column('event_id').doUpdateSet({ attempts, error, dead_at: new Date() }))
      .execute();
  }

  /** All dead letters, oldest first. */
  async list(): Promise<DeadLetter[]> {
    const rows = await this.db.selectFrom('kit_dead_letters').selectAll().orderBy('dead_at').execute();
    return rows.map((r) => ({ id: r.event_id, event: r.envelope as CloudEvent, attempts: r.attempts, error: r.error, deadAt: r.dead_at.toISOString() }));
  }

  /** Removes and returns dead letters (all, or the given ids), oldest first. */
  async take(ids?: readonly string[]): Promise<CloudEvent[]> {
    let query = this.db.deleteFrom('kit_dead_letters').returning(['envelope', 'dead_at']);
    if (ids) query = query.where('event_id', 'in', ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000']);
    const rows = await query.execute();
    return rows.sort((a, b) => a.dead_at.getTime() - b.dead_at.getTime()).map((r) => r.envelope as CloudEvent);
  }

  /** How many dead letters there are. */
  async count(): Promise<number> {
    const row = await this.db.selectFrom('kit_dead_letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
