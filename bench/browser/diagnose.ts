import type { Browser, CDPSession } from "@playwright/test";
import { sleep } from "../lib/clock";
import { shortUrl, type Mover } from "./frames";
import type { BoardPage } from "./pages";

/*
 * Where B's time goes under load: a CPU profile (which functions) and a
 * Chromium trace (which rendering phases and threads). Both slow the page
 * down, so they run after the measured windows, never during them.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  name: string;
  /** chunk path:line:column (1-based), or a V8 pseudo-frame such as (garbage collector). */
  where: string;
  selfMs: number;
  totalMs: number;
  /** The start of the function's source, to recognise a minified function. */
  snippet: string;
}

export interface ProfileSummary {
  seconds: number;
  sampledMs: number;
  idleMs: number;
  gcMs: number;
  /** (program): native work V8 cannot attribute to JavaScript, largely style, layout and paint. */
  programMs: number;
  bySelf: HotFunction[];
  byTotal: HotFunction[];
  byUrl: Array<{ url: string; selfMs: number }>;
}

/** A CPU profile of B during load, and which functions it spent its time in. */
export async function profileUnderLoad(
  cdp: CDPSession,
  mover: Mover,
  ratePerSec: number,
  seconds: number,
  fetchSource: (url: string) => Promise<string | null>,
): Promise<{ summary: ProfileSummary; profile: CpuProfile }> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  mover.start(ratePerSec);
  await sleep(1000);
  await cdp.send("Profiler.start");
  await sleep(seconds * 1000);
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  mover.stop();
  await cdp.send("Profiler.disable");
  return { summary: await summariseProfile(profile, fetchSource), profile };
}

