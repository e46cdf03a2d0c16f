import type { CloudEvent } from '@mercato/kit';
import type { NotificationsConfig } from '../config.ts';
import { PREFERENCE_OF } from '../domain/kinds.ts';
import { maskEmail } from '../domain/mask.ts';
import type { SkipReason } from '../domain/delivery.ts';
import { recordDelivery } from '../store/deliveries.store.ts';
import type { NotificationsContext, Tx } from '../store/context.ts';
import { findPreferences } from '../store/preferences.store.ts';
import { render, type Message } from '../templates/render.ts';

/**
 * Records the message an order event calls for, in the inbox transaction: rendered now (the event
 * holds everything it shows), sent later by the sender. A customer with an account who turned the
 * kind off gets a `skipped` row instead; a guest order has no preferences and always gets its mail.
 */
export async function recordMessage(tx: Tx, ctx: NotificationsContext, config: NotificationsConfig, event: CloudEvent, message: Message): Promise<void> {
  const { order } = message.data;
  const preference = PREFERENCE_OF[message.kind];
  let skip: SkipReason | null = null;
  if (order.accountId !== null && preference !== null) {
    const preferences = await findPreferences(tx, order.accountId);
    if (!preferences.email[preference]) skip = 'preference';
  }
  const content = render(message, { shopName: config.NOTIFICATIONS_SHOP_NAME, locale: config.NOTIFICATIONS_LOCALE });
  const delivery = await recordDelivery(tx, {
    eventId: event.id,
    eventType: event.type,
    kind: message.kind,
    orderId: order.id,
    orderNumber: order.number,
    accountId: order.accountId,
    to: order.email,
    content,
    skip,
  });
  if (delivery) {
    ctx.log.info({ delivery_id: delivery.id, kind: delivery.kind, order_id: order.id, to: maskEmail(order.email), status: delivery.status, reason: delivery.reason }, 'notification recorded');
  }
}
