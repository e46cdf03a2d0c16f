import {
  orderAddressChanged,
  orderApproved,
  orderCancelled,
  orderDelivered,
  orderNoteAdded,
  orderPaid,
  orderPlaced,
  orderPrepared,
  orderRefunded,
  orderShipped,
} from '@mercato/contracts';
import { onEvent, type EventSubscription } from '@mercato/kit';
import { loadNotificationsConfig, type NotificationsConfig } from '../config.ts';
import type { NotificationsContext } from '../store/context.ts';
import type { NotificationsTables } from '../store/tables.ts';
import type { OrderCancelledData, OrderRefundedData, OrderShippedData, OrderSummary } from './order-data.ts';
import { recordMessage } from './record-message.ts';

const configs = new WeakMap<NotificationsContext, NotificationsConfig>();
function configOf(ctx: NotificationsContext): NotificationsConfig {
  let config = configs.get(ctx);
  if (!config) configs.set(ctx, (config = loadNotificationsConfig(ctx.env)));
  return config;
}

const ignore = async () => undefined;

/**
 * Order events that call for an email. Every other order event is consumed too, and ignored: the
 * inbox applies an order's events in sequence, so an event type left out would be a gap that parks
 * every later event of that order.
 */
export const ordersHandlers: EventSubscription<NotificationsTables>[] = [
  onEvent<NotificationsTables>(orderPlaced, (event, tx, ctx) =>
    recordMessage(tx, ctx, configOf(ctx), event, { kind: 'order-confirmation', data: event.data as { order: OrderSummary } }),
  ),
  onEvent<NotificationsTables>(orderShipped, (event, tx, ctx) =>
    recordMessage(tx, ctx, configOf(ctx), event, { kind: 'order-shipped', data: event.data as OrderShippedData }),
  ),
  onEvent<NotificationsTables>(orderRefunded, (event, tx, ctx) =>
    recordMessage(tx, ctx, configOf(ctx), event, { kind: 'order-refunded', data: event.data as OrderRefundedData }),
  ),
  onEvent<NotificationsTables>(orderCancelled, (event, tx, ctx) =>
    recordMessage(tx, ctx, configOf(ctx), event, { kind: 'order-cancelled', data: event.data as OrderCancelledData }),
  ),
  ...[orderApproved, orderPaid, orderPrepared, orderDelivered, orderNoteAdded, orderAddressChanged].map((contract) => onEvent<NotificationsTables>(contract, ignore)),
];
