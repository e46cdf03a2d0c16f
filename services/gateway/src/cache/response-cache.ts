import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { acceptsBulkFile } from '../domain/streamed-body.ts';
import { loadResponseCacheConfig } from './cache-config.ts';
import { cachedRoute, EVENTS_BY_SOURCE, mayServeCachedRoute, sourceOf } from './cached-routes.ts';
import { ResponseStore } from './response-store.ts';
import { matchesIfNoneMatch, strongEtag } from './validators.ts';

/**
 * The answer differs (or is refused) with these request headers: shared caches downstream must not
 * give an anonymous answer to a signed-in shopper or to a guest cart's owner.
 */
const VARY = ['authorization', 'cart-token'];

/** Request headers that make a request personal or ask for read-your-writes: never served from the cache. */
const PERSONAL = ['authorization', 'cart-token', 'consistency-token'];

/** Headers of a stored answer that belong to the request that fetched it, not to the answer. */
const NOT_STORED = new Set(['date', 'age', 'vary', 'x-cache', 'set-cookie', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'consistency-token']);

type CacheState =
  | { kind: 'hit' | 'bypass' }
  /** `edgeHeaders`: set by the edge (CORS, rate limits) before the handler ran; they belong to the request. */
  | { kind: 'miss'; dependsOn: readonly string[]; fetchedFrom: number; edgeHeaders: Set<string> };

/**
 * A response cache for anonymous GETs of public catalog, search and mobile-screen reads (see
 * `cached-routes.ts`), installed as hooks on the routes that can serve them, so it applies to the
 * proxy and the BFF alike: after rate limiting and token checks, before the handler.
 * - Hits answer from memory with `Age` and `X-Cache: hit`; `If-None-Match` gets a 304.
 * - Only 200 answers without `Set-Cookie` or a restrictive `Cache-Control` are stored, with a
 *   strong ETag (the service's own, when it sends one: that is the version writers send back in
 *   If-Match) and `Cache-Control: public, max-age, stale-while-revalidate`.
 * - Events of the sources an answer is built from (catalog, pricing, inventory) drop it; a TTL
 *   bounds what a missed event could leave behind, and a gap in delivery clears everything.
 * Call it before the routes are declared (it hooks them as they are added).
 */
export function installResponseCache(app: ServiceApp, ctx: ServiceContext): void {
  const config = loadResponseCacheConfig(ctx.env);
  if (!config.GATEWAY_CACHE_ENABLED) return;
  const store = new ResponseStore({
    maxEntries: config.GATEWAY_CACHE_MAX_ENTRIES,
    maxBytes: config.GATEWAY_CACHE_MAX_BYTES,
    ttlMs: config.GATEWAY_CACHE_TTL_MS,
    settleMs: config.GATEWAY_CACHE_SETTLE_MS,
  });
  // Short max-age: browsers and CDNs keep an answer that no event can drop, so they keep it briefly.
  // stale-while-revalidate: past that, they may show it once more while revalidating in the
  // background, which costs a 304 from this cache's memory rather than a service call.
  const cacheControl = `public, max-age=${config.GATEWAY_CACHE_MAX_AGE_S}, stale-while-revalidate=${config.GATEWAY_CACHE_STALE_WHILE_REVALIDATE_S}`;
  const states = new WeakMap<FastifyRequest, CacheState>();

  ctx.events.listen(Object.values(EVENTS_BY_SOURCE).flat(), (event) => store.invalidate(sourceOf(event.type)), {
    onGap: () => {
      ctx.log.warn('response cache cleared: events may have been missed');
      store.clear();
    },
  });

  const serveFromCache: preHandlerHookHandler = async function (request, reply) {
    const dependsOn = request.method === 'GET' ? cachedRoute(request.url) : undefined;
    if (!dependsOn) return;
    if (PERSONAL.some((name) => request.headers[name] !== undefined) || acceptsBulkFile(request.headers.accept)) {
      states.set(request, { kind: 'bypass' });
      return;
    }
    // `Cache-Control: no-cache` asks for an answer checked with the origin: fetch it (and store it).
    const stored = revalidationAsked(request) ? undefined : store.get(request.url);
    if (!stored) {
      states.set(request, { kind: 'miss', dependsOn, fetchedFrom: performance.now(), edgeHeaders: new Set(Object.keys(reply.getHeaders())) });
      return;
    }
    states.set(request, { kind: 'hit' });
    reply.headers(stored.headers).header('etag', stored.etag).header('cache-control', cacheControl);
    reply.header('age', String(Math.floor((performance.now() - stored.storedAt) / 1000)));
    if (matchesIfNoneMatch(request.headers['if-none-match'], stored.etag)) {
      reply.removeHeader('content-type');
      return reply.code(304).send();
    }
    return reply.code(200).send(stored.body);
  };

  const storeAnswer: onSendHookHandler = async function (request, reply, payload) {
    const state = states.get(request);
    if (!state) return payload;
    reply.header('vary', withVary(reply.getHeader('vary')));
    reply.header('x-cache', state.kind);
    if (state.kind !== 'miss') {
      if (state.kind === 'bypass' && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
      return payload;
    }
    if (!storable(reply) || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const etag = typeof reply.getHeader('etag') === 'string' ? (reply.getHeader('etag') as string) : strongEtag(body);
    reply.header('etag', etag).header('cache-control', cacheControl);
    if (store.mayStore(state.dependsOn, state.fetchedFrom)) store.put(request.url, state.dependsOn, { headers: headersToStore(reply, state.edgeHeaders), body, etag });
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304).removeHeader('content-type');
      return null;
    }
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (![route.method].flat().includes('GET') || !mayServeCachedRoute(route.url)) return;
    route.preHandler = [serveFromCache, ...[route.preHandler ?? []].flat()];
    route.onSend = [...[route.onSend ?? []].flat(), storeAnswer];
  });
}

/** A 200 the service allowed to be shared. */
function storable(reply: FastifyReply): boolean {
  if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return false;
  const upstream = reply.getHeader('cache-control');
  return upstream === undefined || !/no-store|no-cache|private/i.test(String(upstream));
}

function revalidationAsked(request: FastifyRequest): boolean {
  return /no-cache/i.test(String(request.headers['cache-control'] ?? '')) || /no-cache/i.test(String(request.headers.pragma ?? ''));
}

/** The answer's own headers: those the handler set, less the per-request ones. */
function headersToStore(reply: FastifyReply, edgeHeaders: Set<string>): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || edgeHeaders.has(name) || NOT_STORED.has(name)) continue;
    headers[name] = typeof value === 'number' ? String(value) : value;
  }
  return headers;
}

/** The response's `Vary` (CORS adds `Origin`) plus the cache's own. */
function withVary(existing: unknown): string {
  const names = existing === undefined ? [] : String(existing).split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of VARY) if (!names.some((n) => n.toLowerCase() === name)) names.push(name);
  return names.join(', ');
}
