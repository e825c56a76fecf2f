import type { ServerKind } from "./messages";
import { num, runsOf, SERVER_LABELS, table } from "./format";
import { seriesTables } from "./report-series";
import type { BenchReport, RunResult, StepResult } from "./results";
import { RAMP_P95_LIMIT_MS, type ScenarioId } from "./scenarios";

/** The column every ratio is taken against: the server as users run it. */
const OURS: ServerKind = "cruxboard";

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ratio(ours: number | null, ref: number | null): string {
  if (ours === null || ref === null || !Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return "–";
  return `×${(ours / ref).toFixed(2)}`;
}

interface Row {
  label: string;
  value: (s: StepResult, r: RunResult) => number | null;
  digits: number;
  /** Custom cell text; ratios are then omitted. */
  text?: (s: StepResult, r: RunResult) => string;
  noRatio?: boolean;
  /** Cluster figures, shown only when a cluster was measured. */
  clusterOnly?: boolean;
}

const STEADY_ROWS: Row[] = [
  { label: "moves/s in (offered)", value: (s) => s.movesPerSec, digits: 0, text: (s) => `${num(s.movesPerSec, 0)} (${num(s.offeredMovesPerSec, 0)})` },
  { label: "deliveries/s out", value: (s) => s.deliveriesPerSec, digits: 0 },
  { label: "loss", value: (s) => s.lost, digits: 0, text: (s) => `${num(s.lost, 0)} (${num(s.lossPct, 2)} %)` },
  { label: "latency p50 ms", value: (s) => s.p50Ms, digits: 1 },
  { label: "latency p95 ms", value: (s) => s.p95Ms, digits: 1 },
  { label: "latency p99 ms", value: (s) => s.p99Ms, digits: 1 },
  { label: "latency max ms", value: (s) => s.maxMs, digits: 1 },
  { label: "cross-node deliveries", value: (s) => s.crossNodeDeliveries, digits: 0, clusterOnly: true },
  { label: "cross-node latency p95 ms", value: (s) => s.crossNodeP95Ms, digits: 1, clusterOnly: true },
  { label: "cross-node latency p99 ms", value: (s) => s.crossNodeP99Ms, digits: 1, clusterOnly: true },
  { label: "server CPU s / 1k deliveries", value: (s) => s.serverCpuSecPer1kDeliveries, digits: 4 },
  { label: "server CPU % of a core", value: (s) => s.serverCpuPct, digits: 0 },
  { label: "server RSS peak MB", value: (_s, r) => r.serverRssPeakMb ?? null, digits: 0 },
  { label: "server RSS idle → end MB", value: (_s, r) => r.serverRssEndMb ?? null, digits: 0, text: (_s, r) => `${num(r.serverRssIdleMb, 0)} → ${num(r.serverRssEndMb, 0)}` },
  { label: "server disk writes MB", value: (s) => s.serverDiskWriteMb, digits: 1, noRatio: true },
  { label: "frames in / delivery", value: (s) => s.framesPerDelivery, digits: 2 },
  { label: "bytes in / delivery", value: (s) => s.bytesPerDelivery, digits: 0 },
  { label: "awareness frames in / s (all clients)", value: (s) => s.awarenessFramesPerSec, digits: 0 },
  { label: "generator CPU % (all workers)", value: (s) => s.generatorCpuPct, digits: 0 },
  { label: "generator loop lag p99 / max ms", value: (s) => s.generatorLoopLagP99Ms, digits: 1, text: (s) => `${num(s.generatorLoopLagP99Ms, 1)} / ${num(s.generatorLoopLagMaxMs, 0)}` },
  { label: "generator sends skipped", value: (s) => s.missedSends, digits: 0, noRatio: true },
  { label: "other processes' CPU % (noise)", value: (s) => s.otherCpuPct, digits: 0, noRatio: true },
];

/** The step a run is summarised by: a ramp's ceiling step, else its only one. */
function headlineStep(r: RunResult): StepResult | undefined {
  if (r.status !== "ok") return undefined;
  if (r.ceilingRatePerClient !== undefined && r.ceilingRatePerClient !== null) return r.steps.find((s) => s.ratePerClient === r.ceilingRatePerClient);
  return r.steps[0];
}

function statusCell(runs: RunResult[]): string | null {
  if (runs.length === 0) return "not run";
  if (runs.every((r) => r.status === "error")) return "error";
  if (runs.every((r) => headlineStep(r) === undefined)) return "no data";
  return null;
}

/** One cell: each run's figure, " / " between runs. */
function cell(runs: RunResult[], row: Row): string {
  const parts = runs.map((r) => {
    const s = headlineStep(r);
    if (!s) return r.status === "error" ? "error" : "–";
    return row.text ? row.text(s, r) : num(row.value(s, r), row.digits);
  });
  return parts.length === 0 ? "–" : parts.join(" / ");
}

function medianOf(runs: RunResult[], value: (s: StepResult, r: RunResult) => number | null): number | null {
  const values: number[] = [];
  for (const r of runs) {
    const s = headlineStep(r);
    const v = s ? value(s, r) : null;
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  return median(values);
}

function comparisonHeader(servers: ServerKind[]): { header: string[]; refs: ServerKind[] } {
  const refs = servers.includes(OURS) ? servers.filter((s) => s !== OURS) : [];
  return { header: ["metric", ...servers.map((s) => SERVER_LABELS[s]), ...refs.map((r) => `ours ÷ ${SERVER_LABELS[r]}`)], refs };
}

function metricTable(report: BenchReport, scenario: ScenarioId, rows: Row[]): string {
  const { header, refs } = comparisonHeader(report.servers);
  const runs = report.servers.map((s) => runsOf(report, s, scenario));
  const ours = runsOf(report, OURS, scenario);
  const out: string[][] = [];
  const status = runs.map(statusCell);
  if (status.some((c) => c !== null)) out.push(["status", ...status.map((c) => c ?? "ok"), ...refs.map(() => "")]);
  for (const row of rows) {
    if (row.clusterOnly && !report.servers.includes("cluster")) continue;
    const ratios = refs.map((ref) => (row.text || row.noRatio ? "" : ratio(medianOf(ours, row.value), medianOf(runsOf(report, ref, scenario), row.value))));
    out.push([row.label, ...runs.map((rs) => cell(rs, row)), ...ratios]);
  }
  return table(header, out);
}

function rampSteps(r: RunResult): string {
  const header = ["rate/client", "offered/s", "moves/s in", "deliveries/s", "loss", "p50 ms", "p95 ms", "p99 ms", "srv CPU %", "srv CPU s/1k", "frames/deliv", "gen CPU %", "gen lag p99", "skipped", "other CPU %", "pass"];
  const rows = r.steps.map((s) => [
    num(s.ratePerClient, 0),
    num(s.offeredMovesPerSec, 0),
    num(s.movesPerSec, 0),
    num(s.deliveriesPerSec, 0),
    `${num(s.lost, 0)} (${num(s.lossPct, 2)} %)`,
    num(s.p50Ms, 1),
    num(s.p95Ms, 1),
    num(s.p99Ms, 1),
    num(s.serverCpuPct, 0),
    num(s.serverCpuSecPer1kDeliveries, 4),
    num(s.framesPerDelivery, 2),
    num(s.generatorCpuPct, 0),
    num(s.generatorLoopLagP99Ms, 1),
    num(s.missedSends, 0),
    num(s.otherCpuPct, 0),
    s.pass ? "yes" : "no",
  ]);
  return table(header, rows);
}

function headline(report: BenchReport): string {
  const rows: Row[] = [
    { label: "p95 ms", value: (s) => s.p95Ms, digits: 1 },
    { label: "p99 ms", value: (s) => s.p99Ms, digits: 1 },
    { label: "max ms", value: (s) => s.maxMs, digits: 0 },
    { label: "loss %", value: (s) => s.lossPct, digits: 2 },
    { label: "server CPU s / 1k deliveries", value: (s) => s.serverCpuSecPer1kDeliveries, digits: 4 },
    { label: "server RSS peak MB", value: (_s, r) => r.serverRssPeakMb ?? null, digits: 0 },
  ];
  const { header, refs } = comparisonHeader(report.servers);
  const out: string[][] = [];
  for (const sc of report.scenarios) {
    const scRows: Row[] = sc.id === "D" ? [{ label: "ceiling moves/s", value: (_s, r) => r.ceilingMovesPerSec ?? null, digits: 0 }] : rows;
    const ours = runsOf(report, OURS, sc.id);
    for (const row of scRows) {
      const runs = report.servers.map((k) => runsOf(report, k, sc.id));
      out.push([
        `${sc.id} ${row.label}`,
        ...runs.map((rs) => statusCell(rs) ?? cell(rs, row)),
        ...refs.map((k) => ratio(medianOf(ours, row.value), medianOf(runsOf(report, k, sc.id), row.value))),
      ]);
    }
  }
  return table(header, out);
}

function introduction(report: BenchReport): string {
  const e = report.env;
  const awareness = {
    send: "Every client also runs a y-protocols Awareness with a presence state like the app's, which y-protocols renews every 15 s; received awareness messages are decoded only (--awareness=send).",
    echo: "Every client also runs a y-protocols Awareness with a presence state like the app's (renewed every 15 s) and applies the awareness it receives, as a browser does; the stock y-websocket provider then sends each change back (--awareness=echo).",
    off: "Clients publish no awareness state (--awareness=off).",
  }[report.awareness];
  return [
    `Run ${report.startedAt} → ${report.finishedAt}; Node ${e.node}, ${e.cpus} CPU (${e.cpuModel}), ${e.memGb} GB, ${e.platform}.`,
    `Servers run one at a time on 127.0.0.1; load from ${e.workers} generator processes on the same machine.`,
    "cruxboard (npm start) = build/server.js started as `npm start` starts it (compiled, Next in the process, SQLite write-through in a fresh DATA_DIR, default log level);",
    "cruxboard harness = server/index.ts createServer alone under tsx, SQLite in a fresh directory, logs dropped;",
    "stock = @y/websocket-server 0.1.1 (in memory); hocuspocus = @hocuspocus/server v4, no extensions (in memory)" +
      (report.nodes > 1 ? `; cruxboard cluster = ${report.nodes} npm-start servers on one fresh Postgres database and Redis key prefix.` : "."),
    report.nodeFlags.length > 0 ? `Our servers ran with the extra node flags \`${report.nodeFlags.join(" ")}\`.` : "",
    report.receive === "parse"
      ? "Every client is a provider with its own Y.Doc that sends moves and, on the same socket, receives everyone else's; received update messages are decoded without integrating them into the doc (--receive=parse)."
      : "Every client is a provider with its own Y.Doc that sends moves and integrates everyone else's; a move counts when it appears in the client's doc (--receive=doc).",
    awareness,
    "Latency = receive time − send stamp on a clock shared by all processes. Loss = expected (move, receiver) pairs − pairs received by the end of the drain.",
    "A scenario measured on several fresh servers shows each run's figure, \" / \" between runs; ratios (ours ÷ reference: below ×1 is better for latency, CPU and memory) are of the medians.",
  ]
    .filter(Boolean)
    .join("\n");
}

export function renderMarkdown(report: BenchReport): string {
  const parts: string[] = [`# Sync server benchmark${report.quick ? " (quick smoke)" : ""}`, introduction(report)];
  parts.push("## Headline\n\n" + headline(report));
  for (const sc of report.scenarios) {
    const spread = sc.connectSpreadMs >= 1000 ? `${num(sc.connectSpreadMs / 1000, 0)} s` : `${num(sc.connectSpreadMs, 0)} ms`;
    parts.push(`## ${sc.id} — ${sc.title}${sc.runs > 1 ? ` (${sc.runs} runs)` : ""}\n\nClients started connecting within ${spread}.`);
    if (sc.id === "D") {
      parts.push("Figures at each server's ceiling step (p95 ≤ " + RAMP_P95_LIMIT_MS + " ms, no loss):\n\n" + metricTable(report, sc.id, STEADY_ROWS));
      for (const kind of report.servers) {
        for (const r of runsOf(report, kind, sc.id)) if (r.status === "ok" && r.steps.length > 0) parts.push(`### D steps — ${SERVER_LABELS[kind]}\n\n${rampSteps(r)}`);
      }
    } else {
      parts.push(metricTable(report, sc.id, STEADY_ROWS));
      parts.push(...seriesTables(report, sc.id));
    }
  }
  const notes: string[] = [];
  for (const r of report.results) {
    const which = `${SERVER_LABELS[r.server]}/${r.scenario}${r.run > 1 || (report.scenarios.find((s) => s.id === r.scenario)?.runs ?? 1) > 1 ? ` run ${r.run}` : ""}`;
    if (r.error) notes.push(`- ${which} ${r.status}: ${r.error.split("\n").join(" ⏎ ")}`);
    for (const n of r.notes) notes.push(`- ${which}: ${n}`);
  }
  if (notes.length > 0) parts.push("## Notes\n\n" + notes.join("\n"));
  return parts.join("\n\n");
}
