import type { ServiceApp } from '@mercato/kit';
import type { IndexSync } from '../index/index-sync.ts';

/** Writes that change nothing the index holds. */
const READ_ONLY_POSTS = new Set([
  '/api/pricing/prices/resolve',
  '/api/pricing/quotes',
  '/api/pricing/promotions/:id/coupons',
  '/api/pricing/coupons/redemptions',
  '/api/pricing/coupons/redemptions/:id/commit',
  '/api/pricing/coupons/redemptions/:id/release',
]);

/**
 * After a successful staff write, this replica's price index applies the change log before the
 * answer leaves: whoever changed a price sees it in the next resolution here (other replicas follow
 * within one poll interval).
 */
export function readYourWrites(app: ServiceApp, sync: IndexSync): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400) return payload;
    if (!request.url.startsWith('/api/pricing/') || READ_ONLY_POSTS.has(request.routeOptions.url ?? '')) return payload;
    await sync.catchUp();
    return payload;
  });
}
