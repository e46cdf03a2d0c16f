import type { Order } from '../../api/types.ts';

export type OrderAction = 'approve' | 'prepare' | 'ship' | 'deliver' | 'cancel' | 'refund';

/** What is left to refund of the captured amount. */
export function refundable(order: Order): number {
  return order.payment.capturedAmount - order.payment.refundedAmount;
}

/** Mirrors the orders service's state machine (services/orders/src/domain/decide.ts), to enable only allowed buttons. */
export function isAllowed(order: Order, action: OrderAction): boolean {
  switch (action) {
    case 'approve':
      return order.status === 'placed' && order.paymentStatus === 'authorized';
    case 'prepare':
      return order.status === 'approved';
    case 'ship':
      return order.status === 'prepared' && order.paymentStatus === 'authorized';
    case 'deliver':
      return order.status === 'shipped';
    case 'cancel':
      return order.status === 'placed' || order.status === 'approved' || order.status === 'prepared';
    case 'refund':
      return (order.paymentStatus === 'paid' || order.paymentStatus === 'partially_refunded') && refundable(order) > 0;
  }
}

/** Past tense for the confirmation message. */
export const DONE: Record<OrderAction, string> = {
  approve: 'approved',
  prepare: 'marked prepared',
  ship: 'shipped',
  deliver: 'marked delivered',
  cancel: 'cancelled',
  refund: 'refunded',
};
