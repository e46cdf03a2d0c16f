import type { ServiceApp } from '@mercato/kit';
import { ORDER_ADMIN } from '../domain/access.ts';
import { readModelHashes } from '../projections/hash.ts';
import { rebuildReadModels } from '../projections/rebuild.ts';
import type { OrdersContext } from '../store/context.ts';
import { Hashes, RebuildResult } from './schemas.ts';

const tags = ['read models'];

/** Rebuilding the read models from the event store, and comparing them. */
export function readModelRoutes(app: ServiceApp, ctx: OrdersContext): void {
  app.post(
    '/api/orders/read-models/rebuild',
    {
      config: { access: ORDER_ADMIN },
      schema: {
        tags,
        summary: 'Rebuild every read model by replaying all events into fresh tables, then swap them in atomically',
        description: 'Answers when the new tables are live, with their hashes. 409 `rebuild-in-progress` while another rebuild runs.',
        response: { 200: RebuildResult },
      },
    },
    async () => {
      const result = await rebuildReadModels(ctx.db);
      return { ...result, hashes: await readModelHashes(ctx.db) };
    },
  );

  app.get(
    '/api/orders/read-models/hash',
    {
      config: { access: ORDER_ADMIN },
      schema: { tags, summary: 'SHA-256 of each read model’s rows (canonical JSON, ordered by order id): equal hashes, equal tables', response: { 200: Hashes } },
    },
    async () => readModelHashes(ctx.db),
  );
}
