import type { CDPSession } from "@playwright/test";
import { placeItem } from "../../lib/board/commands";
import type { Grid } from "../../lib/board/schema";
import { sleep, type Clock } from "../lib/clock";
import { clamp, type BotCrowd } from "./board";
import { CpuMeter, type CpuWindow } from "./cpu";
import type { BoardPage } from "./pages";
import type { FrameLog, LoafEntry } from "./probe";
import { distribution, makeRandom, type Distribution } from "./stats";

/** One display refresh at 60 Hz. */
export const VSYNC_MS = 1000 / 60;

export interface FrameStats {
  seconds: number;
  frames: number;
  fps: number;
  interval: Distribution;
  /** Share of frame intervals longer than one 60 Hz refresh (16.7 ms: at least one refresh missed) and than two (33.3 ms). */
  over16: number;
  over33: number;
  /** Refreshes without a new frame: Σ (round(interval / 16.67 ms) − 1). */
  droppedFrames: number;
  droppedShare: number;
  syncMessages: number;
}

const share = (values: number[], over: number) => (values.length > 0 ? values.filter((v) => v > over).length / values.length : 0);

export function frameStats(log: FrameLog): FrameStats {
  const intervals: number[] = [];
  for (let i = 1; i < log.frames.length; i++) intervals.push(log.frames[i]! - log.frames[i - 1]!);
  const span = log.frames.length > 1 ? log.frames[log.frames.length - 1]! - log.frames[0]! : 0;
  const dropped = intervals.reduce((n, iv) => n + Math.max(0, Math.round(iv / VSYNC_MS) - 1), 0);
  const slots = intervals.length + dropped;
  return {
    seconds: (log.stoppedAt - log.startedAt) / 1000,
    frames: log.frames.length,
    fps: span > 0 ? (intervals.length * 1000) / span : 0,
    interval: distribution(intervals),
    // Frame timestamps sit on the refresh grid give or take a few tenths of a millisecond, so the
    // thresholds are put half a refresh past 16.7 and 33.3 ms: an interval counts once a refresh was missed.
    over16: share(intervals, 1.5 * VSYNC_MS),
    over33: share(intervals, 2.5 * VSYNC_MS),
    droppedFrames: dropped,
    droppedShare: slots > 0 ? dropped / slots : 0,
    syncMessages: log.syncMessages,
  };
}

export interface LoafSummary {
  count: number;
  totalMs: number;
  blockingMs: number;
  longest: Distribution;
  /** Summed over long frames: scripts, forced style/layout inside scripts, and the rendering phase. */
  scriptMs: number;
  forcedStyleLayoutMs: number;
  renderMs: number;
  styleLayoutMs: number;
  /** Script time by what ran it, largest first. */
  topScripts: Array<{ what: string; ms: number; count: number }>;
}

export const shortUrl = (u: string) => u.replace(/^https?:\/\/[^/]+/, "");

