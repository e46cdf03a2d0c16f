import type { EventData, OrderSummary as OrderSummarySchema, orderCancelled, orderRefunded, orderShipped } from '@mercato/contracts';
import type { Static } from '@sinclair/typebox';

/** The order as every order event carries it (after the change). */
export type OrderSummary = Static<typeof OrderSummarySchema>;
export type OrderShippedData = EventData<typeof orderShipped>;
export type OrderRefundedData = EventData<typeof orderRefunded>;
export type OrderCancelledData = EventData<typeof orderCancelled>;
