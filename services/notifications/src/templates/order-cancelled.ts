import type { Content } from '../domain/delivery.ts';
import type { OrderCancelledData } from '../events/order-data.ts';
import { formatter, oneLine, type TemplateSettings } from './context.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

/**
 * Sent when an order is cancelled. The cancellation reason is staff's note and not shown; what the
 * customer needs is what happens to their money.
 */
export function orderCancelled(data: OrderCancelledData, settings: TemplateSettings): Content {
  const { order } = data;
  const f = formatter(settings, order.currency);
  const subject = oneLine(`${settings.shopName}: your order ${order.number} has been cancelled`);
  const money =
    order.refundedAmount > 0
      ? `The ${f.money(order.refundedAmount)} you paid has been refunded to your card.`
      : `You have not been charged: the ${f.money(order.totals.grandTotal)} reserved on your card has been released.`;
  const text = [`Hello ${order.shippingAddress.name},`, '', `your order ${order.number} placed on ${f.date(order.placedAt)} has been cancelled.`, money];
  const body = html`<h2>Your order ${order.number} has been cancelled</h2>
<p>Hello ${order.shippingAddress.name},</p>
<p>your order ${order.number} placed on ${f.date(order.placedAt)} has been cancelled.</p>
<p>${money}</p>`;
  return layout(settings, subject, text, body);
}
