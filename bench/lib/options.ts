import {
  AWARENESS_MODES,
  DEFAULT_SERVERS,
  RECEIVE_MODES,
  SERVER_KINDS,
  type AwarenessMode,
  type ReceiveMode,
  type ServerKind,
} from "./messages";
import { CLUSTER_SCENARIOS, DEFAULT_SCENARIOS, SCENARIO_IDS, type ScenarioId } from "./scenarios";

export interface Options {
  quick: boolean;
  /** Seconds the whole run may spend waiting out other processes' load; null = default. */
  noiseBudgetSec: number | null;
  receive: ReceiveMode;
  awareness: AwarenessMode;
  only: ScenarioId[];
  servers: ServerKind[];
  /** Runs of scenarios measured several times (B); null = the scenario's own. */
  runs: number | null;
  /** Every client starts connecting within this many ms; null = the scenario's own. */
  connectSpreadMs: number | null;
  /** Node processes of the cluster. */
  nodes: number;
  nodeFlags: string[];
  serverLogs: boolean;
}

export const USAGE = `npm run bench -- [options]

  --only=A,B,C,D          scenarios (default A,B,C; D is the ramp)
  --servers=LIST          any of ${SERVER_KINDS.join(",")} (default ${DEFAULT_SERVERS.join(",")})
  --nodes[=N]             ours as a cluster of N nodes (default 2) on Postgres and Redis:
                          runs ${CLUSTER_SCENARIOS.join(",")} on the cluster unless --only/--servers say otherwise
  --quick                 smoke run with smaller scenarios
  --runs=N                fresh-server runs of scenarios measured several times (B: 3)
  --connect-spread=MS     clients start connecting within MS (default 1000, C 3000); 0 = all at once,
                          which lines up their awareness renewals to the millisecond
  --awareness=MODE        send (default): clients publish presence, renewed by y-protocols every 15 s;
                          echo: they also apply what they receive (the y-websocket provider echoes it);
                          off: no awareness at all
  --receive=parse|doc     decode updates (default) or integrate them into each client's doc
  --node-flags="FLAGS"    extra node flags for our servers, e.g. "--trace-gc"
  --server-logs           keep every server's whole output in bench/results/<run>-logs/
  --noise-budget=SECONDS  how long the run may wait for other load on the machine (default 180)
`;

function list<T extends string>(value: string, allowed: readonly T[], what: string, lower: boolean): T[] {
  const items = value.split(",").map((s) => (lower ? s.trim().toLowerCase() : s.trim().toUpperCase()));
  const bad = items.filter((i) => !allowed.includes(i as T));
  if (bad.length > 0) throw new Error(`unknown ${what} ${bad.join(", ")}; use ${allowed.join(",")}`);
  return items as T[];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number ≥ 1`);
  return n;
}

export function parseArgs(argv: string[]): Options {
  const opts: Options = {
    quick: false,
    noiseBudgetSec: null,
    receive: "parse",
    awareness: "send",
    only: [],
    servers: [],
    runs: null,
    connectSpreadMs: null,
    nodes: 0,
    nodeFlags: [],
    serverLogs: false,
  };
  for (const arg of argv) {
    const [flag, value = ""] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg];
    if (flag === "--quick") opts.quick = true;
    else if (flag === "--noise-budget") {
      const sec = Number(value);
      if (value === "" || !Number.isFinite(sec) || sec < 0) throw new Error("--noise-budget takes a number of seconds ≥ 0");
      opts.noiseBudgetSec = sec;
    } else if (flag === "--receive") opts.receive = list(value, RECEIVE_MODES, "receive mode", true)[0]!;
    else if (flag === "--awareness") opts.awareness = list(value, AWARENESS_MODES, "awareness mode", true)[0]!;
    else if (flag === "--only") opts.only = list(value, SCENARIO_IDS, "scenario(s)", false);
    else if (flag === "--servers") opts.servers = list(value, SERVER_KINDS, "server(s)", true);
    else if (flag === "--runs") opts.runs = positiveInt(value, "--runs");
    else if (flag === "--connect-spread") {
      const ms = Number(value);
      if (value === "" || !Number.isFinite(ms) || ms < 0) throw new Error("--connect-spread takes a number of ms ≥ 0");
      opts.connectSpreadMs = ms;
    } else if (flag === "--nodes") opts.nodes = value === "" ? 2 : positiveInt(value, "--nodes");
    else if (flag === "--node-flags") opts.nodeFlags = value.split(/\s+/).filter(Boolean);
    else if (flag === "--server-logs") opts.serverLogs = true;
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n\n${USAGE}`);
  }
  const cluster = opts.nodes > 0;
  if (opts.servers.length === 0) opts.servers = cluster ? ["cluster"] : [...DEFAULT_SERVERS];
  if (opts.only.length === 0) opts.only = cluster && !opts.servers.some((s) => s !== "cluster") ? [...CLUSTER_SCENARIOS] : [...DEFAULT_SCENARIOS];
  if (opts.servers.includes("cluster") && opts.nodes === 0) opts.nodes = 2;
  if (opts.nodes === 1) throw new Error("--nodes: a cluster has at least 2 nodes");
  return opts;
}
