/**
 * Keeps the first `k` items of an ordering while items stream past: a heap whose root is the last
 * of the kept items, so each newcomer costs one comparison unless it belongs in the top.
 */
export class TopK {
  private readonly heap: number[] = [];

  constructor(
    private readonly k: number,
    /** Negative when `a` comes before `b`. */
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(item: number): void {
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(item);
      this.up(heap.length - 1);
    } else if (this.k > 0 && this.compare(item, heap[0]!) < 0) {
      heap[0] = item;
      this.down(0);
    }
  }

  /** The kept items, first first. */
  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }

  // The root is the item that comes LAST, so "greater" in this heap means "later".
  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(heap[i]!, heap[parent]!) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let last = i;
      if (left < heap.length && this.compare(heap[left]!, heap[last]!) > 0) last = left;
      if (right < heap.length && this.compare(heap[right]!, heap[last]!) > 0) last = right;
      if (last === i) return;
      [heap[i], heap[last]] = [heap[last]!, heap[i]!];
      i = last;
    }
  }
}
