import type { ServiceContext } from '@mercato/kit';
import { loadGatewayConfig } from '../config.ts';
import type { BffOptions } from './composition.ts';

/** The BFFs' settings, from the gateway's configuration. */
export function bffOptions(ctx: ServiceContext): BffOptions {
  const config = loadGatewayConfig(ctx.env);
  return {
    // The demo shop sells in EUR; a currency per viewer (from their cart) would be an addition.
    currency: 'EUR',
    timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
    checkoutTimeoutMs: Math.max(config.GATEWAY_UPSTREAM_TIMEOUT_MS, 60_000),
  };
}
