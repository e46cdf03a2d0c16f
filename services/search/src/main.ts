import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { searchRoutes } from './api/search.routes.ts';
import { catalogHandlers } from './events/catalog.handlers.ts';
import type { SearchTables } from './store/tables.ts';

/** Search: a read model of the catalog, fed by its events (first slice). */
export default defineService<SearchTables>({
  name: 'search',
  description: 'Product search over a read model kept in step with catalog events.',
  migrations,
  consumes: catalogHandlers,
  routes: (app, ctx) => searchRoutes(app, ctx),
});
