import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const ResponseCacheConfig = Type.Object({
  /** Serve anonymous public reads (catalog, search, mobile screens) from the gateway's memory. */
  GATEWAY_CACHE_ENABLED: Type.Boolean({ default: true }),
  /** Most answers kept (least recently used go first). */
  GATEWAY_CACHE_MAX_ENTRIES: Type.Integer({ minimum: 1, default: 10_000 }),
  /** Most body bytes kept; one answer larger than 1/64 of it is never stored. */
  GATEWAY_CACHE_MAX_BYTES: Type.Integer({ minimum: 1024, default: 64 * 1024 ** 2 }),
  /** Longest an answer is kept, whatever the events say: the safety net for a missed event, in ms. */
  GATEWAY_CACHE_TTL_MS: Type.Integer({ minimum: 100, default: 60_000 }),
  /**
   * After an event, answers depending on its source are not stored for this long (ms): read models
   * (search's index, a catalog read replica) apply the same event a little later than the gateway
   * hears it, and an answer fetched in between would otherwise be cached stale.
   */
  GATEWAY_CACHE_SETTLE_MS: Type.Integer({ minimum: 0, default: 1_000 }),
  /** `max-age` sent to browsers and CDNs, in seconds: the staleness they add, which events cannot reach. */
  GATEWAY_CACHE_MAX_AGE_S: Type.Integer({ minimum: 0, default: 5 }),
  /** `stale-while-revalidate` sent with it, in seconds. */
  GATEWAY_CACHE_STALE_WHILE_REVALIDATE_S: Type.Integer({ minimum: 0, default: 30 }),
});

/** The response cache's configuration, from the environment. */
export type ResponseCacheConfig = Static<typeof ResponseCacheConfig>;

/** Parses the response cache configuration; fails fast on bad values. */
export function loadResponseCacheConfig(env: Env): ResponseCacheConfig {
  return parseConfig(ResponseCacheConfig, env);
}
