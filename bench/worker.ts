import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { Awareness } from "y-protocols/awareness";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import { makeClock, type Clock } from "./lib/clock";
import { movesInUpdate, type Move } from "./lib/moves";
import { LatencyHistogram } from "./lib/hist";
import type { ClientSpec, FromWorker, InitMessage, StepPlan, StepReport, ToWorker } from "./lib/messages";

/**
 * One load-generator process. Every client is a real provider with its own
 * Y.Doc that writes its moves into `placements`, and is also a receiver of
 * everyone else's moves on the same socket (one socket per user, as in the
 * app): see ReceiveMode for how received moves are counted.
 */

interface Placement {
  item: string;
  participant: string;
  col: number;
  row: number;
  at: number;
}

interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  placements: Y.Map<Placement>;
  participant: string;
  seq: number;
  nextDue: number;
  synced: boolean;
  destroy: () => void;
}

interface StepState {
  plan: StepPlan;
  interval: number;
  sent: number;
  missed: number;
  received: number;
  hist: LatencyHistogram;
  measuring: boolean;
  framesIn: number;
  bytesIn: number;
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

// Each y-websocket provider registers a process 'exit' listener.
process.setMaxListeners(0);

function post(msg: FromWorker): void {
  if (process.send) process.send(msg);
}

interface SocketHooks {
  /** Returns true when the message was consumed and must not reach the provider. */
  consume: ((bytes: Uint8Array) => boolean) | null;
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data.filter((b): b is Buffer => Buffer.isBuffer(b)));
  return null;
}

/**
 * The providers' WebSocket. It counts inbound frames (to show how much each
 * server batches) and, in parse mode, takes sync-update messages away from
 * the provider once the handshake is done; see lib/messages.ts ReceiveMode.
 */
class BenchWebSocket extends WebSocket {
  constructor(address: string, protocols: string | string[] | undefined, private readonly hooks: SocketHooks) {
    super(address, protocols);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "message") {
      const s = step;
      const bytes = toBytes(args[0]);
      if (s !== null && s.measuring) {
        s.framesIn++;
        s.bytesIn += bytes?.length ?? 0;
      }
      if (bytes !== null && this.hooks.consume !== null && this.hooks.consume(bytes)) return true;
    }
    return super.emit(event, ...args);
  }
}

type SocketConstructor = new (address: string, protocols?: string | string[]) => WebSocket;

function socketClass(hooks: SocketHooks): SocketConstructor {
  return class extends BenchWebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, hooks);
    }
  };
}

const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

/**
 * Parse-mode receiver: the update's moves from other clients are deliveries.
 * `named`: Hocuspocus prefixes every message with the document name. Anything
 * this cannot read goes to the provider untouched.
 */
function updateConsumer(c: Client, named: boolean, touch: () => void): (bytes: Uint8Array) => boolean {
  return (bytes) => {
    if (!c.synced) return false;
    let moves: Move[];
    try {
      const d = decoding.createDecoder(bytes);
      if (named) decoding.readVarString(d);
      if (decoding.readVarUint(d) !== MESSAGE_SYNC) return false;
      if (decoding.readVarUint(d) !== SYNC_UPDATE) return false;
      moves = movesInUpdate(decoding.readVarUint8Array(d));
    } catch {
      return false;
    }
    const now = clock();
    for (const m of moves) {
      if (m.participant !== c.participant) onDelivery(m.at, now);
    }
    // The providers drop a connection that has been silent for 30 s.
    touch();
    return true;
  };
}

function onDelivery(at: number, now: number): void {
  const s = step;
  if (s === null || at < s.plan.measureFrom || at >= s.plan.measureTo) return;
  s.received++;
  s.hist.record(now - at);
}

/** Doc-mode receiver: moves integrated into this client's doc by someone else. */
function observe(c: Client): void {
  c.placements.observe((event) => {
    if (event.transaction.local) return;
    const now = clock();
    for (const key of event.keysChanged) {
      const v = c.placements.get(key);
      if (v !== undefined && typeof v.at === "number") onDelivery(v.at, now);
    }
  });
}

function onDisconnect(c: Client): void {
  if (!c.synced) return;
  reconnectsTotal++;
}

