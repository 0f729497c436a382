/**
 * Group commit: callers submit items one by one; items that arrive while a batch is being written
 * (or within the same turn of the event loop) are written together by the next call of `write`,
 * in one transaction. Each caller's promise settles only after its batch committed, so an
 * acknowledged item is on disk (SQLite synchronous=FULL, PostgreSQL synchronous_commit on).
 *
 * `write` returns one outcome per item. If it throws, each item of that batch is retried on its
 * own, so that one bad item cannot fail the others.
 */
export class GroupCommit<Item, Outcome> {
  private queue: { item: Item; resolve: (o: Outcome) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<Outcome[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: Item): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for the next batch (for tests and monitoring). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets the requests already read in this turn join the batch, without a timer's delay.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.writeBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async writeBatch(batch: typeof this.queue): Promise<void> {
    try {
      const outcomes = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const b of batch) {
        try {
          const [outcome] = await this.write([b.item]);
          b.resolve(outcome!);
        } catch (itemError) {
          b.reject(itemError);
        }
      }
    }
  }
}
