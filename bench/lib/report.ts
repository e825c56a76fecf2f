import type { ServerKind } from "./messages";
import type { BenchReport, RunResult, StepResult } from "./results";
import { RAMP_P95_LIMIT_MS, type ScenarioId } from "./scenarios";

const OURS: ServerKind = "cruxboard";

function num(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(ours: number | null | undefined, ref: number | null | undefined): string {
  if (ours === null || ours === undefined || ref === null || ref === undefined) return "–";
  if (!Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return "–";
  return `×${(ours / ref).toFixed(2)}`;
}

interface Row {
  label: string;
  value: (s: StepResult, r: RunResult) => number | null;
  digits: number;
  /** Custom cell text; ratios are then omitted. */
  text?: (s: StepResult, r: RunResult) => string;
  noRatio?: boolean;
}

const STEADY_ROWS: Row[] = [
  { label: "moves/s in (offered)", value: (s) => s.movesPerSec, digits: 0, text: (s) => `${num(s.movesPerSec, 0)} (${num(s.offeredMovesPerSec, 0)})` },
  { label: "deliveries/s out", value: (s) => s.deliveriesPerSec, digits: 0 },
  { label: "loss", value: (s) => s.lost, digits: 0, text: (s) => `${num(s.lost, 0)} (${num(s.lossPct, 2)} %)` },
  { label: "latency p50 ms", value: (s) => s.p50Ms, digits: 1 },
  { label: "latency p95 ms", value: (s) => s.p95Ms, digits: 1 },
  { label: "latency p99 ms", value: (s) => s.p99Ms, digits: 1 },
  { label: "latency max ms", value: (s) => s.maxMs, digits: 1 },
  { label: "server CPU s / 1k deliveries", value: (s) => s.serverCpuSecPer1kDeliveries, digits: 4 },
  { label: "server CPU % of a core", value: (s) => s.serverCpuPct, digits: 0 },
  { label: "server RSS peak MB", value: (_s, r) => r.serverRssPeakMb ?? null, digits: 0 },
  { label: "server RSS idle → end MB", value: (_s, r) => r.serverRssEndMb ?? null, digits: 0, text: (_s, r) => `${num(r.serverRssIdleMb, 0)} → ${num(r.serverRssEndMb, 0)}` },
  { label: "server disk writes MB", value: (s) => s.serverDiskWriteMb, digits: 1, noRatio: true },
  { label: "frames in / delivery", value: (s) => s.framesPerDelivery, digits: 2 },
  { label: "bytes in / delivery", value: (s) => s.bytesPerDelivery, digits: 0 },
  { label: "generator CPU % (all workers)", value: (s) => s.generatorCpuPct, digits: 0 },
  { label: "generator loop lag p99 ms", value: (s) => s.generatorLoopLagP99Ms, digits: 1 },
  { label: "generator sends skipped", value: (s) => s.missedSends, digits: 0, noRatio: true },
  { label: "other processes' CPU % (noise)", value: (s) => s.otherCpuPct, digits: 0, noRatio: true },
];

function find(report: BenchReport, server: ServerKind, scenario: ScenarioId): RunResult | undefined {
  return report.results.find((r) => r.server === server && r.scenario === scenario);
}

function statusCell(r: RunResult | undefined): string | null {
  if (r === undefined) return "not run";
  if (r.status === "error") return "error";
  if (r.steps.length === 0) return "no data";
  return null;
}

/** The step a ramp is summarised by: its ceiling step, else the first one. */
function headlineStep(r: RunResult): StepResult | undefined {
  if (r.ceilingRatePerClient !== undefined && r.ceilingRatePerClient !== null) {
    return r.steps.find((s) => s.ratePerClient === r.ceilingRatePerClient);
  }
  return r.steps[0];
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

function comparisonHeader(servers: ServerKind[]): { header: string[]; ratios: ServerKind[] } {
  const ratios = servers.includes(OURS) ? servers.filter((s) => s !== OURS) : [];
  return { header: ["metric", ...servers, ...ratios.map((r) => `ours/${r}`)], ratios };
}

function metricTable(report: BenchReport, scenario: ScenarioId, rows: Row[]): string {
  const { header, ratios } = comparisonHeader(report.servers);
  const runs = report.servers.map((s) => find(report, s, scenario));
  const out: string[][] = [];
  const statusRow = runs.map(statusCell);
  if (statusRow.some((c) => c !== null)) {
    out.push(["status", ...statusRow.map((c) => c ?? "ok"), ...ratios.map(() => "")]);
  }
  const ours = find(report, OURS, scenario);
  const oursStep = ours && ours.status === "ok" ? headlineStep(ours) : undefined;
  for (const row of rows) {
    const cells = runs.map((r) => {
      const s = r && r.status === "ok" ? headlineStep(r) : undefined;
      if (!r || !s) return "–";
      return row.text ? row.text(s, r) : num(row.value(s, r), row.digits);
    });
    const ratioCells = ratios.map((refKind) => {
      if (row.text || row.noRatio) return "";
      const ref = find(report, refKind, scenario);
      const refStep = ref && ref.status === "ok" ? headlineStep(ref) : undefined;
      if (!ours || !oursStep || !ref || !refStep) return "–";
      return ratio(row.value(oursStep, ours), row.value(refStep, ref));
    });
    out.push([row.label, ...cells, ...ratioCells]);
  }
  return table(header, out);
}

function rampSummary(report: BenchReport, scenario: ScenarioId): string {
  const { header, ratios } = comparisonHeader(report.servers);
  const runs = report.servers.map((s) => find(report, s, scenario));
  const ours = find(report, OURS, scenario);
  const value = (r: RunResult | undefined): number | null => (r && r.status === "ok" ? (r.ceilingMovesPerSec ?? null) : null);
  const rate = (r: RunResult | undefined): number | null => (r && r.status === "ok" ? (r.ceilingRatePerClient ?? null) : null);
  const rows: string[][] = [
    [
      `ceiling moves/s (p95 ≤ ${RAMP_P95_LIMIT_MS} ms, no loss)`,
      ...runs.map((r) => statusCell(r) ?? num(value(r), 0)),
      ...ratios.map((k) => ratio(value(ours), value(find(report, k, scenario)))),
    ],
    [
      "ceiling per-client rate /s",
      ...runs.map((r) => statusCell(r) ?? num(rate(r), 0)),
      ...ratios.map((k) => ratio(rate(ours), rate(find(report, k, scenario)))),
    ],
  ];
  return table(header, rows);
}

function rampSteps(r: RunResult): string {
  const header = [
    "rate/client",
    "offered/s",
    "moves/s in",
    "deliveries/s",
    "loss",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "srv CPU %",
    "srv CPU s/1k",
    "frames/deliv",
    "gen CPU %",
    "gen lag p99",
    "skipped",
    "other CPU %",
    "pass",
  ];
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
  const { header, ratios } = comparisonHeader(report.servers);
  const rows: string[][] = [];
  const ours = (id: ScenarioId): RunResult | undefined => find(report, OURS, id);
  const add = (label: string, id: ScenarioId, get: (r: RunResult) => number | null, digits: number): void => {
    const cell = (r: RunResult | undefined): number | null => (r && r.status === "ok" ? get(r) : null);
    rows.push([
      label,
      ...report.servers.map((k) => {
        const r = find(report, k, id);
        return statusCell(r) ?? num(cell(r), digits);
      }),
      ...ratios.map((k) => ratio(cell(ours(id)), cell(find(report, k, id)))),
    ]);
  };
  for (const sc of report.scenarios) {
    if (sc.id === "D") {
      add("D ceiling moves/s", "D", (r) => r.ceilingMovesPerSec ?? null, 0);
      continue;
    }
    add(`${sc.id} p95 ms`, sc.id, (r) => headlineStep(r)?.p95Ms ?? null, 1);
    add(`${sc.id} loss %`, sc.id, (r) => headlineStep(r)?.lossPct ?? null, 2);
    add(`${sc.id} server CPU s / 1k deliveries`, sc.id, (r) => headlineStep(r)?.serverCpuSecPer1kDeliveries ?? null, 4);
    add(`${sc.id} server RSS peak MB`, sc.id, (r) => r.serverRssPeakMb ?? null, 0);
  }
  return table(header, rows);
}

export function renderMarkdown(report: BenchReport): string {
  const e = report.env;
  const parts: string[] = [];
  parts.push(`# Sync server benchmark${report.quick ? " (quick smoke)" : ""}`);
  parts.push(
    [
      `Run ${report.startedAt} → ${report.finishedAt}; Node ${e.node}, ${e.cpus} CPU (${e.cpuModel}), ${e.memGb} GB, ${e.platform}.`,
      `Servers run one at a time, each in its own process, on 127.0.0.1; load from ${e.workers} generator processes on the same machine.`,
      "stock = @y/websocket-server 0.1.1 (in memory); hocuspocus = @hocuspocus/server v4, no extensions (in memory);",
      "cruxboard = server/index.ts with the SQLite store, durable writes on.",
      report.receive === "parse"
        ? "Every client is a provider with its own Y.Doc that sends moves and, on the same socket, receives everyone else's; received update messages are decoded without integrating them into the doc (--receive=parse)."
        : "Every client is a provider with its own Y.Doc that sends moves and integrates everyone else's; a move counts when it appears in the client's doc (--receive=doc).",
      "Latency = receive time − send stamp on a clock shared by all processes. Loss = expected (move, receiver) pairs − pairs received by the end of the drain.",
      "Generator CPU and loop lag show whether the load generator kept up; \"other processes' CPU\" is load on the machine from outside this run during the window (noise).",
      "Ratios are ours ÷ reference: below ×1 is better for latency, CPU and memory, above ×1 is better for throughput and ceiling.",
    ].join("\n"),
  );
  parts.push("## Headline\n\n" + headline(report));
  for (const sc of report.scenarios) {
    parts.push(`## ${sc.id} — ${sc.title}`);
    if (sc.id === "D") {
      parts.push(rampSummary(report, sc.id));
      parts.push("Figures at each server's ceiling step:\n\n" + metricTable(report, sc.id, STEADY_ROWS));
      for (const kind of report.servers) {
        const r = find(report, kind, sc.id);
        if (r && r.status === "ok" && r.steps.length > 0) parts.push(`### D steps — ${kind}\n\n${rampSteps(r)}`);
      }
    } else {
      parts.push(metricTable(report, sc.id, STEADY_ROWS));
    }
  }
  const notes: string[] = [];
  for (const r of report.results) {
    if (r.error) notes.push(`- ${r.server}/${r.scenario} ${r.status}: ${r.error.split("\n").join(" ⏎ ")}`);
    for (const n of r.notes) notes.push(`- ${r.server}/${r.scenario}: ${n}`);
  }
  if (notes.length > 0) parts.push("## Notes\n\n" + notes.join("\n"));
  return parts.join("\n\n");
}
