interface Waiting {
  positions: number[];
  accepted: boolean;
  failure: { error: unknown } | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Marks the relay's batches published in the order they were handed to the bus, each once the bus
 * accepted it and every batch before it is marked. Batches accepted while a mark is running are
 * marked together by the next one (one statement, one commit), so a busy relay does not pay a
 * commit per small batch. After a failure every later batch fails too (none may be marked before it).
 */
export class OrderedMarks {
  private readonly waiting: Waiting[] = [];
  private running = false;
  private broken: { error: unknown } | undefined;

  constructor(private readonly mark: (positions: number[]) => Promise<void>) {}

  /** Resolves once the batch is marked; rejects if it or an earlier batch failed to publish or be marked. */
  add(positions: number[], published: Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.broken) return reject(this.broken.error);
      const entry: Waiting = { positions, accepted: false, failure: undefined, resolve, reject };
      this.waiting.push(entry);
      published.then(
        () => {
          entry.accepted = true;
          this.kick();
        },
        (error: unknown) => {
          entry.failure = { error };
          this.kick();
        },
      );
    });
  }

  private kick(): void {
    if (this.running) return; // the running loop takes it next
    this.running = true;
    void this.markAccepted();
  }

  private async markAccepted(): Promise<void> {
    while (!this.broken && this.waiting.length > 0) {
      const head = this.waiting[0]!;
      if (head.failure) {
        this.fail(head.failure);
        break;
      }
      if (!head.accepted) break; // its settlement kicks again
      let ready = 1;
      while (ready < this.waiting.length && this.waiting[ready]!.accepted) ready++;
      const batches = this.waiting.splice(0, ready);
      try {
        await this.mark(batches.flatMap((b) => b.positions));
      } catch (error) {
        for (const b of batches) b.reject(error);
        this.fail({ error });
        break;
      }
      for (const b of batches) b.resolve();
    }
    this.running = false; // no await since the last check: a kick cannot be missed
  }

  private fail(failure: { error: unknown }): void {
    this.broken = failure;
    for (const b of this.waiting.splice(0)) b.reject(failure.error);
  }
}
