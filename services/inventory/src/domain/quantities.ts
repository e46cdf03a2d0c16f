/** The largest quantity one line or one adjustment may move. */
export const MAX_QUANTITY = 100_000;

/** The most units one warehouse may hold of one SKU (keeps sums far from integer overflow). */
export const MAX_ON_HAND = 1_000_000_000;

/** Reservation lifetime bounds, in seconds. */
export const RESERVATION_TTL = { min: 1, max: 7 * 24 * 3600, default: 15 * 60 } as const;
