import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { createClient, type Client, type ClientEvents, type Placement } from "./lib/clients";
import { makeClock, type Clock } from "./lib/clock";
import { LatencyHistogram } from "./lib/hist";
import { nodeOf, type FromWorker, type InitMessage, type SecondReport, type StepPlan, type StepReport, type ToWorker } from "./lib/messages";
import type { Move } from "./lib/moves";

/** One load-generator process: its share of the clients (lib/clients.ts), their moves, and what they receive. */

interface Second {
  latency: LatencyHistogram;
  awarenessFramesIn: number;
  loopLagMaxMs: number;
}

interface StepState {
  plan: StepPlan;
  interval: number;
  sent: number;
  missed: number;
  received: number;
  latency: LatencyHistogram;
  crossNode: LatencyHistogram;
  seconds: Second[];
  measuring: boolean;
  framesIn: number;
  bytesIn: number;
  awarenessFramesIn: number;
  cpuStart: NodeJS.CpuUsage | null;
  windowStart: number;
  cpuMs: number;
  windowMs: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  reconnects: number;
  timers: NodeJS.Timeout[];
}

const ELD_RESOLUTION_MS = 10;
/** A client more than this far behind its schedule skips ahead instead of bursting. */
const MAX_BACKLOG_MS = 50;
const MAX_BURST_PER_TICK = 4;

let clock: Clock = () => 0;
let init: InitMessage | null = null;
const clients: Client[] = [];
let step: StepState | null = null;
let sendTimer: NodeJS.Timeout | null = null;
let reconnectsTotal = 0;
const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
eld.enable();
/** Reset every second of the window, for the per-second series. */
const eldSecond = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
eldSecond.enable();

// Each y-websocket provider registers a process 'exit' listener.
process.setMaxListeners(0);

function post(msg: FromWorker): void {
  if (process.send) process.send(msg);
}

function lagMs(h: IntervalHistogram, at: "p99" | "max"): number {
  const ns = at === "max" ? h.max : h.percentile(99);
  return Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS);
}

/** The second of the window a time falls in, or -1 outside it. */
function secondOf(s: StepState, t: number): number {
  if (t < s.plan.measureFrom || t >= s.plan.measureTo) return -1;
  return Math.floor((t - s.plan.measureFrom) / 1000);
}

const events: ClientEvents = {
  frame(bytes) {
    const s = step;
    if (s === null || !s.measuring) return;
    s.framesIn++;
    s.bytesIn += bytes;
  },
  awarenessFrame() {
    const s = step;
    if (s === null) return;
    const i = secondOf(s, clock());
    if (i < 0) return;
    s.awarenessFramesIn++;
    s.seconds[i]!.awarenessFramesIn++;
  },
  moves(c, moves, now) {
    for (const m of moves) if (m.participant !== c.participant) onDelivery(c, m, now);
  },
  synced: () => undefined,
  disconnected() {
    reconnectsTotal++;
  },
  error: () => undefined,
};

/** Global index by participant id, from the init message (ids are the server's, on ours). */
let senderIndex = new Map<string, number>();

function onDelivery(c: Client, m: Move, now: number): void {
  const s = step;
  if (s === null) return;
  const i = secondOf(s, m.at);
  if (i < 0) return;
  const ms = now - m.at;
  s.received++;
  s.latency.record(ms);
  s.seconds[i]!.latency.record(ms);
  const nodes = init?.nodes ?? 1;
  const sender = senderIndex.get(m.participant);
  if (nodes > 1 && sender !== undefined && nodeOf(sender, nodes) !== c.spec.node) s.crossNode.record(ms);
}

async function connectAll(cfg: InitMessage): Promise<void> {
  const started = clock();
  const errors: string[] = [];
  let synced = 0;
  const n = cfg.clients.length;
  const gap = n > 0 ? cfg.connectSpreadMs / n : 0;
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, cfg.syncTimeoutMs);
    const connectEvents: ClientEvents = {
      ...events,
      synced() {
        synced++;
        if (synced === n) {
          clearTimeout(deadline);
          resolve();
        }
      },
      error(m) {
        if (errors.length < 5) errors.push(m);
      },
    };
    if (n === 0) {
      clearTimeout(deadline);
      resolve();
      return;
    }
    // Every client's doc and presence start in the same moment, so their awareness renewals
    // (y-protocols' timer, 15 s after the state was set) arrive together, however spread the connects.
    const created = cfg.clients.map((spec) => createClient(spec, cfg, connectEvents, clock));
    clients.push(...created);
    created.forEach((c, i) => setTimeout(() => c.connect(), i * gap));
  });
  post({ type: "synced", workerIndex: cfg.workerIndex, synced, failed: n - synced, elapsedMs: clock() - started, errors });
}

function sendMove(c: Client, keepLive: number): void {
  const seq = c.seq++;
  const item = `m${c.spec.g}-${seq}`;
  const value: Placement = {
    item,
    participant: c.participant,
    // Inside [0, 2): valid on the blank template's 2×2 grid as well as on 3×3.
    col: Math.random() * 2,
    row: Math.random() * 2,
    at: clock(),
  };
  c.doc.transact(() => {
    c.placements.set(`${item}:${c.participant}`, value);
    // Taking back an old placement keeps every doc bounded; the update then
    // carries one insertion plus one deletion, like moving an existing placement.
    if (seq >= keepLive) c.placements.delete(`m${c.spec.g}-${seq - keepLive}:${c.participant}`);
  });
  const s = step;
  if (s !== null && value.at >= s.plan.measureFrom && value.at < s.plan.measureTo) s.sent++;
}

