import { humanize } from './format.ts';

/** Colour by meaning, always with the word: nothing is told by colour alone. */
const TONE: Record<string, string> = {
  placed: 'info',
  approved: 'info',
  prepared: 'info',
  shipped: 'progress',
  delivered: 'good',
  cancelled: 'muted',
  pending: 'warn',
  authorized: 'info',
  paid: 'good',
  partially_refunded: 'warn',
  refunded: 'muted',
  voided: 'muted',
  published: 'good',
  draft: 'muted',
  queued: 'muted',
  running: 'progress',
  succeeded: 'good',
  failed: 'bad',
  ready: 'good',
  'not ready': 'bad',
  active: 'good',
  inactive: 'muted',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge badge-${TONE[status] ?? 'muted'}`}>{label ?? humanize(status)}</span>;
}
