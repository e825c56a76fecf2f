import type { BundleReport } from "./bundle";
import type { CpuWindow } from "./cpu";
import type { ProfileSummary, TraceSummary } from "./diagnose";
import type { LoadWindow } from "./frames";
import type { LatencyStats, MoveSample } from "./latency";
import type { ClockOffset } from "./pages";
import type { Distribution } from "./stats";

export const PAINT_P95_TARGET_MS = 100;

export interface BrowserBenchReport {
  startedAt: string;
  finishedAt: string;
  env: {
    node: string;
    chromium: string;
    cpus: number;
    cpuModel: string;
    memGb: number;
    buildId: string | null;
    builtAt: string | null;
    viewport: string;
  };
  board: { participants: number; items: number; placements: number; seedMs: number };
  options: Record<string, number | string | boolean>;
  clocks: { a: ClockOffset | null; b: ClockOffset | null; aMinusBMs: number | null } | null;
  latency: {
    browser: LatencyStats;
    browserCpu: CpuWindow;
    bot: LatencyStats | null;
    botCpu: CpuWindow | null;
    /** Every measured move, for plotting or re-analysis (epoch ms on the pages' clock). */
    samples: { browser: MoveSample[]; bot: MoveSample[] };
  } | null;
  frames: { idle: LoadWindow; load: LoadWindow; profile: ProfileSummary | null; trace: TraceSummary | null } | null;
  bundle: BundleReport | null;
  notes: string[];
}

