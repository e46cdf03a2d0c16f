/** Units of one SKU per cart line. */
export const MAX_QUANTITY = 999;
/** Lines per cart (pricing quotes up to 200). */
export const MAX_LINES = 100;
/** Coupon codes per cart. */
export const MAX_COUPONS = 5;
/** How many times a write re-reads and re-applies itself when another write won the race. */
export const WRITE_ATTEMPTS = 8;
