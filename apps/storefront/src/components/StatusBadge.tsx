/** An order's state as a capitalized word ("placed" → "Placed", "partially_refunded" → "Partially refunded"). */
export function statusWord(status: string): string {
  const words = status.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status-badge status-badge--${status.toLowerCase()}`}>{statusWord(status)}</span>;
}
