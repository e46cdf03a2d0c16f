import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const InventoryConfig = Type.Object({
  /** How often expired reservations are looked for and released, in milliseconds. */
  INVENTORY_EXPIRY_SWEEP_MS: Type.Integer({ minimum: 50, default: 5_000 }),
});

export type InventoryConfig = Static<typeof InventoryConfig>;

/** Parses the inventory configuration; fails fast on bad values. */
export function loadInventoryConfig(env: Env): InventoryConfig {
  return parseConfig(InventoryConfig, env);
}
