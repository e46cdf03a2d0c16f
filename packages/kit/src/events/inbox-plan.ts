import type { CloudEvent } from './envelope.ts';
import type { InboxOutcome } from './inbox.ts';

/** What the inbox knows about one event of a batch once its records are written and its subject locked. */
export interface Admission {
  /** False when the inbox already held the event id (a redelivery). */
  fresh: boolean;
  /** The subject's last applied sequence. */
  lastSequence: number;
}

/** A subject's position after the batch. */
export interface Advance {
  source: string;
  subject: string;
  last: number;
}

/** What to do with a batch: apply some events (in this order), park others, move subjects' positions. */
export interface BatchPlan {
  /** Per event of the batch (same index). */
  outcomes: InboxOutcome[];
  /** Indexes of the events to apply, in order. */
  apply: number[];
  /** Indexes of the events to park. */
  park: number[];
  advance: Advance[];
}

/**
 * Decides, per subject, which fresh events of a batch follow on from its last applied sequence
 * (applied, in sequence order), which are already behind it (duplicates) and which come after a gap
 * (parked until the gap fills). Events must have distinct ids.
 */
export function planBatch(events: readonly CloudEvent[], admissions: readonly Admission[]): BatchPlan {
  const outcomes: InboxOutcome[] = events.map(() => 'duplicate');
  const bySubject = new Map<string, number[]>();
  events.forEach((event, i) => {
    if (!admissions[i]!.fresh) return;
    const key = `${event.source}\u0000${event.subject}`;
    const indexes = bySubject.get(key);
    if (indexes) indexes.push(i);
    else bySubject.set(key, [i]);
  });

  const plan: BatchPlan = { outcomes, apply: [], park: [], advance: [] };
  for (const indexes of bySubject.values()) {
    indexes.sort((a, b) => events[a]!.sequence - events[b]!.sequence);
    const first = events[indexes[0]!]!;
    const last = admissions[indexes[0]!]!.lastSequence;
    let next = last + 1;
    for (const i of indexes) {
      const event = events[i]!;
      if (event.sequence < next) continue; // already applied: a duplicate
      if (event.sequence === next) {
        plan.apply.push(i);
        outcomes[i] = 'applied';
        next++;
      } else {
        plan.park.push(i);
        outcomes[i] = 'parked';
      }
    }
    if (next - 1 > last) plan.advance.push({ source: first.source, subject: first.subject, last: next - 1 });
  }
  return plan;
}
