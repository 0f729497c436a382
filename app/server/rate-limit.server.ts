type Buckets = { minute: number; count: number }[];

/**
 * A sliding-window limit per client address (one-minute buckets), kept only in this process's
 * memory: addresses are never written to the database, files or logs, and are forgotten once
 * their window has passed.
 */
export class RateLimiter {
  private hits = new Map<string, Buckets>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMinutes = 10,
  ) {}

  /** Counts one attempt; false (and not counted) when the address used up its limit in the window. */
  take(address: string, now = Date.now()): boolean {
    const minute = Math.floor(now / 60_000);
    this.sweep(minute);
    const id = address;
    const buckets = (this.hits.get(id) ?? []).filter((b) => b.minute > minute - this.windowMinutes);
    const used = buckets.reduce((sum, b) => sum + b.count, 0);
    if (used >= this.limit) {
      this.hits.set(id, buckets);
      return false;
    }
    const last = buckets[buckets.length - 1];
    if (last && last.minute === minute) last.count += 1;
    else buckets.push({ minute, count: 1 });
    this.hits.set(id, buckets);
    return true;
  }

  /** Seconds a refused client should wait before it tries again (at most). */
  get retryAfterSeconds(): number {
    return this.windowMinutes * 60;
  }

  private sweep(minute: number): void {
    if (minute === this.lastSweep) return;
    this.lastSweep = minute;
    for (const [id, buckets] of this.hits) {
      if (!buckets.some((b) => b.minute > minute - this.windowMinutes)) this.hits.delete(id);
    }
  }
}
