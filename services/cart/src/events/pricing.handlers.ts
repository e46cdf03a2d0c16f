import { priceChanged, priceListUpserted, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import { markStaleByCurrency, markStaleBySku } from '../store/carts.store.ts';
import type { CartTables } from '../store/tables.ts';

/**
 * Price changes make carts stale rather than repricing them here: a popular SKU may sit in many
 * carts, and most of them will never be read again. The next read (or write) reprices and tells the
 * customer which prices moved.
 */
export const pricingHandlers = [
  onEvent<CartTables>(priceChanged, async (event, tx) => {
    const change = event.data as EventData<typeof priceChanged>;
    await markStaleBySku(tx, change.currency, change.sku);
  }),
  // Validity, priority or activation of a whole list changed: it may move any price in its currency.
  onEvent<CartTables>(priceListUpserted, async (event, tx) => {
    const list = event.data as EventData<typeof priceListUpserted>;
    await markStaleByCurrency(tx, list.currency);
  }),
];
