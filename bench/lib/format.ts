import type { ServerKind } from "./messages";
import type { BenchReport, RunResult } from "./results";
import type { ScenarioId } from "./scenarios";

export const SERVER_LABELS: Record<ServerKind, string> = {
  cruxboard: "cruxboard (npm start)",
  harness: "cruxboard harness",
  stock: "stock",
  hocuspocus: "hocuspocus",
  cluster: "cruxboard cluster",
};

export function num(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

export function runsOf(report: BenchReport, server: ServerKind, scenario: ScenarioId): RunResult[] {
  return report.results.filter((r) => r.server === server && r.scenario === scenario);
}
