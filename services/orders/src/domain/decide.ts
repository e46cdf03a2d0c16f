import { problem } from '@mercato/kit';
import { ordersErrors } from '../errors.ts';
import type { OrderEvent, Placement } from './events.ts';
import { refundable, type Address, type Order, type OrderStatus, type Tracking } from './order.ts';

/** A command on an order; payment outcomes (capture, void, refund) are facts the use case got first. */
export type Command =
  | { type: 'place'; placement: Placement; payment: { intentId: string; amount: number } }
  | { type: 'approve' }
  | { type: 'prepare' }
  | { type: 'ship'; tracking: Tracking; capturedAmount: number }
  | { type: 'deliver' }
  | { type: 'cancel'; reason: string; payment: 'voided' | 'refunded'; refundedAmount: number }
  | { type: 'refund'; amount: number; reason: string; refundId: string }
  | { type: 'addNote'; text: string; author: string }
  | { type: 'changeAddresses'; shippingAddress?: Address; billingAddress?: Address };

/** A command without the payment outcome: what can be checked before money moves. */
export type Intent =
  | { type: Exclude<Command['type'], 'refund' | 'changeAddresses'> }
  | { type: 'refund'; amount: number }
  | { type: 'changeAddresses'; shippingAddress?: Address; billingAddress?: Address };

const BEFORE_SHIPMENT: readonly OrderStatus[] = ['placed', 'approved', 'prepared'];

function invalid(order: Order, command: string, detail: string) {
  return problem(ordersErrors.invalidTransition, detail, { status: order.status, paymentStatus: order.paymentStatus, command });
}

/**
 * Throws 409 `invalid-transition` (naming the current status) when the state machine forbids the
 * command now. Pure: the same state and intent always give the same answer.
 */
export function assertAllowed(order: Order | null, intent: Intent): asserts order is Order {
  if (intent.type === 'place') {
    if (order) throw invalid(order, 'place', `Order ${order.id} was already placed (it is ${order.status})`);
    return;
  }
  if (!order) throw new Error('a command other than place needs an order');
  const status = order.status;
  const needStatus = (allowed: readonly OrderStatus[], verb: string) => {
    if (!allowed.includes(status)) throw invalid(order, intent.type, `Cannot ${verb} an order that is ${status} (only when ${allowed.join(' or ')})`);
  };
  switch (intent.type) {
    case 'approve':
      needStatus(['placed'], 'approve');
      if (order.paymentStatus !== 'authorized') throw invalid(order, 'approve', `Cannot approve an order whose payment is ${order.paymentStatus}`);
      return;
    case 'prepare':
      return needStatus(['approved'], 'prepare');
    case 'ship':
      needStatus(['prepared'], 'ship');
      if (order.paymentStatus !== 'authorized') throw invalid(order, 'ship', `Cannot ship an order whose payment is ${order.paymentStatus}`);
      return;
    case 'deliver':
      return needStatus(['shipped'], 'deliver');
    case 'cancel':
      return needStatus(BEFORE_SHIPMENT, 'cancel');
    case 'refund': {
      if (order.paymentStatus !== 'paid' && order.paymentStatus !== 'partially_refunded') {
        throw invalid(order, 'refund', `Cannot refund an order that is ${status} with payment ${order.paymentStatus} (only once paid)`);
      }
      const left = refundable(order);
      if (intent.amount > left) {
        throw problem(ordersErrors.invalidTransition, `Cannot refund ${intent.amount}: only ${left} of the captured ${order.payment.capturedAmount} is left to refund (order ${status}, payment ${order.paymentStatus})`, {
          status,
          paymentStatus: order.paymentStatus,
          command: 'refund',
          refundable: left,
        });
      }
      return;
    }
    case 'addNote':
      return;
    case 'changeAddresses':
      if (status === 'cancelled') throw invalid(order, 'changeAddresses', 'Cannot change the addresses of a cancelled order');
      if (intent.shippingAddress) needStatus(BEFORE_SHIPMENT, 'change the shipping address of');
      return;
  }
}

/** The events a command yields on a state (pure); throws a problem when the state machine refuses it. */
export function decide(order: Order | null, command: Command): OrderEvent[] {
  assertAllowed(order, command.type === 'refund' ? { type: 'refund', amount: command.amount } : command);
  switch (command.type) {
    case 'place':
      return [
        { type: 'OrderPlaced', data: command.placement },
        { type: 'PaymentAuthorized', data: command.payment },
      ];
    case 'approve':
      return [{ type: 'OrderApproved', data: {} }];
    case 'prepare':
      return [{ type: 'OrderPrepared', data: {} }];
    case 'ship':
      return [
        { type: 'OrderShipped', data: command.tracking },
        { type: 'OrderPaid', data: { amount: command.capturedAmount } },
      ];
    case 'deliver':
      return [{ type: 'OrderDelivered', data: {} }];
    case 'cancel':
      return [{ type: 'OrderCancelled', data: { reason: command.reason, payment: command.payment, refundedAmount: command.refundedAmount } }];
    case 'refund': {
      const full = command.amount === refundable(order!);
      return [{ type: 'OrderRefunded', data: { amount: command.amount, refundId: command.refundId, reason: command.reason, full } }];
    }
    case 'addNote':
      return [{ type: 'NoteAdded', data: { text: command.text, author: command.author } }];
    case 'changeAddresses': {
      const data: { shippingAddress?: Address; billingAddress?: Address } = {};
      if (command.shippingAddress) data.shippingAddress = command.shippingAddress;
      if (command.billingAddress) data.billingAddress = command.billingAddress;
      return [{ type: 'AddressChanged', data }];
    }
  }
}
