import { num, runsOf, SERVER_LABELS, table } from "./format";
import type { BenchReport, SecondResult } from "./results";
import type { ScenarioId } from "./scenarios";

/**
 * The measured window second by second, one table per run: the worst latency
 * of the moves sent in that second and the server's CPU in it, then the
 * awareness traffic the clients received and the generator's worst loop delay
 * (a stall of the generator would show there, not only in the latency).
 * Awareness renewals arrive every 15 s after the clients connected.
 */
export function seriesTables(report: BenchReport, scenario: ScenarioId): string[] {
  const runs = Math.max(0, ...report.results.filter((r) => r.scenario === scenario).map((r) => r.run));
  const out: string[] = [];
  for (let run = 1; run <= runs; run++) {
    const columns = report.servers
      .map((kind) => ({ kind, seconds: runsOf(report, kind, scenario).find((r) => r.run === run)?.steps[0]?.seconds }))
      .filter((c): c is { kind: (typeof report.servers)[number]; seconds: SecondResult[] } => c.seconds !== undefined);
    if (columns.length === 0) continue;
    const length = Math.max(...columns.map((c) => c.seconds.length));
    const rowsFor = (cellOf: (s: SecondResult) => string[]): string[][] =>
      Array.from({ length }, (_, i) => [
        columns.map((c) => c.seconds[i]?.sinceConnectSec).find((t) => t !== undefined)?.toString() ?? "",
        ...columns.flatMap((c) => {
          const s = c.seconds[i];
          return s ? cellOf(s) : ["", ""];
        }),
      ]);
    const title = `### ${scenario} second by second${runs > 1 ? `, run ${run}` : ""}`;
    const latency = table(
      ["s since connect", ...columns.flatMap((c) => [`${SERVER_LABELS[c.kind]} max ms`, "CPU %"])],
      rowsFor((s) => [num(s.maxMs, 0), num(s.serverCpuPct, 0)]),
    );
    const traffic = table(
      ["s since connect", ...columns.flatMap((c) => [`${SERVER_LABELS[c.kind]} awareness frames in`, "gen lag max ms"])],
      rowsFor((s) => [num(s.awarenessFramesIn, 0), num(s.generatorLagMaxMs, 0)]),
    );
    out.push(`${title}\n\n${latency}\n\n${traffic}`);
  }
  return out;
}
