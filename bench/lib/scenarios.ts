export type ScenarioId = "A" | "B" | "C" | "D";
export const SCENARIO_IDS: readonly ScenarioId[] = ["A", "B", "C", "D"];

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
}

/** A ramp step fails (and the ramp stops) above this p95, or on any loss. */
export const RAMP_P95_LIMIT_MS = 100;

export function scenarios(quick: boolean): Scenario[] {
  const steady: Timing = quick
    ? { warmupMs: 1000, measureMs: 3000, drainMs: 1000 }
    : { warmupMs: 2000, measureMs: 10000, drainMs: 2000 };
  const rampStep: Timing = quick
    ? { warmupMs: 500, measureMs: 2000, drainMs: 1000 }
    : { warmupMs: 1000, measureMs: 4000, drainMs: 1500 };
  return [
    {
      id: "A",
      title: quick ? "one room, 20 clients × 5 moves/s (quick)" : "one room, 50 clients × 5 moves/s",
      rooms: 1,
      clientsPerRoom: quick ? 20 : 50,
      rates: [5],
      ramp: false,
      timing: steady,
    },
    {
      id: "B",
      title: quick ? "one room, 60 clients × 1 move/s (quick)" : "one room, 200 clients × 1 move/s",
      rooms: 1,
      clientsPerRoom: quick ? 60 : 200,
      rates: [1],
      ramp: false,
      timing: steady,
    },
    {
      id: "C",
      title: quick ? "20 rooms × 5 clients × 1 move/s (quick)" : "100 rooms × 5 clients × 1 move/s",
      rooms: quick ? 20 : 100,
      clientsPerRoom: 5,
      rates: [1],
      ramp: false,
      timing: steady,
    },
    {
      id: "D",
      title: quick
        ? "ramp, one room of 20 clients (quick)"
        : "ramp, one room of 50 clients, per-client rate stepped up until p95 > 100 ms or loss",
      rooms: 1,
      clientsPerRoom: quick ? 20 : 50,
      rates: quick ? [5, 20, 60] : [5, 10, 15, 20, 30, 40, 60, 80, 100, 140, 200, 280, 400],
      ramp: true,
      timing: rampStep,
    },
  ];
}
