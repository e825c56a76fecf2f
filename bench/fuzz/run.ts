/*
 * npm run fuzz -- [--frames 10000] [--seed N] [--connections 2] [--json]
 * Structured frame fuzzing of the sync server (./campaign.ts); prints what was sent, how the
 * server answered and every broken guarantee, and exits 1 when there is one. Without --seed a
 * random seed is drawn and printed, so a failing run can be replayed.
 */
import { randomInt } from "node:crypto";
import { CATEGORIES } from "./frames";
import { runCampaign, type CampaignReport } from "./campaign";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function count(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${raw}`);
  return n;
}

function print(r: CampaignReport): void {
  const out = (line = "") => process.stdout.write(line + "\n");
  out(`seed ${r.seed}: ${r.frames} frames in ${(r.durationMs / 1000).toFixed(1)} s, ${r.honestEdits} honest edits meanwhile`);
  out();
  out("| category | frames sent | closes after it |");
  out("|---|---:|---:|");
  for (const c of CATEGORIES) out(`| ${c} | ${r.sent[c]} | ${r.closesByCategory[c] ?? 0} |`);
  out();
  out(`connections closed: ${r.closes} (${Object.entries(r.closesByCode).map(([code, n]) => `${code}: ${n}`).join(", ")})`);
  out(`slowest frames: ${r.slowest.map((f) => `${f.ms} ms ${f.role} ${f.category} (${f.variant}, ${f.bytes} bytes)`).join("; ")}`);
  out(`frames with neither an answer nor a close within 5 s: ${r.unanswered}`);
  out(`honest-client disconnects: ${r.honestDisconnects}`);
  out(`seat cases (another person's placement, item or entry; a made-up seat; another board's seat): ${r.seatCases}`);
  out(`memory after GC: heap ${r.memoryBefore.heapUsedMB} → ${r.memoryAfter.heapUsedMB} MB, rss ${r.memoryBefore.rssMB} → ${r.memoryAfter.rssMB} MB (peak ${r.peakRssMB} MB)`);
  out(`board after the run: ${r.boardBytes} bytes; server log: ${r.warnLines} warnings, ${r.errorLines.length} errors`);
  out();
  out(r.problems.length === 0 ? "no problems" : `${r.problems.length} problems:\n${r.problems.map((p) => `- ${p}`).join("\n")}`);
}

let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  finished = true;
  process.stderr.write("fuzz: stopped before its report: the run waited on something that never came\n");
  process.exitCode = 2;
});

async function main(): Promise<void> {
  const seed = option("seed") === undefined ? randomInt(2 ** 31) : count("seed", 0);
  const report = await runCampaign({
    frames: count("frames", 10_000),
    seed,
    connections: count("connections", 2),
    progress: (line) => process.stderr.write(`fuzz: ${line}\n`),
  });
  finished = true;
  if (process.argv.includes("--json")) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else print(report);
  // Not process.exit: a piped stdout is written asynchronously and would be cut short.
  process.exitCode = report.problems.length > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`fuzz: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 2;
});
