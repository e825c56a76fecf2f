import type { AwarenessMode, ReceiveMode, ServerKind } from "./messages";
import type { ScenarioId } from "./scenarios";

export interface StepResult {
  ratePerClient: number;
  offeredMovesPerSec: number;
  /** Moves generated in the window, per second (less than offered if the generator fell behind). */
  movesPerSec: number;
  deliveriesPerSec: number;
  sent: number;
  missedSends: number;
  expected: number;
  received: number;
  lost: number;
  lossPct: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  negativeLatencies: number;
  windowSec: number;
  serverCpuSec: number | null;
  serverCpuPct: number | null;
  serverCpuSecPer1kDeliveries: number | null;
  serverRssPeakMb: number | null;
  serverDiskWriteMb: number | null;
  /** Summed over generator workers, in % of one core. */
  generatorCpuPct: number;
  generatorLoopLagP99Ms: number;
  generatorLoopLagMaxMs: number;
  /** CPU used on the machine by processes outside this run during the window, % of one core. */
  otherCpuPct: number | null;
  /** Websocket frames / bytes the clients received per counted delivery (includes acks and echoes). */
  framesPerDelivery: number | null;
  bytesPerDelivery: number | null;
  reconnects: number;
  /** Awareness messages all clients received per second of the window. */
  awarenessFramesPerSec: number;
  /** Clusters: deliveries from a sender on another node than the receiver. */
  crossNodeDeliveries: number;
  crossNodeP95Ms: number | null;
  crossNodeP99Ms: number | null;
  /** The window second by second, when the scenario asks for it. */
  seconds?: SecondResult[];
  /** Windows measured for this step (a window spoiled by other load is measured again once). */
  attempts?: number;
  pass?: boolean;
}

export interface SecondResult {
  /** Seconds since the first client started connecting (awareness renewals come every 15 s from there). */
  sinceConnectSec: number;
  deliveries: number;
  p99Ms: number | null;
  maxMs: number | null;
  serverCpuPct: number | null;
  awarenessFramesIn: number;
  /** The worst event-loop delay of any generator worker in that second. */
  generatorLagMaxMs: number;
}

export interface RunResult {
  server: ServerKind;
  scenario: ScenarioId;
  /** 1-based, for scenarios measured on several fresh servers. */
  run: number;
  status: "ok" | "error";
  error?: string;
  clients: number;
  rooms: number;
  connectSec?: number;
  serverRssIdleMb?: number | null;
  serverRssPeakMb?: number | null;
  serverRssEndMb?: number | null;
  steps: StepResult[];
  /** Ramp only: highest total moves/s sustained with p95 ≤ limit and no loss. */
  ceilingMovesPerSec?: number | null;
  ceilingRatePerClient?: number | null;
  notes: string[];
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  receive: ReceiveMode;
  awareness: AwarenessMode;
  /** Extra node flags our servers ran with, if any. */
  nodeFlags: string[];
  nodes: number;
  env: {
    node: string;
    cpus: number;
    cpuModel: string;
    memGb: number;
    workers: number;
    platform: string;
  };
  servers: ServerKind[];
  scenarios: Array<{ id: ScenarioId; title: string; rooms: number; clientsPerRoom: number; rates: number[]; runs: number; connectSpreadMs: number }>;
  results: RunResult[];
}
