import type { RecordedEvent } from '../domain/events.ts';
import type { Order } from '../domain/order.ts';

/** A note on an order, as the detail read model keeps it. */
export interface Note {
  text: string;
  author: string;
  at: string;
}

/** The order as the API (and the detail read model) shows it: the state without internal counters. */
export function orderView(order: Order) {
  const { noteCount: _noteCount, ...view } = order;
  return view;
}
export type OrderView = ReturnType<typeof orderView>;

/** The notes among some events. */
export function notesOf(events: readonly RecordedEvent[]): Note[] {
  return events.flatMap((e) => (e.type === 'NoteAdded' ? [{ text: e.data.text, author: e.data.author, at: e.occurredAt }] : []));
}
