/**
 * The topology of the search benchmark: the real gateway, identity and search services, and a
 * catalog that only serves its (empty) event feed — the search read model is loaded directly from
 * the synthetic catalog, so the catalog itself has nothing to do.
 */
import { catalogEvents } from '@mercato/contracts';
import { defineService, defineTopology } from '@mercato/kit';

const feedOnlyCatalog = defineService({
  name: 'catalog',
  description: 'Event feed only (search benchmark)',
  migrations: {},
  publishes: catalogEvents,
  routes: () => undefined,
});

export const topology = defineTopology({
  services: {
    gateway: { load: () => import('../services/gateway/src/main.ts'), calls: ['identity', 'search'], database: false },
    identity: { load: () => import('../services/identity/src/main.ts'), calls: [] },
    catalog: { load: async () => ({ default: feedOnlyCatalog as never }), calls: [] },
    search: { load: () => import('../services/search/src/main.ts'), calls: ['identity', 'catalog'] },
  },
});
