import type { Content } from '../domain/delivery.ts';
import type { OrderCancelledData, OrderRefundedData, OrderShippedData, OrderSummary } from '../events/order-data.ts';
import type { TemplateSettings } from './context.ts';
import { orderCancelled } from './order-cancelled.ts';
import { orderConfirmation } from './order-confirmation.ts';
import { orderRefunded } from './order-refunded.ts';
import { orderShipped } from './order-shipped.ts';

/** A kind with the event data its template reads. */
export type Message =
  | { kind: 'order-confirmation'; data: { order: OrderSummary } }
  | { kind: 'order-shipped'; data: OrderShippedData }
  | { kind: 'order-refunded'; data: OrderRefundedData }
  | { kind: 'order-cancelled'; data: OrderCancelledData };

/** Renders a message's subject, text and HTML. */
export function render(message: Message, settings: TemplateSettings): Content {
  switch (message.kind) {
    case 'order-confirmation':
      return orderConfirmation(message.data.order, settings);
    case 'order-shipped':
      return orderShipped(message.data, settings);
    case 'order-refunded':
      return orderRefunded(message.data, settings);
    case 'order-cancelled':
      return orderCancelled(message.data, settings);
  }
}