async function summariseProfile(profile: CpuProfile, fetchSource: (url: string) => Promise<string | null>): Promise<ProfileSummary> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode) => `${n.callFrame.functionName}|${n.callFrame.url}|${n.callFrame.lineNumber}|${n.callFrame.columnNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let sampled = 0;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the sample stands for the interval after it.
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    const ms = us / 1000;
    sampled += ms;
    const leaf = byId.get(samples[i]!);
    if (!leaf) continue;
    self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const k = keyOf(node);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const pseudo = (name: string) => Array.from(self).filter(([k]) => k.startsWith(`${name}|`)).reduce((s, [, v]) => s + v, 0);
  const sources = new Map<string, string | null>();
  const describe = async (k: string, selfMs: number, totalMs: number): Promise<HotFunction> => {
    const [name = "", url = "", line = "0", col = "0"] = k.split("|");
    let snippet = "";
    if (url) {
      if (!sources.has(url)) sources.set(url, await fetchSource(url));
      const text = sources.get(url);
      if (text) {
        const lines = text.split("\n");
        const at = lines[Number(line)] ?? "";
        snippet = at.slice(Number(col), Number(col) + 140);
      }
    }
    return {
      name: name || "(anonymous)",
      where: url ? `${shortUrl(url)}:${Number(line) + 1}:${Number(col) + 1}` : "",
      selfMs,
      totalMs,
      snippet,
    };
  };
  const skip = new Set(["(root)", "(program)", "(idle)", "(garbage collector)"]);
  const topSelf = Array.from(self)
    .filter(([k]) => !skip.has(k.split("|")[0]!))
    .sort((x, y) => y[1] - x[1])
    .slice(0, 15);
  const topTotal = Array.from(total)
    .filter(([k]) => !skip.has(k.split("|")[0]!) && k.split("|")[1] !== "")
    .sort((x, y) => y[1] - x[1])
    .slice(0, 15);
  const byUrl = new Map<string, number>();
  for (const [k, v] of self) {
    const url = k.split("|")[1] || k.split("|")[0]!;
    byUrl.set(url, (byUrl.get(url) ?? 0) + v);
  }
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    sampledMs: sampled,
    idleMs: pseudo("(idle)"),
    gcMs: pseudo("(garbage collector)"),
    programMs: pseudo("(program)"),
    bySelf: await Promise.all(topSelf.map(([k, v]) => describe(k, v, total.get(k) ?? v))),
    byTotal: await Promise.all(topTotal.map(([k, v]) => describe(k, self.get(k) ?? 0, v))),
    byUrl: Array.from(byUrl, ([url, selfMs]) => ({ url: shortUrl(url), selfMs }))
      .sort((x, y) => y.selfMs - x.selfMs)
      .slice(0, 12),
  };
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface TraceSummary {
  seconds: number;
  /** Self time on the renderer main thread by trace event, ms per second of trace. */
  mainThread: Array<{ name: string; msPerSec: number }>;
  /** Busy time (outermost events) of each kind of Chromium thread, with its largest events by self time. */
  threads: Array<{ thread: string; msPerSec: number; top: Array<{ name: string; msPerSec: number }> }>;
}

/** A Chromium trace of B under load: where the renderer's main thread spends its time, including paint. */
export async function traceUnderLoad(browser: Browser, b: BoardPage, mover: Mover, ratePerSec: number, seconds: number): Promise<TraceSummary> {
  mover.start(ratePerSec);
  await sleep(1000);
  await browser.startTracing(b.page, {
    categories: ["-*", "devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink", "cc"],
  });
  await sleep(seconds * 1000);
  const buffer = await browser.stopTracing();
  mover.stop();
  const parsed = JSON.parse(buffer.toString("utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  return summariseTrace(events);
}

export function summariseTrace(events: TraceEvent[]): TraceSummary {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name" && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const complete = events.filter((e) => e.ph === "X" && typeof e.dur === "number");
  // A loop, not Math.max(...): a trace holds far more events than a call may take arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of complete) {
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + e.dur!);
  }
  const seconds = complete.length > 0 ? (last - first) / 1e6 : 0;
  const perSec = (us: number) => (seconds > 0 ? us / 1000 / seconds : 0);

  const byThread = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    const t = `${e.pid}:${e.tid}`;
    const list = byThread.get(t) ?? [];
    list.push(e);
    byThread.set(t, list);
  }
  // Threads of one kind (e.g. the pool's workers) are summed; nested events count once, as self time.
  const kinds = new Map<string, { busyUs: number; self: Map<string, number> }>();
  for (const [t, list] of byThread) {
    const kind = (threadNames.get(t) ?? "unnamed").replace(/\/?\d+$/, "");
    const agg = kinds.get(kind) ?? { busyUs: 0, self: new Map<string, number>() };
    kinds.set(kind, agg);
    list.sort((x, y) => x.ts - y.ts || y.dur! - x.dur!);
    const stack: Array<{ end: number; name: string; child: number; dur: number }> = [];
    const close = (until: number) => {
      while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
        const top = stack.pop()!;
        agg.self.set(top.name, (agg.self.get(top.name) ?? 0) + Math.max(0, top.dur - top.child));
      }
    };
    for (const e of list) {
      close(e.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.child += Math.min(e.dur!, parent.end - e.ts);
      else agg.busyUs += e.dur!;
      stack.push({ end: e.ts + e.dur!, name: e.name, child: 0, dur: e.dur! });
    }
    close(Number.POSITIVE_INFINITY);
  }
  const top = (self: Map<string, number>, n: number) =>
    Array.from(self, ([name, us]) => ({ name, msPerSec: perSec(us) }))
      .sort((x, y) => y.msPerSec - x.msPerSec)
      .slice(0, n);
  return {
    seconds,
    mainThread: top(kinds.get("CrRendererMain")?.self ?? new Map(), 15),
    threads: Array.from(kinds, ([thread, k]) => ({ thread, msPerSec: perSec(k.busyUs), top: top(k.self, 3) }))
      .sort((x, y) => y.msPerSec - x.msPerSec)
      .slice(0, 8),
  };
}
