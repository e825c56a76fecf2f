import { readdirSync, readFileSync } from "node:fs";
import { sleep } from "../lib/clock";
import { readCpuSeconds, readMachineCpuSeconds } from "../lib/proc";

/*
 * The machine is shared (and small): a frame rate measured while another
 * process compiles or runs tests says little about the page. So the bench
 * knows which CPU is its own (this process and every descendant: the app
 * server and Chromium with its renderers), waits for the rest to calm down
 * before each window, and reports what the rest used during it.
 */

function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // Exited while listing.
    }
  }
  return children;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

export interface CpuSplit {
  /** Chromium: browser, GPU/viz, network and renderer processes. */
  chromium: number;
  /** The app server (start.mjs and the server it runs). */
  app: number;
  /** This process: seeding, the bot, the bench itself. */
  bench: number;
  total: number;
}

/** CPU seconds used so far by this process and its descendants, split by what they are. */
export function ownCpuSeconds(appPid: number | null): CpuSplit {
  const children = parentMap();
  const split: CpuSplit = { chromium: 0, app: 0, bench: readCpuSeconds(process.pid) ?? 0, total: 0 };
  const walk = (pid: number, bucket: "chromium" | "app" | "other") => {
    for (const child of children.get(pid) ?? []) {
      const kind = bucket !== "other" ? bucket : child === appPid ? "app" : /chrom/i.test(cmdline(child)) ? "chromium" : "other";
      const s = readCpuSeconds(child) ?? 0;
      if (kind === "chromium") split.chromium += s;
      else if (kind === "app") split.app += s;
      else split.bench += s;
      walk(child, kind);
    }
  };
  walk(process.pid, "other");
  split.total = split.chromium + split.app + split.bench;
  return split;
}

export interface CpuWindow {
  seconds: number;
  /** Percent of one core. */
  chromiumPct: number;
  appPct: number;
  benchPct: number;
  /** Everything else on the machine. */
  otherPct: number | null;
}

export class CpuMeter {
  private t0 = 0;
  private own0: CpuSplit | null = null;
  private machine0: number | null = null;

  constructor(private readonly appPid: number | null) {}

  start(): void {
    this.t0 = Date.now();
    this.own0 = ownCpuSeconds(this.appPid);
    this.machine0 = readMachineCpuSeconds();
  }

  stop(): CpuWindow {
    const seconds = (Date.now() - this.t0) / 1000;
    const own1 = ownCpuSeconds(this.appPid);
    const machine1 = readMachineCpuSeconds();
    const own0 = this.own0!;
    const pct = (d: number) => (seconds > 0 ? (100 * d) / seconds : 0);
    const ownDelta = own1.total - own0.total;
    return {
      seconds,
      chromiumPct: pct(own1.chromium - own0.chromium),
      appPct: pct(own1.app - own0.app),
      benchPct: pct(own1.bench - own0.bench),
      otherPct: machine1 !== null && this.machine0 !== null ? pct(Math.max(0, machine1 - this.machine0 - ownDelta)) : null,
    };
  }
}

/** Other processes' CPU, in percent of one core, below which a window counts as quiet. */
export const QUIET_PCT = 25;

/**
 * Waits until other processes use less than QUIET_PCT of a core over a
 * second, for at most `budget.ms` across the whole run. Returns the last reading.
 */
export async function waitForQuiet(appPid: number | null, budget: { ms: number; spent?: boolean }, log: (msg: string) => void): Promise<number | null> {
  const started = Date.now();
  let last: number | null = null;
  while (budget.ms > 0) {
    const meter = new CpuMeter(appPid);
    meter.start();
    await sleep(1000);
    last = meter.stop().otherPct;
    if (last === null || last < QUIET_PCT) break;
    budget.ms -= 1000;
  }
  const waited = Date.now() - started;
  if (waited > 2500) log(`waited ${(waited / 1000).toFixed(0)} s for other processes to calm down (last ${last?.toFixed(0) ?? "?"} % of a core)`);
  if (budget.ms <= 0 && !budget.spent) {
    budget.spent = true;
    log("quiet-wait budget used up: measuring regardless of other load from now on");
  }
  return last;
}

export interface QuietOptions {
  appPid: number | null;
  budget: { ms: number; spent?: boolean };
  log(msg: string): void;
  /** Runs after the first, if other processes were busy during the previous one. */
  attempts: number;
}

/**
 * Runs a measurement after waiting for a quiet machine, and repeats it (up
 * to `attempts` times, within the run's budget) when other processes took
 * more than QUIET_PCT of a core while it ran. The last attempt is kept.
 */
export async function runQuietly<T>(
  what: string,
  opts: QuietOptions,
  fn: () => Promise<T>,
  cpuOf?: (value: T) => CpuWindow,
): Promise<{ value: T; cpu: CpuWindow; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    await waitForQuiet(opts.appPid, opts.budget, opts.log);
    const meter = new CpuMeter(opts.appPid);
    meter.start();
    const value = await fn();
    const measured = meter.stop();
    const cpu = cpuOf ? cpuOf(value) : measured;
    const noisy = cpu.otherPct !== null && cpu.otherPct > QUIET_PCT;
    if (!noisy || attempt >= opts.attempts || opts.budget.ms <= 0) return { value, cpu, attempts: attempt };
    opts.budget.ms -= measured.seconds * 1000;
    opts.log(`${what}: other processes used ${cpu.otherPct!.toFixed(0)} % of a core meanwhile; measuring it again`);
  }
}

/** CPU windows of several runs as one, weighted by their length. */
export function mergeCpu(windows: CpuWindow[]): CpuWindow {
  const seconds = windows.reduce((s, w) => s + w.seconds, 0);
  const avg = (f: (w: CpuWindow) => number) => (seconds > 0 ? windows.reduce((s, w) => s + f(w) * w.seconds, 0) / seconds : 0);
  const known = windows.every((w) => w.otherPct !== null);
  return {
    seconds,
    chromiumPct: avg((w) => w.chromiumPct),
    appPct: avg((w) => w.appPct),
    benchPct: avg((w) => w.benchPct),
    otherPct: known ? avg((w) => w.otherPct!) : null,
  };
}
