import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const GatewayConfig = Type.Object({
  /** Requests per minute allowed from one IP address. */
  GATEWAY_RATE_LIMIT_PER_IP: Type.Integer({ minimum: 1, default: 1200 }),
  /** Requests per minute allowed for one authenticated client (token subject). */
  GATEWAY_RATE_LIMIT_PER_CLIENT: Type.Integer({ minimum: 1, default: 600 }),
  /** Comma-separated origins allowed by CORS (the public origin is always allowed). */
  GATEWAY_CORS_ORIGINS: Type.String({ default: 'http://localhost:5173' }),
  /** Largest buffered request body (JSON and every type not streamed) accepted at the edge, in bytes. */
  GATEWAY_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  /** Timeout for one upstream call, in milliseconds. */
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  /**
   * Largest streamed upload, in bytes: bodies sent as `text/csv`, `application/x-ndjson` or
   * `application/octet-stream` pass through to the service as they arrive, never buffered.
   */
  GATEWAY_UPLOAD_LIMIT: Type.Integer({ minimum: 1024, default: 4 * 1024 ** 3 }),
  /** Timeout for the upstream call of a streamed upload (sending the body and getting the answer), in milliseconds. */
  GATEWAY_UPLOAD_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30 * 60_000 }),
  /** The storefront's build directory (default: apps/storefront/dist of this checkout). */
  GATEWAY_STOREFRONT_DIR: Type.String({ default: '' }),
  /** The admin's build directory (default: apps/admin/dist of this checkout). */
  GATEWAY_ADMIN_DIR: Type.String({ default: '' }),
});

/** The gateway's configuration, from the environment. */
export type GatewayConfig = Static<typeof GatewayConfig>;

/** Parses the gateway configuration; fails fast on bad values. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  return parseConfig(GatewayConfig, env);
}
