import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@mercato/kit';
import { decide, type Command } from '../src/domain/decide.ts';
import type { OrderEvent, RecordedEvent } from '../src/domain/events.ts';
import { fold } from '../src/domain/evolve.ts';
import type { Order } from '../src/domain/order.ts';
import { address, placement } from './helpers.ts';

const TRACKING = { carrier: 'DHL', trackingNumber: 'T', trackingUrl: null };
const COMMANDS: Record<string, Command> = {
  approve: { type: 'approve' },
  prepare: { type: 'prepare' },
  ship: { type: 'ship', tracking: TRACKING, capturedAmount: 2495 },
  deliver: { type: 'deliver' },
  cancel: { type: 'cancel', reason: 'r', payment: 'voided', refundedAmount: 0 },
  refund: { type: 'refund', amount: 100, reason: 'r', refundId: 'ref_1' },
  note: { type: 'addNote', text: 't', author: 'a' },
  shippingAddress: { type: 'changeAddresses', shippingAddress: address('New') },
  billingAddress: { type: 'changeAddresses', billingAddress: address('New') },
};

/** The commands each reachable state allows; every other one must be refused. */
const ALLOWED: Record<string, string[]> = {
  placed: ['approve', 'cancel', 'note', 'shippingAddress', 'billingAddress'],
  approved: ['prepare', 'cancel', 'note', 'shippingAddress', 'billingAddress'],
  prepared: ['ship', 'cancel', 'note', 'shippingAddress', 'billingAddress'],
  shipped: ['deliver', 'refund', 'note', 'billingAddress'],
  delivered: ['refund', 'note', 'billingAddress'],
  cancelled: ['note'],
};
/** The commands that lead from a placed order to each state. */
const PATHS: Record<string, string[]> = {
  placed: [],
  approved: ['approve'],
  prepared: ['approve', 'prepare'],
  shipped: ['approve', 'prepare', 'ship'],
  delivered: ['approve', 'prepare', 'ship', 'deliver'],
  cancelled: ['approve', 'cancel'],
};

let clock = Date.parse('2026-01-01T00:00:00Z');
function apply(order: Order | null, command: Command): Order {
  const events: OrderEvent[] = decide(order, command);
  const version = order?.version ?? 0;
  const recorded = events.map((e, i) => ({ ...e, version: version + i + 1, occurredAt: new Date((clock += 1000)).toISOString(), actor: 'test' }) as RecordedEvent);
  return fold(order, recorded)!;
}

function placed(): Order {
  const { payment, ...rest } = placement('pay_1', { id: 'ord_1' });
  return apply(null, { type: 'place', placement: { ...rest, number: 'M-000001' } as never, payment });
}

describe('order state machine (pure decide/evolve)', () => {
  for (const [status, path] of Object.entries(PATHS)) {
    it(`${status}: allows ${ALLOWED[status]!.join(', ')}; refuses the rest with invalid-transition naming ${status}`, () => {
      const order = path.reduce((o, name) => apply(o, COMMANDS[name]!), placed());
      assert.equal(order.status, status);
      for (const [name, command] of Object.entries(COMMANDS)) {
        if (ALLOWED[status]!.includes(name)) {
          assert.doesNotThrow(() => decide(order, command), `${name} on ${status}`);
          continue;
        }
        assert.throws(
          () => decide(order, command),
          (error: unknown) => error instanceof ProblemError && error.spec.code === 'invalid-transition' && error.status === 409 && error.extensions.status === status && String(error.detail).includes(status),
          `${name} on ${status} must be refused`,
        );
      }
    });
  }

  it('refunds: never more than captured minus refunded; the last one is full', () => {
    let order = ['approve', 'prepare', 'ship'].reduce((o, name) => apply(o, COMMANDS[name]!), placed());
    assert.equal(order.paymentStatus, 'paid');
    assert.throws(() => decide(order, { type: 'refund', amount: 2496, reason: 'r', refundId: 'x' }), (e: any) => e.extensions.refundable === 2495);
    order = apply(order, { type: 'refund', amount: 2000, reason: 'r', refundId: 'ref_1' });
    assert.equal(order.paymentStatus, 'partially_refunded');
    assert.throws(() => decide(order, { type: 'refund', amount: 496, reason: 'r', refundId: 'x' }), (e: any) => e.extensions.refundable === 495);
    order = apply(order, { type: 'refund', amount: 495, reason: 'r', refundId: 'ref_2' });
    assert.equal(order.paymentStatus, 'refunded');
    assert.deepEqual(order.refunds.map((r) => r.full), [false, true]);
    assert.throws(() => decide(order, { type: 'refund', amount: 1, reason: 'r', refundId: 'x' }), (e: any) => e.extensions.status === 'shipped' && e.extensions.paymentStatus === 'refunded');
  });

  it('placing twice is refused; a cancel that refunded a capture says so', () => {
    const order = placed();
    assert.equal(order.version, 2);
    assert.equal(order.paymentStatus, 'authorized');
    assert.throws(() => decide(order, { type: 'place', placement: {} as never, payment: { intentId: 'p', amount: 1 } }), (e: any) => e.spec.code === 'invalid-transition');
    const cancelled = apply(order, { type: 'cancel', reason: 'r', payment: 'refunded', refundedAmount: 2495 });
    assert.equal(cancelled.paymentStatus, 'refunded');
    assert.equal(cancelled.payment.refundedAmount, 2495);
  });
});
