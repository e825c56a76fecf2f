/** Summary statistics over a few hundred samples: exact, so no histogram is needed. */
export interface Distribution {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of sorted values (the value at rank ceil(p·n)), as bench/lib/hist.ts does. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    p50: percentileOf(sorted, 50),
    p95: percentileOf(sorted, 95),
    p99: percentileOf(sorted, 99),
    max: n > 0 ? sorted[n - 1]! : null,
    mean: n > 0 ? sorted.reduce((s, v) => s + v, 0) / n : null,
  };
}

export { makeRandom } from "../../tests/random";
