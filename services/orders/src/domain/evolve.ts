import type { RecordedEvent } from './events.ts';
import type { Order } from './order.ts';

/**
 * Applies one recorded event to the state (pure; never validates: an event in the stream happened).
 * Any change to what this function computes must bump SNAPSHOT_SCHEMA, so that snapshots folded by
 * the old code are ignored.
 */
export function evolve(state: Order | null, event: RecordedEvent): Order {
  if (event.type === 'OrderPlaced') {
    const p = event.data;
    return {
      ...p,
      status: 'placed',
      paymentStatus: 'pending',
      payment: { intentId: null, authorizedAmount: 0, capturedAmount: 0, refundedAmount: 0 },
      tracking: null,
      refunds: [],
      cancellation: null,
      noteCount: 0,
      placedAt: event.occurredAt,
      updatedAt: event.occurredAt,
      version: event.version,
    };
  }
  if (!state) throw new Error(`event ${event.type} at version ${event.version} precedes OrderPlaced`);
  const next: Order = { ...state, updatedAt: event.occurredAt, version: event.version };
  switch (event.type) {
    case 'PaymentAuthorized':
      return { ...next, paymentStatus: 'authorized', payment: { ...state.payment, intentId: event.data.intentId, authorizedAmount: event.data.amount } };
    case 'OrderApproved':
      return { ...next, status: 'approved' };
    case 'OrderPrepared':
      return { ...next, status: 'prepared' };
    case 'OrderShipped':
      return { ...next, status: 'shipped', tracking: event.data };
    case 'OrderPaid':
      return { ...next, paymentStatus: 'paid', payment: { ...state.payment, capturedAmount: state.payment.capturedAmount + event.data.amount } };
    case 'OrderDelivered':
      return { ...next, status: 'delivered' };
    case 'OrderCancelled': {
      const refunded = event.data.refundedAmount;
      return {
        ...next,
        status: 'cancelled',
        paymentStatus: event.data.payment === 'refunded' ? 'refunded' : 'voided',
        payment: refunded > 0 ? { ...state.payment, capturedAmount: Math.max(state.payment.capturedAmount, refunded), refundedAmount: state.payment.refundedAmount + refunded } : state.payment,
        cancellation: { reason: event.data.reason, at: event.occurredAt },
      };
    }
    case 'OrderRefunded': {
      const { amount, refundId, reason, full } = event.data;
      return {
        ...next,
        paymentStatus: full ? 'refunded' : 'partially_refunded',
        payment: { ...state.payment, refundedAmount: state.payment.refundedAmount + amount },
        refunds: [...state.refunds, { id: refundId, amount, reason, full, at: event.occurredAt }],
      };
    }
    case 'NoteAdded':
      return { ...next, noteCount: state.noteCount + 1 };
    case 'AddressChanged':
      return {
        ...next,
        shippingAddress: event.data.shippingAddress ?? state.shippingAddress,
        billingAddress: event.data.billingAddress ?? state.billingAddress,
      };
  }
}

/** Folds events onto a state (null: from the beginning). */
export function fold(state: Order | null, events: Iterable<RecordedEvent>): Order | null {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
}

/** Bump when `evolve` changes what it computes: older snapshots are then ignored. */
export const SNAPSHOT_SCHEMA = 1;
