import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const CartConfig = Type.Object({
  /** Days without activity after which a guest cart expires. */
  CART_GUEST_TTL_DAYS: Type.Number({ exclusiveMinimum: 0, default: 7 }),
  /** Days without activity after which a customer cart expires. */
  CART_CUSTOMER_TTL_DAYS: Type.Number({ exclusiveMinimum: 0, default: 90 }),
  /** How often the sweeper looks for expired carts, in milliseconds. */
  CART_EXPIRY_SWEEP_MS: Type.Integer({ minimum: 50, default: 60_000 }),
  /** A read reprices a cart whose prices are older than this (validity windows, group changes), in milliseconds. */
  CART_REPRICE_AFTER_MS: Type.Integer({ minimum: 0, default: 15 * 60_000 }),
});

export type CartConfig = Static<typeof CartConfig>;

/** Parses the cart configuration; fails fast on bad values. */
export function loadCartConfig(env: Env): CartConfig {
  return parseConfig(CartConfig, env);
}
