import type { Content } from '../domain/delivery.ts';
import type { OrderShippedData } from '../events/order-data.ts';
import { formatter, oneLine, type TemplateSettings } from './context.ts';
import { html, safeUrl } from './html.ts';
import { layout } from './layout.ts';
import { addressHtml, addressText } from './parts.ts';

type Tracking = OrderShippedData['tracking'];

/** The shipment's carrier and tracking: the event's, else the order's. */
export function trackingOf(data: { order: OrderShippedData['order']; tracking?: Tracking }): Tracking | null {
  const tracking = data.tracking ?? data.order.tracking;
  return tracking && tracking.carrier && tracking.trackingNumber ? tracking : null;
}

/** Sent when an order leaves the warehouse: carrier, tracking number and link. */
export function orderShipped(data: OrderShippedData, settings: TemplateSettings): Content {
  const { order } = data;
  const f = formatter(settings, order.currency);
  const tracking = trackingOf(data);
  const link = safeUrl(tracking?.trackingUrl);
  const subject = oneLine(`${settings.shopName}: your order ${order.number} has shipped`);
  const text = [
    `Hello ${order.shippingAddress.name},`,
    '',
    `your order ${order.number} (${f.money(order.totals.grandTotal)}) is on its way.`,
    ...(tracking ? ['', `Carrier: ${tracking.carrier}`, `Tracking number: ${tracking.trackingNumber}`, ...(link ? [`Track your parcel: ${link}`] : [])] : []),
    '',
    addressText('Shipping to', order.shippingAddress),
  ];
  const body = html`<h2>Your order ${order.number} has shipped</h2>
<p>Hello ${order.shippingAddress.name},</p>
<p>your order ${order.number} (${f.money(order.totals.grandTotal)}) is on its way.</p>
${tracking ? html`<p>Carrier: <strong>${tracking.carrier}</strong><br>Tracking number: <strong>${tracking.trackingNumber}</strong></p>` : ''}
${link ? html`<p><a href="${link}">Track your parcel</a></p>` : ''}
${addressHtml('Shipping to', order.shippingAddress)}`;
  return layout(settings, subject, text, body);
}