export function fmt(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const pct = (share: number) => `${fmt(share * 100, 1)} %`;

function distRow(label: string, d: Distribution): string {
  return `| ${label} | ${d.n} | ${fmt(d.p50)} | ${fmt(d.p95)} | ${fmt(d.p99)} | ${fmt(d.max)} | ${fmt(d.mean)} |`;
}

const DIST_HEAD = "| | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |\n|---|---:|---:|---:|---:|---:|---:|";

const cpuLine = (c: CpuWindow) =>
  `CPU during the run, % of one core: Chromium ${fmt(c.chromiumPct, 0)}, app server ${fmt(c.appPct, 0)}, bench ${fmt(c.benchPct, 0)}, other processes ${fmt(c.otherPct, 0)}.`;

function latencySection(title: string, s: LatencyStats, headlineLabel: string, cpu: CpuWindow | null): string[] {
  const p95 = s.inputToPainted.p95;
  const verdict = p95 === null ? "no samples" : p95 <= PAINT_P95_TARGET_MS ? `**meets** the ${PAINT_P95_TARGET_MS} ms p95 target` : `**misses** the ${PAINT_P95_TARGET_MS} ms p95 target`;
  const out = [
    `### ${title}`,
    "",
    `${s.samples} moves painted, ${s.lost} lost (not painted within 5 s), ${s.skipped} skipped before sending; ${s.positionMismatches} painted at a different place than dropped. Headline p95 ${fmt(p95)} ms: ${verdict}.${cpu ? ` ${cpuLine(cpu)}` : ""}`,
    "",
    DIST_HEAD,
    distRow(`${headlineLabel} → B painted (headline)`, s.inputToPainted),
    distRow(`${headlineLabel} → B's next frame starts`, s.inputToFrame),
    distRow(`${headlineLabel} → B's DOM updated`, s.inputToDom),
  ];
  if (s.segments) {
    out.push(
      "",
      "Where the time goes (each row its own distribution, so they do not add up exactly):",
      "",
      DIST_HEAD,
      distRow("sender: input → update sent", s.segments.aInputToSend),
      distRow("server relay: sent → a Node client received", s.segments.relay),
      distRow("sent → B's message handler ran (relay + B's queue)", s.segments.wire),
      distRow("B: received → DOM updated", s.segments.bReceiveToDom),
      distRow("B: DOM updated → painted", s.segments.bDomToPainted),
    );
  }
  return out;
}

function framesSection(f: NonNullable<BrowserBenchReport["frames"]>): string[] {
  const cols: Array<[string, LoadWindow]> = [
    ["idle", f.idle],
    [`bot ${fmt(f.load.ratePerSec, 0)} moves/s`, f.load],
  ];
  const row = (label: string, cell: (w: LoadWindow) => string) => `| ${label} | ${cols.map(([, w]) => cell(w)).join(" | ")} |`;
  const out = [
    `| | ${cols.map(([l]) => l).join(" | ")} |`,
    `|---|${cols.map(() => "---:").join("|")}|`,
    row("window s / moves sent", (w) => `${fmt(w.frames.seconds, 1)} / ${w.movesSent}`),
    row("sync messages B received", (w) => String(w.frames.syncMessages)),
    row("frames / fps", (w) => `${w.frames.frames} / ${fmt(w.frames.fps, 1)}`),
    row("frame interval p50 / p95 / p99 ms", (w) => `${fmt(w.frames.interval.p50)} / ${fmt(w.frames.interval.p95)} / ${fmt(w.frames.interval.p99)}`),
    row("frame interval max ms", (w) => fmt(w.frames.interval.max)),
    row("intervals > 16.7 ms / > 33.3 ms (≥ 1 / ≥ 2 refreshes missed)", (w) => `${pct(w.frames.over16)} / ${pct(w.frames.over33)}`),
    row("dropped frames (share of refreshes)", (w) => `${w.frames.droppedFrames} (${pct(w.frames.droppedShare)})`),
    row("long animation frames: n / total ms", (w) => `${w.loaf.count} / ${fmt(w.loaf.totalMs, 0)}`),
    row("LoAF blocking ms / longest p95 ms", (w) => `${fmt(w.loaf.blockingMs, 0)} / ${fmt(w.loaf.longest.p95, 0)}`),
    row("main thread busy ms/s (task)", (w) => fmt(w.mainThread.taskMsPerSec, 0)),
    row("… script / style / layout / other ms/s", (w) =>
      [w.mainThread.scriptMsPerSec, w.mainThread.styleMsPerSec, w.mainThread.layoutMsPerSec, w.mainThread.otherMsPerSec].map((v) => fmt(v, 0)).join(" / "),
    ),
    row("style recalcs / layouts", (w) => `${w.mainThread.styleRecalcs} / ${w.mainThread.layouts}`),
    row("CPU % of a core: Chromium / app server / bench", (w) => `${fmt(w.cpu.chromiumPct, 0)} / ${fmt(w.cpu.appPct, 0)} / ${fmt(w.cpu.benchPct, 0)}`),
    row("CPU % of a core: other processes (noise)", (w) => fmt(w.cpu.otherPct, 0)),
  ];
  if (f.load.loaf.topScripts.length > 0) {
    out.push("", "Long-animation-frame script attribution under load (summed script duration):", "", "| ms | n | script |", "|---:|---:|---|");
    for (const s of f.load.loaf.topScripts) out.push(`| ${fmt(s.ms, 0)} | ${s.count} | ${s.what.replace(/\|/g, "\\|")} |`);
    out.push(
      "",
      `In long frames under load: scripts ${fmt(f.load.loaf.scriptMs, 0)} ms (forced style/layout inside them ${fmt(f.load.loaf.forcedStyleLayoutMs, 0)} ms), rendering phase ${fmt(f.load.loaf.renderMs, 0)} ms, of which style+layout+paint after styleAndLayoutStart ${fmt(f.load.loaf.styleLayoutMs, 0)} ms.`,
    );
  }
  if (f.trace) {
    out.push("", `Renderer main thread under load, self time by trace event (${fmt(f.trace.seconds, 1)} s trace):`, "", "| ms/s | event |", "|---:|---|");
    for (const e of f.trace.mainThread.slice(0, 12)) out.push(`| ${fmt(e.msPerSec, 1)} | ${e.name} |`);
    out.push("", "Busy time by Chromium thread (all processes), with its largest events by self time:", "", "| thread | busy ms/s | largest events (ms/s) |", "|---|---:|---|");
    for (const t of f.trace.threads) out.push(`| ${t.thread} | ${fmt(t.msPerSec, 0)} | ${t.top.map((e) => `${e.name} ${fmt(e.msPerSec, 0)}`).join(", ")} |`);
  }
  if (f.profile) {
    const p = f.profile;
    out.push(
      "",
      `CPU profile of B under load (${fmt(p.seconds, 1)} s; idle ${fmt(p.idleMs, 0)} ms, GC ${fmt(p.gcMs, 0)} ms, (program) ${fmt(p.programMs, 0)} ms). Top functions by self time:`,
      "",
      "| self ms | total ms | function | where | starts with |",
      "|---:|---:|---|---|---|",
    );
    for (const h of p.bySelf.slice(0, 12)) out.push(`| ${fmt(h.selfMs, 0)} | ${fmt(h.totalMs, 0)} | ${h.name} | ${h.where} | \`${snippet(h.snippet)}\` |`);
    out.push("", "Top functions by total (inclusive) time:", "", "| total ms | self ms | function | where | starts with |", "|---:|---:|---|---|---|");
    for (const h of p.byTotal.slice(0, 12)) out.push(`| ${fmt(h.totalMs, 0)} | ${fmt(h.selfMs, 0)} | ${h.name} | ${h.where} | \`${snippet(h.snippet)}\` |`);
  }
  return out;
}

const snippet = (s: string) => s.slice(0, 70).replace(/`/g, "'").replace(/\|/g, "\\|");

function bundleSection(b: BundleReport): string[] {
  const out = [
    `All JavaScript the board page loaded, cold cache, until live + settled: **${kb(b.totalGzipBytes)} gzipped** (${kb(b.totalRawBytes)} raw) in ${b.chunks.length} files; budget ${kb(b.budgetBytes)}: ${b.withinBudget ? "**within**" : "**over**"}. Of that, the board route's own chunks (per the build manifests): ${kb(b.routeGzipBytes)}; prefetched for other routes (next/link in the header): ${kb(b.prefetchGzipBytes)}. Time to "Live": ${fmt(b.timeToLiveMs, 0)} ms.`,
    "",
    "| chunk | role (build manifests) | raw | gzip -9 | served as |",
    "|---|---|---:|---:|---|",
  ];
  for (const c of b.chunks) out.push(`| ${c.path} | ${c.roles.join(", ") || "not listed for this route"} | ${kb(c.rawBytes)} | ${kb(c.gzipBytes)} | ${c.contentEncoding ?? "identity"} |`);
  out.push(`| **total** | | **${kb(b.totalRawBytes)}** | **${kb(b.totalGzipBytes)}** | |`);
  if (b.document) out.push("", `The HTML document (with the inlined RSC payload): ${kb(b.document.rawBytes)} raw, ${kb(b.document.gzipBytes)} gzipped (not counted above).`);
  const m = b.manifest;
  if (m.found) {
    out.push(
      "",
      `From \`.next\` manifests: root main files ${m.rootMainFiles.length}, layout ${m.layoutFiles.length}, page ${m.pageFiles.length}, dynamic import ${m.dynamicFiles.length} (${kb(m.gzipBytes)} gzipped on disk); polyfills (nomodule, not loaded by Chromium): ${m.polyfillFiles.join(", ") || "none"}.`,
    );
    if (b.listedNotLoaded.length > 0) out.push(`Listed but not loaded: ${b.listedNotLoaded.join(", ")}.`);
  }
  return out;
}

