import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const GatewayConfig = Type.Object({
  /** Requests per minute allowed from one IP address. */
  GATEWAY_RATE_LIMIT_PER_IP: Type.Integer({ minimum: 1, default: 1200 }),
  /** Requests per minute allowed for one authenticated client (token subject). */
  GATEWAY_RATE_LIMIT_PER_CLIENT: Type.Integer({ minimum: 1, default: 600 }),
  /** Comma-separated origins allowed by CORS (the public origin is always allowed). */
  GATEWAY_CORS_ORIGINS: Type.String({ default: 'http://localhost:5173' }),
  /** Largest request body accepted at the edge, in bytes. */
  GATEWAY_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  /** Timeout for one upstream call, in milliseconds. */
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
});

/** The gateway's configuration, from the environment. */
export type GatewayConfig = Static<typeof GatewayConfig>;

/** Parses the gateway configuration; fails fast on bad values. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  return parseConfig(GatewayConfig, env);
}
