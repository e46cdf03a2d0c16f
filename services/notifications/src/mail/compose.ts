import MailComposer from 'nodemailer/lib/mail-composer';
import type { Delivery } from '../domain/delivery.ts';

/** The domain of the From address (for Message-IDs), e.g. `shop.example` in `Shop <orders@shop.example>`. */
export function senderDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}

/**
 * Builds a delivery's RFC 822 message. The Message-ID derives from the delivery id, so a retry after
 * a relay accepted a message but the answer was lost carries the same id (receivers drop the copy).
 */
export async function composeMessage(delivery: Delivery, from: string, date = new Date()): Promise<{ messageId: string; raw: Buffer }> {
  const messageId = `<${delivery.id}@${senderDomain(from)}>`;
  const composer = new MailComposer({
    from,
    to: delivery.to,
    subject: delivery.content.subject,
    text: delivery.content.text,
    html: delivery.content.html,
    messageId,
    date,
    textEncoding: 'quoted-printable',
    // RFC 5322 lines end in CRLF; the stored copy must be byte for byte what transports send.
    newline: 'windows',
    headers: { 'X-Mercato-Delivery': delivery.id, 'X-Mercato-Kind': delivery.kind },
  });
  const raw = await composer.compile().build();
  return { messageId, raw };
}
