import type { Order } from './order.ts';

/** The order as its public events carry it (`OrderSummary` in contracts). */
export function summarize(order: Order) {
  return {
    id: order.id,
    number: order.number,
    accountId: order.accountId,
    email: order.email,
    status: order.status,
    paymentStatus: order.paymentStatus === 'pending' ? ('authorized' as const) : order.paymentStatus,
    currency: order.currency,
    lines: order.lines.map((l) => ({ sku: l.sku, name: l.name ?? null, quantity: l.quantity, lineTotal: l.lineTotal })),
    totals: order.totals,
    shippingAddress: order.shippingAddress,
    tracking: order.tracking,
    refundedAmount: order.payment.refundedAmount,
    placedAt: order.placedAt,
    version: order.version,
  };
}

/** A human order number from a sequence value: M-000123. */
export function orderNumber(n: number): string {
  return `M-${String(n).padStart(6, '0')}`;
}
