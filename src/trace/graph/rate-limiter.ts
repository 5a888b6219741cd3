// Proactive request budget: a sliding-window log that waits *before* sending, so a well-behaved
// reader never sees a 429 from its own traffic (Retry-After still covers other callers in the
// tenant).
import { type Clock, systemClock, throwIfAborted } from './clock';

export interface RequestBudget {
  /** Requests allowed in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /**
   * Extra wait after a slot frees, because the server stamps a request when it arrives, not when
   * we sent it; a later request with less latency could otherwise land inside its window.
   * Default: 1% of the interval, at most 2 s.
   */
  marginMs?: number;
}

export interface RequestLimiter {
  /** Waits until one more request fits the budget and books it; returns the milliseconds waited. */
  acquire(signal?: AbortSignal): Promise<number>;
}

export class SlidingWindowLimiter implements RequestLimiter {
  private readonly sent: number[] = [];
  private readonly marginMs: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly budget: RequestBudget, private readonly clock: Clock = systemClock) {
    if (!Number.isInteger(budget.limit) || budget.limit < 1) throw new RangeError(`request budget limit must be a positive integer, not ${budget.limit}`);
    if (!(budget.intervalMs > 0)) throw new RangeError(`request budget interval must be positive, not ${budget.intervalMs}`);
    this.marginMs = budget.marginMs ?? Math.min(2000, budget.intervalMs / 100);
  }

  acquire(signal?: AbortSignal): Promise<number> {
    // One waiter at a time, in arrival order; a caller that aborts does not block the rest.
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal: AbortSignal | undefined): Promise<number> {
    let waited = 0;
    for (;;) {
      throwIfAborted(signal);
      const now = this.clock.now();
      while (this.sent.length > 0 && this.sent[0] + this.budget.intervalMs + this.marginMs <= now) this.sent.shift();
      if (this.sent.length < this.budget.limit) {
        this.sent.push(now);
        return waited;
      }
      const wait = this.sent[0] + this.budget.intervalMs + this.marginMs - now;
      await this.clock.sleep(wait, signal);
      waited += wait;
    }
  }
}
