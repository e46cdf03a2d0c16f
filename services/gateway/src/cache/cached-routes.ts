import { catalogEvents, inventoryEvents, pricingEvents } from '@mercato/contracts';

/** The event sources an answer is built from; an event of the source drops the answer. */
export type Source = 'catalog' | 'pricing' | 'inventory';

/** The events the cache listens to, by source (from `mercato.<source>.…` contracts). */
export const EVENTS_BY_SOURCE = { catalog: catalogEvents, pricing: pricingEvents, inventory: inventoryEvents } as const;

/** The source of an event type `mercato.<source>.<aggregate>.<event>.v<N>`. */
export function sourceOf(eventType: string): string {
  return eventType.split('.')[1] ?? '';
}

/**
 * Public reads the gateway caches for anonymous callers, and what they are built from. Search is
 * a read model of the catalog, so catalog events drop it too; the mobile screens show prices and stock.
 */
const CACHED_ROUTES: ReadonlyArray<{ path: string; dependsOn: readonly Source[] }> = [
  { path: '/api/catalog/products', dependsOn: ['catalog'] },
  { path: '/api/catalog/categories', dependsOn: ['catalog'] },
  { path: '/api/catalog/brands', dependsOn: ['catalog'] },
  { path: '/api/search/products', dependsOn: ['catalog'] },
  { path: '/api/search/suggest', dependsOn: ['catalog'] },
  { path: '/mobile/v1/home', dependsOn: ['catalog', 'pricing', 'inventory'] },
  { path: '/mobile/v1/listing', dependsOn: ['catalog', 'pricing', 'inventory'] },
  { path: '/mobile/v1/products', dependsOn: ['catalog', 'pricing', 'inventory'] },
];

/** What a URL's answer depends on, when it is a cached route (the path itself or below it). */
export function cachedRoute(url: string): readonly Source[] | undefined {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  for (const route of CACHED_ROUTES) {
    if (path === route.path || (path.startsWith(route.path) && path[route.path.length] === '/')) return route.dependsOn;
  }
  return undefined;
}

/** Whether a Fastify route (its URL pattern) may serve a cached route, so it needs the cache's hooks. */
export function mayServeCachedRoute(routeUrl: string): boolean {
  const fixed = routeUrl.split(/[*:]/)[0]!;
  return CACHED_ROUTES.some((route) => route.path.startsWith(fixed) || routeUrl.startsWith(route.path));
}
