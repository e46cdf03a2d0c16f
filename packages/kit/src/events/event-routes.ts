import { Type } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { ServiceApp } from '../service.ts';
import type { EventBus } from './bus.ts';
import type { CloudEvent } from './envelope.ts';
import type { ServiceEvents } from './service-events.ts';

const READERS = { roles: ['admin'], scopes: ['events:read'], services: true } as const;
const OPERATORS = { roles: ['admin'], scopes: ['ops:write'] } as const;
const tags = ['events'];

/**
 * The event routes of a service: its history as a paged feed (publishers), and the operations view
 * of its outbox, queue and dead letters, with replay (staff).
 */
export function eventRoutes(app: ServiceApp, service: string, db: Kysely<KitTables>, bus: EventBus, events: ServiceEvents, publishes: boolean): void {
  if (publishes) {
    app.get(
      `/api/${service}/events`,
      {
        config: { access: READERS },
        schema: {
          tags,
          summary: 'Event feed: everything this service published, in order',
          querystring: Type.Object(
            { after: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const after = request.query.after ? decodeCursor<{ p: number }>(request.query.after, ['p']).p : 0;
        const rows = await db
          .selectFrom('kit_outbox')
          .select(['envelope', 'feed_position'])
          .where('feed_position', '>', after)
          .orderBy('feed_position')
          .limit(request.query.limit)
          .execute();
        const last = rows.at(-1)?.feed_position;
        const clock = await sql<{ now: Date; oldest: Date | null }>`
          select now() as now, (select min(created_at) from kit_outbox where published_at is null) as oldest`.execute(db);
        const { now, oldest } = clock.rows[0]!;
        return {
          items: rows.map((r) => r.envelope as CloudEvent),
          nextCursor: rows.length === request.query.limit && last ? encodeCursor({ p: last }) : null,
          cursor: last ? encodeCursor({ p: last }) : (request.query.after ?? null),
          // Events committed but not yet in the feed: a reader that must not miss anything committed
          // before time T keeps reading until this is null or later than T.
          oldestPendingAt: oldest?.toISOString() ?? null,
          now: now.toISOString(),
        };
      },
    );
  }

  app.get(
    `/api/${service}/events/status`,
    { config: { access: READERS }, schema: { tags, summary: 'Outbox lag, queue depth and dead letters' } },
    async () => ({
      outbox: events.relay ? { ...(await events.relay.lag()), relayLeader: events.relay.leader } : null,
      queue: events.consumedTypes.length ? await bus.depth(service) : null,
    }),
  );

  if (events.consumedTypes.length > 0) {
    app.get(
      `/api/${service}/events/dead-letters`,
      { config: { access: READERS }, schema: { tags, summary: 'Events that exhausted their attempts' } },
      async () => ({ items: await bus.deadLetters(service) }),
    );
    app.post(
      `/api/${service}/events/dead-letters/replay`,
      {
        config: { access: OPERATORS },
        schema: {
          tags,
          summary: 'Deliver dead-lettered events again (all, or the given ids)',
          body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1000 })) }, { additionalProperties: false }),
        },
      },
      async (request) => ({ replayed: await bus.replayDeadLetters(service, request.body.ids) }),
    );
  }
}
