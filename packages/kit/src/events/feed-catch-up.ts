import type { ServiceClient } from '../client/service-client.ts';
import type { CloudEvent } from './envelope.ts';

const PAGE = 500;
const PENDING_POLL_MS = 25;

interface FeedPage {
  items: CloudEvent[];
  nextCursor: string | null;
  cursor: string | null;
  oldestPendingAt: string | null;
  now: string;
}

/**
 * Reads a producer's event feed from the start and applies the events of the given types. Call it
 * after subscribing: it reads until every event committed before its first read is in the feed
 * (events relayed while the subscription was being created may miss the queue but not the feed).
 * Applying goes through the inbox, so events that also arrive live are applied once.
 */
export async function catchUpFromFeed(
  producer: ServiceClient,
  source: string,
  types: readonly string[],
  apply: (event: CloudEvent) => Promise<void>,
): Promise<number> {
  const wanted = new Set(types);
  let cursor: string | null = null;
  let startedAt: number | undefined;
  let applied = 0;
  for (;;) {
    const page: FeedPage = await producer.json(`/api/${source}/events`, { query: { limit: PAGE, ...(cursor ? { after: cursor } : {}) } });
    startedAt ??= Date.parse(page.now);
    // Handed over together (in feed order), so the consumer applies a page in a few transactions.
    const settled = await Promise.allSettled(page.items.filter((event) => wanted.has(event.type)).map((event) => apply(event)));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    applied += settled.length;
    cursor = page.cursor;
    if (page.nextCursor) continue;
    if (page.oldestPendingAt === null || Date.parse(page.oldestPendingAt) > startedAt) return applied;
    await new Promise((r) => setTimeout(r, PENDING_POLL_MS));
  }
}
