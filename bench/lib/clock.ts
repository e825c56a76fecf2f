/**
 * One clock for every process of a run. CLOCK_MONOTONIC (process.hrtime) is
 * system-wide on Linux, so adding one epoch offset measured once in the
 * orchestrator gives every process the same sub-millisecond timeline, which
 * per-process performance.timeOrigin or Date.now() (1 ms steps) would not.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function measureEpochOffset(): number {
  return Date.now() - monotonicMs();
}

export type Clock = () => number;

export function makeClock(epochOffset: number): Clock {
  return () => epochOffset + monotonicMs();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
