import { money, type Money } from './money.ts';
import type { AddressBody, CartBody, CheckoutBody, OrderBody, OrderSummaryBody, OrderTotals } from './types.ts';

/** Shapes both adapters answer with (the GraphQL types of the same names; mobile sends them as JSON). */

export interface TotalsView {
  subtotal: Money;
  discount: Money;
  tax: Money;
  shipping: Money;
  grandTotal: Money;
}

export interface CartView {
  id: string;
  token: string | null;
  status: string;
  currency: string;
  lines: Array<{ sku: string; quantity: number; unitPrice: Money; lineTotal: Money }>;
  itemCount: number;
  totals: TotalsView;
  shipping: { country: string; method: string } | null;
  coupons: string[];
  promotions: Array<{ name: string; amount: Money }>;
}

export interface AddressView {
  name: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface OrderView {
  id: string;
  number: string;
  status: string;
  placedAt: string;
  email: string;
  lines: Array<{ sku: string; name: string; quantity: number; unitPrice: Money; lineTotal: Money }>;
  totals: TotalsView;
  shippingAddress: AddressView | null;
  shipment: { carrier: string; trackingNumber: string } | null;
}

/** An order of a list: what the list says; the rest is loaded when asked for. */
export interface OrderSummaryView {
  id: string;
  number: string;
  status: string;
  placedAt: string;
  grandTotal: Money;
  itemCount: number;
}

export interface CheckoutView {
  id: string;
  status: string;
  orderId: string | null;
  failure: { code: string; title: string; detail: string | null } | null;
}

export function cartView(cart: CartBody): CartView {
  const m = (amount: number | null) => money(amount ?? 0, cart.currency);
  return {
    id: cart.id,
    token: cart.token ?? null,
    status: cart.status,
    currency: cart.currency,
    lines: cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: m(line.unitPrice), lineTotal: m(line.lineTotal) })),
    itemCount: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
    totals: {
      subtotal: m(cart.totals.subtotal),
      discount: m(cart.totals.discounts),
      tax: m(cart.totals.tax),
      shipping: m(cart.totals.shipping),
      grandTotal: m(cart.totals.grandTotal),
    },
    shipping: cart.shipping,
    coupons: cart.coupons.map((c) => c.code),
    promotions: cart.discounts.map((d) => ({ name: d.name ?? 'Discount', amount: m(d.amount ?? 0) })),
  };
}

export function addressView(address: AddressBody): AddressView {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2 ?? null,
    postalCode: address.postalCode ?? '',
    city: address.city,
    country: address.country,
  };
}

function orderTotals(totals: OrderTotals, currency: string): TotalsView {
  return {
    subtotal: money(totals.subtotal, currency),
    discount: money(totals.discountTotal, currency),
    tax: money(totals.taxTotal, currency),
    shipping: money(totals.shippingTotal, currency),
    grandTotal: money(totals.grandTotal, currency),
  };
}

/** An order for the apps; `names` (by SKU) fills lines recorded without a product name. */
export function orderView(order: OrderBody, names: ReadonlyMap<string, string> = new Map()): OrderView {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    placedAt: order.placedAt,
    email: order.email,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name ?? names.get(line.sku) ?? line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice, order.currency),
      lineTotal: money(line.lineTotal, order.currency),
    })),
    totals: orderTotals(order.totals, order.currency),
    shippingAddress: order.shippingAddress ? addressView(order.shippingAddress) : null,
    shipment: order.tracking ? { carrier: order.tracking.carrier, trackingNumber: order.tracking.trackingNumber } : null,
  };
}

export function orderSummaryView(order: OrderSummaryBody): OrderSummaryView {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    placedAt: order.placedAt,
    grandTotal: money(order.grandTotal, order.currency),
    itemCount: order.itemCount,
  };
}

export function checkoutView(checkout: CheckoutBody, failureDetail?: string): CheckoutView {
  return {
    id: checkout.id,
    status: checkout.status,
    orderId: checkout.orderId,
    failure: checkout.failure ? { code: checkout.failure.code, title: checkout.failure.message, detail: failureDetail ?? null } : null,
  };
}
