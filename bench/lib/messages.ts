import type { SparseHistogram } from "./hist";

export const SERVER_KINDS = ["stock", "hocuspocus", "cruxboard"] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface ClientSpec {
  /** Global sender index, unique across workers within a scenario. */
  g: number;
  room: string;
  /** Board key, for servers that authorize connections. */
  key?: string;
}

export interface InitMessage {
  type: "init";
  workerIndex: number;
  server: ServerKind;
  port: number;
  clients: ClientSpec[];
  epochOffset: number;
  connectSpreadMs: number;
  syncTimeoutMs: number;
  /** Each sender takes back its placement from this many moves ago, so docs stay bounded. */
  keepLive: number;
  receive: ReceiveMode;
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
  hist: SparseHistogram;
  histCount: number;
  histSumMs: number;
  histMaxMs: number;
  histNegative: number;
  /** Websocket frames and bytes clients received during the window (all kinds). */
  framesIn: number;
  bytesIn: number;
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
