// Samples the process's memory while a measured client runs. VmHWM says how much the process
// took at its peak, but V8 lets garbage pile up to several times the live data between full
// collections, and settles on how much only after a while: a short run peaks lower than a long
// one even when their live data is the same. So this also records the heap still in use right
// after each full collection (the live data: the old generation's spaces, which the collection
// left; the young generation refills at once and says nothing), and the largest heap in use and
// external memory (buffers) seen, every 50 ms.
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

export interface LiveSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  mib: number;
}

export interface SampledMemory {
  /** The old generation in use right after each full (mark-compact) collection, in order. */
  liveHeap: LiveSample[];
  heapUsedMiB: number;
  externalMiB: number;
}

export class MemorySampler {
  private heapUsed = 0;
  private external = 0;
  private readonly live: LiveSample[] = [];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly observer: PerformanceObserver;

  constructor(intervalMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.observer = new PerformanceObserver((list) => {
      const major = list.getEntries().some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
      // Read when the entry arrives, a little after the collection: a slight overestimate.
      if (major) this.live.push({ atMs: performance.now() - this.started, mib: oldGeneration() / 1048576 });
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): SampledMemory {
    clearInterval(this.timer);
    this.observer.disconnect();
    this.sample();
    return { liveHeap: this.live, heapUsedMiB: this.heapUsed / 1048576, externalMiB: this.external / 1048576 };
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.heapUsed = Math.max(this.heapUsed, usage.heapUsed);
    this.external = Math.max(this.external, usage.external);
  }
}

/** Bytes in use in the heap's spaces but the young generation's. */
function oldGeneration(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  }
  return used;
}