function createClient(spec: ClientSpec, cfg: InitMessage, onSynced: (c: Client) => void, onError: (m: string) => void): Client {
  const doc = new Y.Doc();
  const client: Client = {
    spec,
    doc,
    placements: doc.getMap<Placement>("placements"),
    participant: `p${spec.g}`,
    seq: 0,
    nextDue: Infinity,
    synced: false,
    destroy: () => undefined,
  };
  if (cfg.receive === "doc") observe(client);
  const markSynced = (): void => {
    if (client.synced) return;
    client.synced = true;
    onSynced(client);
  };
  const base = `ws://127.0.0.1:${cfg.port}`;

  if (cfg.server === "hocuspocus") {
    const hooks: SocketHooks = { consume: null };
    const socket = new HocuspocusProviderWebsocket({
      url: base,
      WebSocketPolyfill: socketClass(hooks),
      autoConnect: false,
    });
    if (cfg.receive === "parse") {
      hooks.consume = updateConsumer(client, true, () => {
        socket.lastMessageReceived = Date.now();
      });
    }
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: spec.room,
      document: doc,
      awareness: null,
    });
    provider.on("synced", markSynced);
    provider.on("disconnect", () => onDisconnect(client));
    provider.on("authenticationFailed", () => onError(`client ${spec.g}: authentication failed`));
    provider.attach();
    socket.connect().catch((err: unknown) => onError(`client ${spec.g}: ${String(err)}`));
    client.destroy = () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
    return client;
  }

  // Awareness off (null local state) so the figures are about moves only,
  // and identical for all servers: hocuspocus clients run with awareness: null.
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const url = cfg.server === "cruxboard" ? `${base}/sync` : base;
  const hooks: SocketHooks = { consume: null };
  const provider = new WebsocketProvider(url, spec.room, doc, {
    connect: true,
    awareness,
    params: spec.key !== undefined ? { key: spec.key } : {},
    WebSocketPolyfill: socketClass(hooks) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (cfg.receive === "parse") {
    hooks.consume = updateConsumer(client, false, () => {
      provider.wsLastMessageReceived = Date.now();
    });
  }
  provider.on("sync", (isSynced: boolean) => {
    if (isSynced) markSynced();
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (!client.synced && event !== null) onError(`client ${spec.g}: closed ${event.code} ${event.reason}`);
    onDisconnect(client);
  });
  provider.on("connection-error", () => {
    if (!client.synced) onError(`client ${spec.g}: connection error`);
  });
  client.destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  return client;
}

async function connectAll(cfg: InitMessage): Promise<void> {
  const started = clock();
  const errors: string[] = [];
  let synced = 0;
  const n = cfg.clients.length;
  const gap = n > 0 ? cfg.connectSpreadMs / n : 0;
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, cfg.syncTimeoutMs);
    const onSynced = (): void => {
      synced++;
      if (synced === n) {
        clearTimeout(deadline);
        resolve();
      }
    };
    const onError = (m: string): void => {
      if (errors.length < 5) errors.push(m);
    };
    if (n === 0) {
      clearTimeout(deadline);
      resolve();
      return;
    }
    cfg.clients.forEach((spec, i) => {
      setTimeout(() => clients.push(createClient(spec, cfg, onSynced, onError)), i * gap);
    });
  });
  post({
    type: "synced",
    workerIndex: cfg.workerIndex,
    synced,
    failed: n - synced,
    elapsedMs: clock() - started,
    errors,
  });
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
  const s: StepState = {
    plan,
    interval,
    sent: 0,
    missed: 0,
    received: 0,
    hist: new LatencyHistogram(),
    measuring: false,
    framesIn: 0,
    bytesIn: 0,
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
  for (const c of clients) {
    c.nextDue = plan.sendFrom + Math.random() * interval;
  }
  const now = clock();
  s.timers.push(
    setTimeout(() => {
      s.measuring = true;
      s.cpuStart = process.cpuUsage();
      s.windowStart = clock();
      s.reconnects = reconnectsTotal;
      eld.reset();
    }, plan.measureFrom - now),
  );
  s.timers.push(
    setTimeout(() => {
      s.measuring = false;
      const cpu = process.cpuUsage(s.cpuStart ?? undefined);
      s.cpuMs = (cpu.user + cpu.system) / 1000;
      s.windowMs = clock() - s.windowStart;
      s.loopLagP99Ms = Math.max(0, eld.percentile(99) / 1e6 - ELD_RESOLUTION_MS);
      s.loopLagMaxMs = Math.max(0, eld.max / 1e6 - ELD_RESOLUTION_MS);
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
  const report: StepReport = {
    type: "stepResult",
    workerIndex,
    id,
    sent: s.sent,
    missed: s.missed,
    received: s.received,
    hist: s.hist.toSparse(),
    histCount: s.hist.count,
    histSumMs: s.hist.sumMs,
    histMaxMs: s.hist.maxMs,
    histNegative: s.hist.negative,
    framesIn: s.framesIn,
    bytesIn: s.bytesIn,
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
