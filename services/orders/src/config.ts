import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const OrdersConfig = Type.Object({
  /** A snapshot of an order's state is written every this many events; loading reads the latest and the events after it. */
  ORDERS_SNAPSHOT_EVERY: Type.Integer({ minimum: 1, default: 100 }),
});

export type OrdersConfig = Static<typeof OrdersConfig>;

/** Parses the orders configuration; fails fast on bad values. */
export function loadOrdersConfig(env: Env): OrdersConfig {
  return parseConfig(OrdersConfig, env);
}
