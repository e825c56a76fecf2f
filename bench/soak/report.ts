import { percentile, type SoakResult } from "./soak";

const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v)} ms`);
const mb = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} MB`);
const sum = (result: SoakResult, pick: (b: SoakResult["boards"][number]) => number) => result.boards.reduce((n, b) => n + pick(b), 0);

/** The run as a Markdown table, ready for the README. */
export function soakTable(result: SoakResult): string {
  const o = result.options;
  const clients = o.boards * o.clients + o.bots;
  const last = result.lastUnderLoad;
  const rows: Array<[string, string]> = [
    ["server", `\`node ${result.serverCommand}\`, SQLite in a fresh DATA_DIR`],
    ["load", `${o.minutes} min, ${o.boards} boards × ${o.clients} participants (an action every ${o.actionSeconds[0]}–${o.actionSeconds[1]} s) + ${o.bots} bots × ${o.botRate}/s = ${clients} clients, seed ${o.seed}`],
    ["updates sent by clients", String(sum(result, (b) => b.sent))],
    ["… of them in the store at the end (acknowledged)", String(sum(result, (b) => b.sentInStore))],
    ["updates seen relayed (receptions / distinct)", `${sum(result, (b) => b.relayedReceptions)} / ${sum(result, (b) => b.relayedDistinct)}`],
    ["**lost** (seen relayed, not in the store)", `**${sum(result, (b) => b.lost)}**`],
    ["boards converged / store = clients", `${result.boards.filter((b) => b.converged).length}/${result.boards.length} / ${result.boards.filter((b) => b.storeMatchesClients).length}/${result.boards.length}`],
    ["placements at the end", String(sum(result, (b) => b.placements))],
    ["SIGKILLs + restarts (incl. the final one)", `${result.restarts} (crashes: ${result.incarnations.filter((i) => i.ending === "crashed").length})`],
    ["kill → server listening again, p50 / p95", `${ms(percentile(result.restartMs, 50))} / ${ms(percentile(result.restartMs, 95))}`],
    ["kill → every client in step again, p50 / p95 (per restart)", `${ms(percentile(result.reconnectAllMs, 50))} / ${ms(percentile(result.reconnectAllMs, 95))}`],
    ["kill → a client in step again, p50 / p95 (per client)", `${ms(percentile(result.reconnectClientMs, 50))} / ${ms(percentile(result.reconnectClientMs, 95))}`],
    ["server listening → a client in step again, p50 / p95 (per client)", `${ms(percentile(result.resyncClientMs, 50))} / ${ms(percentile(result.resyncClientMs, 95))}`],
    [
      "server RSS, first incarnation: after start / before its kill",
      `${mb(result.incarnations[0]?.rssEarlyMb ?? null)} / ${mb(result.incarnations[0]?.rssLateMb ?? null)}`,
    ],
    [
      "server RSS, last incarnation under load: after start / at the end of the load",
      last ? `${mb(last.earlyMb)} / ${mb(last.lateMb)} (after ${(last.livedMs / 1000).toFixed(0)} s)` : "–",
    ],
    [
      "server warnings and errors logged",
      Object.entries(result.serverWarnings)
        .map(([msg, n]) => `${msg} ×${n}`)
        .join("; ") || "none",
    ],
    ["wall time", `${(result.totalMs / 1000).toFixed(0)} s`],
    ["result", result.failures.length === 0 ? "pass" : `FAIL: ${result.failures.join("; ")}`],
  ];
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}
