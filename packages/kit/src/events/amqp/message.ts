import type { MessageProperties, Options } from 'amqplib';

/** The properties a copy of a received message keeps when it is forwarded (to a retry, dead-letter or main queue). */
export function copyProperties(msg: { properties: MessageProperties }): Options.Publish {
  const p = msg.properties;
  return { persistent: true, messageId: p.messageId, contentType: p.contentType, type: p.type, timestamp: p.timestamp, appId: p.appId };
}

/** The message's headers without those the broker adds when dead-lettering (x-death and friends). */
export function ownHeaders(msg: { properties: MessageProperties }): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(msg.properties.headers ?? {})) {
    if (!/^x-(death|first-death-|last-death-)/.test(key)) headers[key] = value;
  }
  return headers;
}
