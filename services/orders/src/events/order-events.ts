import { orderAddressChanged, orderApproved, orderCancelled, orderDelivered, orderNoteAdded, orderPaid, orderPlaced, orderPrepared, orderRefunded, orderShipped } from '@mercato/contracts';
import type { RecordedEvent } from '../domain/events.ts';
import { evolve } from '../domain/evolve.ts';
import type { Order } from '../domain/order.ts';
import { summarize } from '../domain/summary.ts';
import type { OrdersContext, Tx } from '../store/context.ts';

/** The public event an internal one becomes (none for OrderPlaced: `placed` follows its PaymentAuthorized). */
function publicEvent(event: RecordedEvent): { type: string; change: Record<string, unknown> } | undefined {
  switch (event.type) {
    case 'OrderPlaced':
      return undefined;
    case 'PaymentAuthorized':
      return { type: orderPlaced.type, change: {} };
    case 'OrderApproved':
      return { type: orderApproved.type, change: {} };
    case 'OrderPrepared':
      return { type: orderPrepared.type, change: {} };
    case 'OrderShipped':
      return { type: orderShipped.type, change: { tracking: event.data } };
    case 'OrderPaid':
      return { type: orderPaid.type, change: { amount: event.data.amount } };
    case 'OrderDelivered':
      return { type: orderDelivered.type, change: {} };
    case 'OrderCancelled':
      return { type: orderCancelled.type, change: { reason: event.data.reason } };
    case 'OrderRefunded':
      return { type: orderRefunded.type, change: { refund: { id: event.data.refundId, amount: event.data.amount, reason: event.data.reason, full: event.data.full } } };
    case 'NoteAdded':
      return { type: orderNoteAdded.type, change: { note: { text: event.data.text, author: event.data.author } } };
    case 'AddressChanged':
      return { type: orderAddressChanged.type, change: { ...event.data } };
  }
}

/**
 * Publishes the public events of freshly appended ones through the outbox of the append's
 * transaction, each carrying the order as it was right after that event.
 */
export async function publishOrderEvents(ctx: OrdersContext, tx: Tx, before: Order | null, recorded: readonly RecordedEvent[]): Promise<void> {
  let state = before;
  for (const event of recorded) {
    state = evolve(state, event);
    const published = publicEvent(event);
    if (published) await ctx.events.publish(tx, { type: published.type, subject: state.id, data: { order: summarize(state), ...published.change } });
  }
}
