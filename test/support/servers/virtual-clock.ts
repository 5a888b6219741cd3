// Virtual time for the Graph source and the test servers: sleeping advances the clock at once,
// so a 5-minute Retry-After or budget wait costs nothing in a test.
import { abortReason, type Clock } from '../../../src/trace/graph/clock';

export class VirtualClock implements Clock {
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    // Still asynchronous, so that an abort or other I/O can interleave as it would in real time.
    return new Promise((resolve, reject) => setImmediate(() => (signal?.aborted ? reject(abortReason(signal)) : resolve())));
  }
}

/** A clock whose sleeps never end until aborted; `waiting` resolves at the first sleep. */
export class StuckClock implements Clock {
  private started!: () => void;
  readonly waiting = new Promise<number>((resolve) => {
    this.started = () => resolve(this.lastSleep);
  });
  private lastSleep = 0;

  constructor(private readonly time: number) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.lastSleep = ms;
    this.started();
    return new Promise((_resolve, reject) => {
      if (signal?.aborted) reject(abortReason(signal));
      signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
    });
  }
}