function tick(): void {
  sendTimer = null;
  const s = step;
  const cfg = init;
  if (s === null || cfg === null) return;
  const now = clock();
  if (now >= s.plan.sendTo) return;
  const backlog = Math.max(MAX_BACKLOG_MS, 2 * s.interval);
  let earliest = s.plan.sendTo;
  for (const c of clients) {
    if (!c.synced) continue;
    let burst = 0;
    while (c.nextDue <= now && burst < MAX_BURST_PER_TICK) {
      sendMove(c, cfg.keepLive);
      c.nextDue += s.interval;
      burst++;
    }
    if (now - c.nextDue > backlog) {
      const skip = Math.ceil((now - c.nextDue) / s.interval);
      if (now >= s.plan.measureFrom && now < s.plan.measureTo) s.missed += skip;
      c.nextDue += skip * s.interval;
    }
    if (c.nextDue < earliest) earliest = c.nextDue;
  }
  const wait = Math.min(Math.max(earliest - clock(), 0), 50);
  sendTimer = setTimeout(tick, wait);
}

function startStep(plan: StepPlan): void {
  if (sendTimer !== null) clearTimeout(sendTimer);
  if (step !== null) for (const t of step.timers) clearTimeout(t);
  const interval = 1000 / plan.ratePerClient;
  const secondsInWindow = Math.ceil((plan.measureTo - plan.measureFrom) / 1000);
  const s: StepState = {
    plan,
    interval,
    sent: 0,
    missed: 0,
    received: 0,
    latency: new LatencyHistogram(),
    crossNode: new LatencyHistogram(),
    seconds: Array.from({ length: secondsInWindow }, () => ({ latency: new LatencyHistogram(), awarenessFramesIn: 0, loopLagMaxMs: 0 })),
    measuring: false,
    framesIn: 0,
    bytesIn: 0,
    awarenessFramesIn: 0,
    cpuStart: null,
    windowStart: 0,
    cpuMs: 0,
    windowMs: 0,
    loopLagP99Ms: 0,
    loopLagMaxMs: 0,
    reconnects: 0,
    timers: [],
  };
  step = s;
  for (const c of clients) c.nextDue = plan.sendFrom + Math.random() * interval;
  const now = clock();
  s.timers.push(
    setTimeout(() => {
      s.measuring = true;
      s.cpuStart = process.cpuUsage();
      s.windowStart = clock();
      s.reconnects = reconnectsTotal;
      eld.reset();
      eldSecond.reset();
    }, plan.measureFrom - now),
  );
  // The event loop's worst delay in each second, so a generator stall is not mistaken for the server's.
  for (let i = 0; i < secondsInWindow; i++) {
    s.timers.push(
      setTimeout(() => {
        s.seconds[i]!.loopLagMaxMs = lagMs(eldSecond, "max");
        eldSecond.reset();
      }, plan.measureFrom + (i + 1) * 1000 - now),
    );
  }
  s.timers.push(
    setTimeout(() => {
      s.measuring = false;
      const cpu = process.cpuUsage(s.cpuStart ?? undefined);
      s.cpuMs = (cpu.user + cpu.system) / 1000;
      s.windowMs = clock() - s.windowStart;
      s.loopLagP99Ms = lagMs(eld, "p99");
      s.loopLagMaxMs = lagMs(eld, "max");
      s.reconnects = reconnectsTotal - s.reconnects;
    }, plan.measureTo - now),
  );
  sendTimer = setTimeout(tick, Math.max(0, plan.sendFrom - now));
}

function collect(id: number, workerIndex: number): void {
  const s = step;
  if (s === null || s.plan.id !== id) {
    post({ type: "error", workerIndex, message: `collect for unknown step ${id}` });
    return;
  }
  const seconds: SecondReport[] = s.seconds.map((x) => ({
    latency: x.latency.toReport(),
    awarenessFramesIn: x.awarenessFramesIn,
    loopLagMaxMs: x.loopLagMaxMs,
  }));
  const report: StepReport = {
    type: "stepResult",
    workerIndex,
    id,
    sent: s.sent,
    missed: s.missed,
    received: s.received,
    latency: s.latency.toReport(),
    crossNode: s.crossNode.toReport(),
    seconds,
    framesIn: s.framesIn,
    bytesIn: s.bytesIn,
    awarenessFramesIn: s.awarenessFramesIn,
    cpuMs: s.cpuMs,
    windowMs: s.windowMs,
    loopLagP99Ms: s.loopLagP99Ms,
    loopLagMaxMs: s.loopLagMaxMs,
    reconnects: s.reconnects,
  };
  step = null;
  post(report);
}

function shutdown(code: number): void {
  if (sendTimer !== null) clearTimeout(sendTimer);
  for (const c of clients) {
    try {
      c.destroy();
    } catch {
      // A provider that never connected may throw on destroy; exiting anyway.
    }
  }
  setTimeout(() => process.exit(code), 100).unref();
}

process.on("message", (raw: unknown) => {
  const msg = raw as ToWorker;
  switch (msg.type) {
    case "init":
      init = msg;
      senderIndex = new Map(msg.senders.map((participant, g) => [participant, g]));
      clock = makeClock(msg.epochOffset);
      void connectAll(msg);
      break;
    case "step":
      startStep(msg.plan);
      break;
    case "collect":
      collect(msg.id, init?.workerIndex ?? -1);
      break;
    case "stop":
      shutdown(0);
      break;
  }
});

process.on("disconnect", () => shutdown(0));
process.on("uncaughtException", (err) => {
  post({ type: "error", workerIndex: init?.workerIndex ?? -1, message: err.stack ?? err.message });
  shutdown(1);
});
