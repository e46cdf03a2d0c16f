/** Request limits: a batch or quote bigger than this is a 400 naming the field. */
export const MAX_BATCH_ITEMS = 200;
export const MAX_QUANTITY = 10_000;
export const MAX_BULK_PRICES = 1_000;
export const MAX_TIERS = 20;
export const MAX_COUPONS = 10;
