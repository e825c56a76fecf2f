import { sleep } from "./clock";
import { cpuSecondsOf, readMachineCpuSeconds } from "./proc";

/**
 * The machine is shared: builds and browser tests of other people can take
 * most of both cores for a while, and a window measured then says nothing
 * about the servers. Before each window wait (bounded) for a quiet second,
 * and repeat a window that turned out noisy once. A run-wide budget keeps a
 * machine that never calms down from stretching the run without bound.
 */
const QUIET_PCT = 25;
const QUIET_PROBE_MS = 1000;
export const NOISY_STEP_PCT = 40;
export const noise = { quietMaxWaitMs: 20_000, retries: 1, budgetMs: 180_000 };

/** Machine CPU used by processes other than `pids` over `ms`, in % of one core. */
async function foreignCpuPct(pids: Array<number | undefined>, ms: number): Promise<number | null> {
  const m0 = readMachineCpuSeconds();
  const o0 = cpuSecondsOf(pids);
  await sleep(ms);
  const m1 = readMachineCpuSeconds();
  const o1 = cpuSecondsOf(pids);
  if (m0 === null || m1 === null || o0 === null || o1 === null) return null;
  return (100 * Math.max(0, m1 - m0 - (o1 - o0))) / (ms / 1000);
}

export async function waitForQuiet(pids: Array<number | undefined>, log: (msg: string) => void): Promise<void> {
  if (noise.budgetMs <= 0) return;
  const started = Date.now();
  let last: number | null = null;
  while (Date.now() - started < noise.quietMaxWaitMs && noise.budgetMs > 0) {
    last = await foreignCpuPct(pids, QUIET_PROBE_MS);
    if (last === null || last < QUIET_PCT) break;
    noise.budgetMs -= QUIET_PROBE_MS;
  }
  const waited = Date.now() - started;
  if (waited > 2 * QUIET_PROBE_MS) {
    log(`waited ${(waited / 1000).toFixed(0)} s for other processes to calm down (last ${last?.toFixed(0) ?? "?"} % CPU)`);
  }
  if (noise.budgetMs <= 0) log("noise budget used up: measuring regardless of other load from now on");
}
