import type { Content } from '../domain/delivery.ts';
import type { OrderRefundedData } from '../events/order-data.ts';
import { formatter, oneLine, type TemplateSettings } from './context.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

/** Sent when money goes back to the customer: this refund's amount, partial or full. */
export function orderRefunded(data: OrderRefundedData, settings: TemplateSettings): Content {
  const { order } = data;
  const f = formatter(settings, order.currency);
  // Full as the orders service decided: nothing captured is left to refund.
  const full = data.refund.full;
  const amount = f.money(data.refund.amount);
  const subject = oneLine(
    full ? `${settings.shopName}: your order ${order.number} has been refunded` : `${settings.shopName}: partial refund of ${amount} for order ${order.number}`,
  );
  const summary = full
    ? `we have refunded ${amount} for your order ${order.number}; the order is now refunded in full (${f.money(order.refundedAmount)} of ${f.money(order.totals.grandTotal)}).`
    : `we have refunded ${amount} of your order ${order.number} (a partial refund; ${f.money(order.refundedAmount)} of ${f.money(order.totals.grandTotal)} refunded so far).`;
  const text = [`Hello ${order.shippingAddress.name},`, '', summary, '', 'The money goes back to the card you paid with; your bank may take a few days to show it.'];
  const body = html`<h2>${full ? 'Your order has been refunded' : 'Partial refund'}: ${amount}</h2>
<p>Hello ${order.shippingAddress.name},</p>
<p>${summary}</p>
<p>The money goes back to the card you paid with; your bank may take a few days to show it.</p>`;
  return layout(settings, subject, text, body);
}
