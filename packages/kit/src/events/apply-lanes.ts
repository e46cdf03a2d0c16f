import type { CloudEvent } from './envelope.ts';
import type { BatchResult, InboxOutcome } from './inbox.ts';

/** How a consumer groups deliveries into inbox transactions. */
export interface LaneOptions {
  /** Batches applied at the same time, each on its own connection; a subject always uses the same lane. */
  lanes?: number;
  /** Most events per inbox transaction. */
  maxBatch?: number;
}

interface Waiting {
  event: CloudEvent;
  resolve(outcome: InboxOutcome): void;
  reject(error: unknown): void;
}

interface Lane {
  queue: Waiting[];
  busy: boolean;
}

/**
 * Turns single deliveries into batches without waiting for a batch to fill: a lane that is idle
 * starts a transaction with whatever has arrived (in the same tick), and everything that arrives
 * meanwhile goes into its next one. Each subject is hashed to one lane and each lane keeps arrival
 * order, so a subject's events are tried in the order they were delivered; different subjects
 * proceed in parallel. Each delivery settles once its batch committed (or with its own error).
 */
export class ApplyLanes {
  private readonly lanes: Lane[];
  private readonly maxBatch: number;

  constructor(
    private readonly applyBatch: (events: CloudEvent[]) => Promise<BatchResult[]>,
    options: LaneOptions = {},
  ) {
    const lanes = options.lanes ?? 2;
    this.maxBatch = options.maxBatch ?? 200;
    if (lanes < 1 || this.maxBatch < 1) throw new RangeError('lanes and maxBatch must be at least 1');
    this.lanes = Array.from({ length: lanes }, () => ({ queue: [], busy: false }));
  }

  /** Applies one event with the next batch of its lane. */
  apply(event: CloudEvent): Promise<InboxOutcome> {
    const lane = this.lanes[laneOf(event, this.lanes.length)]!;
    return new Promise<InboxOutcome>((resolve, reject) => {
      lane.queue.push({ event, resolve, reject });
      if (!lane.busy) {
        lane.busy = true;
        void this.drain(lane);
      }
    });
  }

  private async drain(lane: Lane): Promise<void> {
    await Promise.resolve(); // deliveries handed over in the same tick join the first batch
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      try {
        const results = await this.applyBatch(batch.map((w) => w.event));
        batch.forEach((waiting, i) => {
          const result = results[i]!;
          if ('outcome' in result) waiting.resolve(result.outcome);
          else waiting.reject(result.error);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    lane.busy = false;
  }
}

/** FNV-1a of the subject (with its source): stable, cheap, well spread. */
function laneOf(event: CloudEvent, lanes: number): number {
  if (lanes === 1) return 0;
  const key = `${event.source}\u0000${event.subject}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