export function renderMarkdown(r: BrowserBenchReport): string {
  const out: string[] = [
    `# Board page in Chromium — ${r.startedAt}`,
    "",
    `${r.env.cpus} × ${r.env.cpuModel}, ${r.env.memGb} GB; Node ${r.env.node}; Chromium ${r.env.chromium} headless, ${r.env.viewport}; build ${r.env.buildId ?? "?"} (${r.env.builtAt ?? "?"}). Board: ${r.board.participants} participants × ${r.board.items} items = ${r.board.placements} placements (seeded in ${fmt(r.board.seedMs / 1000, 1)} s).`,
    "",
  ];
  if (r.latency) {
    out.push("## Paint latency", "");
    out.push(...latencySection("Browser A drags a note → browser B paints it", r.latency.browser, "A pointerup", r.latency.browserCpu));
    if (r.latency.bot) out.push("", ...latencySection("Node bot writes a move → browser B paints it", r.latency.bot, "bot send", r.latency.botCpu));
    if (r.clocks) {
      const c = r.clocks;
      out.push(
        "",
        `Clocks (page \`timeOrigin + performance.now()\` minus Node's clock, best of 25 round trips): A ${fmt(c.a?.offsetMs, 2)} ms (±${fmt((c.a?.rttMs ?? 0) / 2, 2)}), B ${fmt(c.b?.offsetMs, 2)} ms (±${fmt((c.b?.rttMs ?? 0) / 2, 2)}); A − B = ${fmt(c.aMinusBMs, 2)} ms. Date.now() − perf clock: A ${fmt(c.a?.dateMinusPerfMs, 2)} ms, B ${fmt(c.b?.dateMinusPerfMs, 2)} ms.`,
      );
    }
    out.push("");
  }
  if (r.frames) out.push("## Frames in B under load", "", ...framesSection(r.frames), "");
  if (r.bundle) out.push("## First-load JavaScript of `/b/<id>`", "", ...bundleSection(r.bundle), "");
  if (r.notes.length > 0) out.push("## Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  return out.join("\n");
}

/** The few numbers the acceptance asks for, for the terminal. */
export function renderSummary(r: BrowserBenchReport): string {
  const rows: Array<[string, string]> = [];
  if (r.latency) {
    const s = r.latency.browser.inputToPainted;
    rows.push([
      "paint latency A → B (ms) p50 / p95 / p99 / max",
      `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} / ${fmt(s.max)}  (n=${s.n}, target p95 ≤ ${PAINT_P95_TARGET_MS})`,
    ]);
    if (r.latency.bot) {
      const t = r.latency.bot.inputToPainted;
      rows.push(["paint latency bot → B (ms) p50 / p95 / p99 / max", `${fmt(t.p50)} / ${fmt(t.p95)} / ${fmt(t.p99)} / ${fmt(t.max)}  (n=${t.n})`]);
    }
  }
  if (r.frames) {
    const f = r.frames.load.frames;
    rows.push([
      `frames under ${fmt(r.frames.load.ratePerSec, 0)} moves/s: fps, interval p50 / p95 / p99 ms`,
      `${fmt(f.fps, 1)} fps, ${fmt(f.interval.p50)} / ${fmt(f.interval.p95)} / ${fmt(f.interval.p99)}`,
    ]);
    rows.push(["… > 16.7 ms / > 33.3 ms / dropped", `${pct(f.over16)} / ${pct(f.over33)} / ${f.droppedFrames} (${pct(f.droppedShare)})`]);
    rows.push(["idle baseline fps", fmt(r.frames.idle.frames.fps, 1)]);
  }
  if (r.bundle) rows.push(["first-load JS gzipped (budget 250 KB)", `${kb(r.bundle.totalGzipBytes)} in ${r.bundle.chunks.length} files`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