export function loafSummary(loafs: LoafEntry[]): LoafSummary {
  const byScript = new Map<string, { ms: number; count: number }>();
  let scriptMs = 0;
  let forced = 0;
  let renderMs = 0;
  let styleLayoutMs = 0;
  for (const l of loafs) {
    const end = l.startTime + l.duration;
    if (l.renderStart > 0) renderMs += end - l.renderStart;
    if (l.styleAndLayoutStart > 0) styleLayoutMs += end - l.styleAndLayoutStart;
    for (const s of l.scripts) {
      scriptMs += s.duration;
      forced += s.forcedStyleAndLayoutDuration;
      const where = s.sourceURL ? ` ${shortUrl(s.sourceURL)}${s.sourceCharPosition >= 0 ? `@${s.sourceCharPosition}` : ""}` : "";
      const what = `${s.invokerType}: ${s.invoker}${s.sourceFunctionName ? ` → ${s.sourceFunctionName}` : ""}${where}`;
      const agg = byScript.get(what) ?? { ms: 0, count: 0 };
      agg.ms += s.duration;
      agg.count += 1;
      byScript.set(what, agg);
    }
  }
  return {
    count: loafs.length,
    totalMs: loafs.reduce((s, l) => s + l.duration, 0),
    blockingMs: loafs.reduce((s, l) => s + l.blockingDuration, 0),
    longest: distribution(loafs.map((l) => l.duration)),
    scriptMs,
    forcedStyleLayoutMs: forced,
    renderMs,
    styleLayoutMs,
    topScripts: Array.from(byScript, ([what, v]) => ({ what, ...v }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 10),
  };
}

/** Main-thread time of the page over a window, from CDP Performance.getMetrics, in ms per second of window. */
export interface MainThreadLoad {
  taskMsPerSec: number;
  scriptMsPerSec: number;
  styleMsPerSec: number;
  layoutMsPerSec: number;
  /** Task time that is neither script, style nor layout: paint, commit, GC, parsing, idle tasks. */
  otherMsPerSec: number;
  styleRecalcs: number;
  layouts: number;
  jsHeapUsedMb: number;
}

type Metrics = Record<string, number>;

export async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export function mainThreadLoad(m0: Metrics, m1: Metrics, seconds: number): MainThreadLoad {
  const d = (k: string) => ((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000;
  const perSec = (ms: number) => ms / seconds;
  const task = d("TaskDuration");
  const script = d("ScriptDuration");
  const style = d("RecalcStyleDuration");
  const layout = d("LayoutDuration");
  return {
    taskMsPerSec: perSec(task),
    scriptMsPerSec: perSec(script),
    styleMsPerSec: perSec(style),
    layoutMsPerSec: perSec(layout),
    otherMsPerSec: perSec(Math.max(0, task - script - style - layout)),
    styleRecalcs: (m1.RecalcStyleCount ?? 0) - (m0.RecalcStyleCount ?? 0),
    layouts: (m1.LayoutCount ?? 0) - (m0.LayoutCount ?? 0),
    jsHeapUsedMb: (m1.JSHeapUsedSize ?? 0) / 1024 / 1024,
  };
}

/**
 * Bots that move random notes of random bot people at a steady rate, each
 * move through that person's own seated connection: one transaction per move,
 * as a busy room of people dragging would send.
 */
export class Mover {
  private timer: NodeJS.Timeout | null = null;
  sent = 0;
  missed = 0;

  private readonly random: () => number;
  private readonly participants: string[];

  constructor(
    private readonly crowd: BotCrowd,
    private readonly grid: Grid,
    private readonly items: string[],
    private readonly clock: Clock,
    seed: number,
  ) {
    this.random = makeRandom(seed);
    this.participants = [...crowd.keys()];
  }

  start(ratePerSec: number): void {
    const period = 1000 / ratePerSec;
    const t0 = this.clock();
    let next = 0;
    const tick = () => {
      const now = this.clock();
      // Catch up by skipping, not bursting: a late timer should not send a volley.
      let due = Math.floor((now - t0) / period);
      if (due > next) {
        this.missed += due - next;
        next = due;
      }
      this.move();
      next += 1;
      due = t0 + next * period;
      this.timer = setTimeout(tick, Math.max(0, due - this.clock()));
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private move(): void {
    const rows = this.grid.rows.length;
    const columns = this.grid.columns.length;
    const item = this.items[Math.floor(this.random() * this.items.length)]!;
    const participant = this.participants[Math.floor(this.random() * this.participants.length)]!;
    const col = Math.round(clamp(this.random() * columns, columns) * 1000) / 1000;
    const row = Math.round(clamp(this.random() * rows, rows) * 1000) / 1000;
    placeItem(this.crowd.get(participant)!.doc, { item, participant, col, row }, this.grid);
    this.sent++;
  }
}

export interface LoadWindow {
  ratePerSec: number;
  movesSent: number;
  movesSkipped: number;
  frames: FrameStats;
  loaf: LoafSummary;
  mainThread: MainThreadLoad;
  cpu: CpuWindow;
}

/** Frames in B for `seconds`, with the mover at `ratePerSec` (0: idle baseline). */
export async function measureFrames(
  b: BoardPage,
  cdp: CDPSession,
  mover: Mover | null,
  ratePerSec: number,
  seconds: number,
  appPid: number | null,
): Promise<LoadWindow> {
  if (mover) {
    mover.start(ratePerSec);
    await sleep(1000);
  }
  const sent0 = mover?.sent ?? 0;
  const missed0 = mover?.missed ?? 0;
  const m0 = await readMetrics(cdp);
  const meter = new CpuMeter(appPid);
  meter.start();
  const w0 = Date.now();
  await b.probe((p) => p.startFrames(), null);
  await sleep(seconds * 1000);
  const log = await b.probe((p) => p.stopFrames(), null);
  const wall = (Date.now() - w0) / 1000;
  const cpu = meter.stop();
  const m1 = await readMetrics(cdp);
  const sent = (mover?.sent ?? 0) - sent0;
  const missed = (mover?.missed ?? 0) - missed0;
  mover?.stop();
  return {
    ratePerSec,
    movesSent: sent,
    movesSkipped: missed,
    frames: frameStats(log),
    loaf: loafSummary(log.loafs),
    mainThread: mainThreadLoad(m0, m1, wall),
    cpu,
  };
}
