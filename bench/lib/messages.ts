import type { HistogramReport } from "./hist";

/**
 * cruxboard: the server as `npm start` runs it (compiled, Next in the process, SQLite).
 * harness: server/index.ts createServer alone in a tsx child (no Next), SQLite.
 * cluster: several `npm start` servers on one Postgres and Redis (--nodes).
 */
export const SERVER_KINDS = ["cruxboard", "harness", "stock", "hocuspocus", "cluster"] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
export const DEFAULT_SERVERS: readonly ServerKind[] = ["cruxboard", "harness", "stock", "hocuspocus"];

/** How a client talks to a server: the URL shape, keys, and which provider. */
export type Protocol = "cruxboard" | "stock" | "hocuspocus";

export function protocolOf(kind: ServerKind): Protocol {
  return kind === "stock" || kind === "hocuspocus" ? kind : "cruxboard";
}

/** The node a client connects to, by its global index; both the orchestrator and the workers use this. */
export function nodeOf(g: number, nodes: number): number {
  return g % nodes;
}

export interface ClientSpec {
  /** Global sender index, unique across workers within a scenario. */
  g: number;
  room: string;
  /** Board key, for servers that authorize connections. */
  key?: string;
  /** The id this client writes its placements under (taken with its seat on our server). */
  participant: string;
  /** Its seat, on servers that have seats: passed as `seat` beside the key. */
  seat?: string;
  port: number;
  /** Index of the node `port` belongs to (0 unless the server is a cluster). */
  node: number;
}

/**
 * send: every client runs a y-protocols Awareness with a presence like the app's,
 * which y-protocols renews every 15 s; awareness messages it receives are only
 * counted (a receiver that decodes, like the update parser).
 * echo: received awareness is applied to the client's Awareness as a browser's
 * provider does; the stock y-websocket provider then sends every change it
 * applied back to the server.
 * off: no awareness state at all (the clients of earlier versions of this bench).
 */
export const AWARENESS_MODES = ["send", "echo", "off"] as const;
export type AwarenessMode = (typeof AWARENESS_MODES)[number];

export interface InitMessage {
  type: "init";
  workerIndex: number;
  protocol: Protocol;
  clients: ClientSpec[];
  /** Node processes serving the clients; deliveries between different nodes are also counted apart. */
  nodes: number;
  /** Every client's participant id by global index, so a receiver knows the node a move was sent through. */
  senders: string[];
  epochOffset: number;
  connectSpreadMs: number;
  syncTimeoutMs: number;
  /** Each sender takes back its placement from this many moves ago, so docs stay bounded. */
  keepLive: number;
  receive: ReceiveMode;
  awareness: AwarenessMode;
}

/**
 * parse: each client's own socket hands incoming update messages to a
 * minimal decoder instead of its Y.Doc (cheap, so the generator keeps up).
 * doc: updates are integrated into the client's Y.Doc and counted by an
 * observer, as a browser would (about 10× the generator CPU per delivery).
 */
export const RECEIVE_MODES = ["parse", "doc"] as const;
export type ReceiveMode = (typeof RECEIVE_MODES)[number];

export interface StepPlan {
  id: number;
  ratePerClient: number;
  sendFrom: number;
  measureFrom: number;
  measureTo: number;
  sendTo: number;
}

export type ToWorker =
  | InitMessage
  | { type: "step"; plan: StepPlan }
  | { type: "collect"; id: number }
  | { type: "stop" };

export interface SyncedReport {
  type: "synced";
  workerIndex: number;
  synced: number;
  failed: number;
  elapsedMs: number;
  errors: string[];
}

/** One second of the measured window, by the moves' send stamps (awareness and lag by receive time). */
export interface SecondReport {
  latency: HistogramReport;
  awarenessFramesIn: number;
  loopLagMaxMs: number;
}

export interface StepReport {
  type: "stepResult";
  workerIndex: number;
  id: number;
  /** Moves whose send stamp falls in the measure window. */
  sent: number;
  /** Sends skipped because the worker fell behind its schedule (offered but not generated). */
  missed: number;
  /** (move, receiver) pairs whose move was sent in the window, received by collection time. */
  received: number;
  latency: HistogramReport;
  /** Deliveries whose sender was on another node than the receiver (clusters only). */
  crossNode: HistogramReport;
  seconds: SecondReport[];
  /** Websocket frames and bytes clients received during the window (all kinds). */
  framesIn: number;
  bytesIn: number;
  awarenessFramesIn: number;
  cpuMs: number;
  windowMs: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  reconnects: number;
}

export type FromWorker =
  | SyncedReport
  | StepReport
  | { type: "error"; workerIndex: number; message: string };

export interface ServerReady {
  ready: true;
  port: number;
  pid: number;
}

export function isServerReady(v: unknown): v is ServerReady {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.ready === true && typeof o.port === "number" && typeof o.pid === "number";
}
