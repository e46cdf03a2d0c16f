import { catchUpFromFeed, defineService, type ServiceDefinition } from '@mercato/kit';
import type { Kysely } from 'kysely';
import { migrations } from '../migrations/index.ts';
import { reindexRoutes } from './api/reindex.routes.ts';
import { searchRoutes } from './api/search.routes.ts';
import { loadSearchConfig } from './config.ts';
import { CATALOG_EVENTS } from './events/catalog-changes.ts';
import { catalogHandlers } from './events/catalog.handlers.ts';
import { IndexReplica } from './index/replica.ts';
import { Reindexer, type FeedReader } from './reindex/reindexer.ts';
import type { SearchTables } from './store/tables.ts';

export interface SearchServiceOptions {
  /** Where a reindex reads the catalog's history (default: the catalog's event feed). */
  feed?: (client: ServiceClientFactory) => FeedReader;
}

type ServiceClientFactory = Parameters<typeof catchUpFromFeed>[0];

const catalogTypes = CATALOG_EVENTS.map((e) => e.type);

/** The catalog's event feed, read from the start (the same catch-up a new consumer does). */
const catalogFeed = (catalog: ServiceClientFactory): FeedReader => (apply) => catchUpFromFeed(catalog, 'catalog', catalogTypes, apply);

/**
 * Search: a read model of the catalog fed by its events (durable, in PostgreSQL), served from an
 * in-memory index that every replica builds from it and keeps current by tailing its changes.
 */
export function searchService(options: SearchServiceOptions = {}): ServiceDefinition<SearchTables> {
  let replica: IndexReplica | undefined;
  return defineService<SearchTables>({
    name: 'search',
    description: 'Product search: relevance with typo tolerance, autocomplete, facets and filters, over a read model of catalog events.',
    migrations,
    consumes: catalogHandlers,
    routes(app, ctx) {
      const config = loadSearchConfig(ctx.env);
      const db = ctx.db as Kysely<SearchTables>;
      replica = new IndexReplica(db, ctx.log, {
        pollMs: config.SEARCH_POLL_MS,
        pageSize: config.SEARCH_PAGE_SIZE,
        rebuildRatio: config.SEARCH_REBUILD_RATIO,
        rebuildMinimum: config.SEARCH_REBUILD_MINIMUM,
      });
      const reindexer = new Reindexer(db, ctx.log, (options.feed ?? catalogFeed)(ctx.client('catalog')));
      searchRoutes(app, replica);
      reindexRoutes(app, db, reindexer, replica);
      ctx.onClose(async () => {
        await reindexer.settled();
        await replica?.stop();
      });
    },
    readiness: () => ({
      index: async () => {
        if (!replica?.index) throw new Error('the search index is still loading');
      },
    }),
    async start() {
      await replica!.start();
    },
  });
}
