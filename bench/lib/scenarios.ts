export type ScenarioId = "A" | "B" | "C" | "D";
export const SCENARIO_IDS: readonly ScenarioId[] = ["A", "B", "C", "D"];
/** The ramp takes about five minutes for four servers; it runs when asked for (--only=D). */
export const DEFAULT_SCENARIOS: readonly ScenarioId[] = ["A", "B", "C"];
/** What --nodes runs: one board spread over the nodes, and many small boards. */
export const CLUSTER_SCENARIOS: readonly ScenarioId[] = ["A", "C"];

export interface Timing {
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  rooms: number;
  clientsPerRoom: number;
  /** Per-client moves/s; one entry for a steady scenario, ascending steps for a ramp. */
  rates: number[];
  ramp: boolean;
  timing: Timing;
  /** Every client starts connecting within this many ms (a restart brings everyone back at once). */
  connectSpreadMs: number;
  /** Fresh servers, one after the other, each measured once: tails vary from run to run. */
  runs: number;
  /** Report the window second by second (latency, the server's CPU, awareness traffic). */
  series: boolean;
}

/** A ramp step fails (and the ramp stops) above this p95, or on any loss. */
export const RAMP_P95_LIMIT_MS = 100;

/**
 * Awareness renewals come every 15 s after a client set its state, so a
 * window meant to show them spans at least one renewal of everyone.
 */
export function scenarios(quick: boolean): Scenario[] {
  const steady: Timing = quick ? { warmupMs: 1000, measureMs: 5000, drainMs: 1000 } : { warmupMs: 3000, measureMs: 15000, drainMs: 2000 };
  const busy: Timing = quick ? { warmupMs: 2000, measureMs: 16000, drainMs: 1000 } : { warmupMs: 5000, measureMs: 30000, drainMs: 2000 };
  const rampStep: Timing = quick ? { warmupMs: 500, measureMs: 2000, drainMs: 1000 } : { warmupMs: 1000, measureMs: 4000, drainMs: 1500 };
  return [
    {
      id: "A",
      title: quick ? "one room, 20 clients × 5 moves/s (quick)" : "one room, 50 clients × 5 moves/s",
      rooms: 1,
      clientsPerRoom: quick ? 20 : 50,
      rates: [5],
      ramp: false,
      timing: steady,
      connectSpreadMs: 1000,
      runs: 1,
      series: false,
    },
    {
      id: "B",
      title: quick ? "busy room, 60 clients × 1 move/s, connecting together (quick)" : "busy room, 200 clients × 1 move/s, connecting together",
      rooms: 1,
      clientsPerRoom: quick ? 60 : 200,
      rates: [1],
      ramp: false,
      timing: busy,
      connectSpreadMs: 1000,
      runs: quick ? 1 : 3,
      series: true,
    },
    {
      id: "C",
      title: quick ? "20 rooms × 5 clients × 1 move/s (quick)" : "100 rooms × 5 clients × 1 move/s",
      rooms: quick ? 20 : 100,
      clientsPerRoom: 5,
      rates: [1],
      ramp: false,
      timing: steady,
      connectSpreadMs: quick ? 1000 : 3000,
      runs: 1,
      series: false,
    },
    {
      id: "D",
      title: quick ? "ramp, one room of 20 clients (quick)" : "ramp, one room of 50 clients, per-client rate stepped up until p95 > 100 ms or loss",
      rooms: 1,
      clientsPerRoom: quick ? 20 : 50,
      rates: quick ? [5, 20, 60] : [5, 10, 15, 20, 30, 40, 60, 80, 100, 140, 200, 280, 400],
      ramp: true,
      timing: rampStep,
      connectSpreadMs: 1000,
      runs: 1,
      series: false,
    },
  ];
}
