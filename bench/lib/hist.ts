/**
 * Log-scale latency histogram: bucket i holds values in
 * [GROWTH^i - 1, GROWTH^(i+1) - 1) microseconds, i.e. about 1 % relative
 * resolution from 1 µs to minutes in ~2,000 counters. Fixed memory however
 * many deliveries a scenario produces, and mergeable across processes.
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2000;

export type SparseHistogram = Array<[number, number]>;

/** A histogram as it travels between processes. */
export interface HistogramReport {
  buckets: SparseHistogram;
  count: number;
  sumMs: number;
  maxMs: number;
  negative: number;
}

function bucketOf(ms: number): number {
  const us = ms * 1000;
  const i = Math.floor(Math.log1p(us) / LOG_GROWTH);
  return i < BUCKETS ? i : BUCKETS - 1;
}

function bucketMidMs(i: number): number {
  const lo = Math.pow(GROWTH, i) - 1;
  const hi = Math.pow(GROWTH, i + 1) - 1;
  return (lo + hi) / 2 / 1000;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sumMs = 0;
  maxMs = 0;
  /** Receive stamps earlier than send stamps: would mean the shared clock is broken. */
  negative = 0;

  record(ms: number): void {
    if (ms < 0) {
      this.negative++;
      ms = 0;
    }
    this.counts[bucketOf(ms)]! += 1;
    this.count++;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(bucketMidMs(i), this.maxMs);
    }
    return this.maxMs;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sumMs / this.count;
  }

  toReport(): HistogramReport {
    const buckets: SparseHistogram = [];
    for (let i = 0; i < BUCKETS; i++) {
      const c = this.counts[i]!;
      if (c > 0) buckets.push([i, c]);
    }
    return { buckets, count: this.count, sumMs: this.sumMs, maxMs: this.maxMs, negative: this.negative };
  }

  merge(report: HistogramReport): void {
    for (const [i, c] of report.buckets) this.counts[i]! += c;
    this.count += report.count;
    this.sumMs += report.sumMs;
    if (report.maxMs > this.maxMs) this.maxMs = report.maxMs;
    this.negative += report.negative;
  }
}
