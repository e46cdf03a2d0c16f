import type { OrderSummary } from '../events/order-data.ts';
import type { Content } from '../domain/delivery.ts';
import { formatter, oneLine, type TemplateSettings } from './context.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { addressHtml, addressText, itemsHtml, itemsText } from './parts.ts';

/** Sent when an order is placed: what was bought, what it costs, where it goes. */
export function orderConfirmation(order: OrderSummary, settings: TemplateSettings): Content {
  const f = formatter(settings, order.currency);
  const subject = oneLine(`${settings.shopName}: your order ${order.number} is confirmed`);
  const text = [
    `Hello ${order.shippingAddress.name},`,
    '',
    `thank you for your order ${order.number}, placed on ${f.date(order.placedAt)}. We will let you know when it ships.`,
    '',
    itemsText(order, f),
    '',
    addressText('Shipping address', order.shippingAddress),
  ];
  const body = html`<h2>Thank you for your order ${order.number}</h2>
<p>Hello ${order.shippingAddress.name},</p>
<p>your order was placed on ${f.date(order.placedAt)}. We will let you know when it ships.</p>
${itemsHtml(order, f)}
${addressHtml('Shipping address', order.shippingAddress)}`;
  return layout(settings, subject, text, body);
}
