import type { OrderSummary } from '../events/order-data.ts';
import type { Formatter } from './context.ts';
import { html, type SafeHtml } from './html.ts';

type Address = OrderSummary['shippingAddress'];
type Line = OrderSummary['lines'][number];

const lineName = (line: Line) => line.name || line.sku;

/** An address, one part per line. */
export function addressLines(address: Address): string[] {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, cityLine, address.region, address.country].filter((part): part is string => !!part);
}

export function addressText(title: string, address: Address): string {
  return [title, ...addressLines(address).map((l) => `  ${l}`)].join('\n');
}

export function addressHtml(title: string, address: Address): SafeHtml {
  const lines = addressLines(address);
  return html`<h3 style="margin:16px 0 4px">${title}</h3><p style="margin:0">${lines.map((l, i) => html`${i > 0 ? html`<br>` : ''}${l}`)}</p>`;
}

/** The order's lines and totals as plain text. */
export function itemsText(order: OrderSummary, f: Formatter): string {
  const rows: Array<[string, string]> = order.lines.map((l) => [`${l.quantity} × ${lineName(l)} (${l.sku})`, f.money(l.lineTotal)]);
  const t = order.totals;
  const totals: Array<[string, string]> = [
    ['Subtotal', f.money(t.subtotal)],
    ...(t.discountTotal > 0 ? [['Discounts', f.money(-t.discountTotal)] as [string, string]] : []),
    ['Shipping', f.money(t.shippingTotal)],
    ['Tax', f.money(t.taxTotal)],
    ['Total', f.money(t.grandTotal)],
  ];
  const width = Math.max(...[...rows, ...totals].map(([label]) => label.length));
  const row = ([label, amount]: [string, string]) => `  ${label.padEnd(width)}  ${amount}`;
  return [...rows.map(row), `  ${'-'.repeat(width + 12)}`, ...totals.map(row)].join('\n');
}

/** The order's lines and totals as an HTML table. */
export function itemsHtml(order: OrderSummary, f: Formatter): SafeHtml {
  const t = order.totals;
  const cell = 'padding:4px 8px';
  const amount = `${cell};text-align:right;white-space:nowrap`;
  const totalRow = (label: string, value: number, strong = false) =>
    html`<tr><td colspan="2" style="${cell};text-align:right">${strong ? html`<strong>${label}</strong>` : label}</td><td style="${amount}">${strong ? html`<strong>${f.money(value)}</strong>` : f.money(value)}</td></tr>`;
  return html`<table role="presentation" style="border-collapse:collapse;width:100%">
<thead><tr><th style="${cell};text-align:left">Item</th><th style="${cell};text-align:right">Qty</th><th style="${amount}">Amount</th></tr></thead>
<tbody>${order.lines.map((l) => html`<tr><td style="${cell}">${lineName(l)}<br><small>${l.sku}</small></td><td style="${cell};text-align:right">${l.quantity}</td><td style="${amount}">${f.money(l.lineTotal)}</td></tr>`)}</tbody>
<tfoot>${totalRow('Subtotal', t.subtotal)}${t.discountTotal > 0 ? totalRow('Discounts', -t.discountTotal) : ''}${totalRow('Shipping', t.shippingTotal)}${totalRow('Tax', t.taxTotal)}${totalRow('Total', t.grandTotal, true)}</tfoot>
</table>`;
}
