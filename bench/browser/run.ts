import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { makeClock, measureEpochOffset, type Clock } from "../lib/clock";
import { killAppsNow, ROOT, startApp, type AppServer } from "./app";
import { connectBot, connectCrowd, createBoard, ITEMS, PARTICIPANTS, PERSON_A, PERSON_B, seedBoard, watchPlacements, type BotClient, type BotCrowd, type SeededBoard } from "./board";
import { measureFirstLoad } from "./bundle";
import { mergeCpu, QUIET_PCT, runQuietly, waitForQuiet, type CpuWindow, type QuietOptions } from "./cpu";
import { profileUnderLoad, traceUnderLoad } from "./diagnose";
import { measureFrames, Mover } from "./frames";
import { runBotMoves, runBrowserMoves, summarise, type MoveSample } from "./latency";
import { firstLine, launchChromium, measureClockOffset, openBoardPage, VIEWPORT, type BoardPage } from "./pages";
import { renderMarkdown, renderSummary, type BrowserBenchReport } from "./report";

const PHASES = ["bundle", "latency", "fps"] as const;
type Phase = (typeof PHASES)[number];

interface Options {
  moves: number;
  warmupMoves: number;
  botMoves: number;
  rate: number;
  fpsSeconds: number;
  idleSeconds: number;
  diagnose: boolean;
  build: "auto" | "never";
  only: Phase[];
  seed: number;
  /** Seconds the whole run may spend waiting for other processes to calm down. */
  quietBudgetSec: number;
}

const USAGE = `npm run bench:browser -- [options]
  --moves=N          browser A → B moves measured (default 120, at least 100 for the acceptance figure)
  --bot-moves=N      bot → B moves measured (default 200; 0 skips)
  --rate=N           bot moves per second while frames are measured (default 20)
  --fps-seconds=N    length of the frame window under load (default 15)
  --no-diagnose      skip the CPU profile and trace of B under load
  --no-build         serve the existing .next and server builds even if older than the sources
  --only=PHASES      any of ${PHASES.join(",")} (default all)
  --seed=N           seed for positions and move order (default 1)
  --quiet-budget=N   seconds the run may wait, in all, for other processes' load to drop (default 180)
`;

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    moves: 120,
    warmupMoves: 5,
    botMoves: 200,
    rate: 20,
    fpsSeconds: 15,
    idleSeconds: 5,
    diagnose: true,
    build: "auto",
    only: [...PHASES],
    seed: 1,
    quietBudgetSec: 180,
  };
  const int = (arg: string, name: string, min: number): number => {
    const v = Number(arg.slice(name.length + 3));
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} takes an integer ≥ ${min}`);
    return v;
  };
  for (const arg of argv) {
    if (arg.startsWith("--moves=")) opts.moves = int(arg, "moves", 1);
    else if (arg.startsWith("--bot-moves=")) opts.botMoves = int(arg, "bot-moves", 0);
    else if (arg.startsWith("--rate=")) opts.rate = int(arg, "rate", 1);
    else if (arg.startsWith("--fps-seconds=")) opts.fpsSeconds = int(arg, "fps-seconds", 1);
    else if (arg.startsWith("--seed=")) opts.seed = int(arg, "seed", 0);
    else if (arg.startsWith("--quiet-budget=")) opts.quietBudgetSec = int(arg, "quiet-budget", 0);
    else if (arg === "--no-diagnose") opts.diagnose = false;
    else if (arg === "--no-build") opts.build = "never";
    else if (arg.startsWith("--only=")) {
      const phases = arg.slice(7).split(",").map((s) => s.trim());
      const bad = phases.filter((p) => !PHASES.includes(p as Phase));
      if (bad.length > 0) throw new Error(`unknown phase(s) ${bad.join(", ")}; use ${PHASES.join(",")}`);
      opts.only = phases as Phase[];
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return opts;
}

function log(msg: string): void {
  process.stderr.write(`[bench:browser ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** Browser moves are measured in blocks, so a burst of load from other processes costs one block's repeat, not the run. */
const BLOCK_MOVES = 20;

/** Every page draws the other 39 people's dots for all 30 items, and its own 30 notes. */
const OTHERS_DOTS = (PARTICIPANTS - 1) * ITEMS;

/** What every phase needs: the app, the seeded board, the browser and the run's bookkeeping. */
interface Run {
  opts: Options;
  url: string;
  appPid: number;
  board: CreatedBoard;
  seeded: SeededBoard;
  /** The 38 participants written by Node clients, each through a connection with their own seat. */
  crowd: BotCrowd;
  clock: Clock;
  browser: Browser;
  bots: BotClient[];
  pages: BoardPage[];
  budget: { ms: number; spent?: boolean };
  quiet: QuietOptions;
  report: BrowserBenchReport;
  /** Results path without extension. */
  base: string;
}

function noteNoise(run: Run, what: string, otherPct: number | null): void {
  if (otherPct !== null && otherPct > QUIET_PCT) {
    run.report.notes.push(`${what}: other processes used ${otherPct.toFixed(0)} % of a core meanwhile (noisy; the machine has ${os.cpus().length} cores)`);
  }
}

function noteErrors(run: Run, page: BoardPage): void {
  for (const e of page.errors.slice(0, 5)) run.report.notes.push(`${page.participant ?? "viewer"} page: ${e}`);
}

async function openPage(run: Run, person: { id: string; name: string }): Promise<BoardPage> {
  const page = await openBoardPage(run.browser, run.url, run.board, { person, dots: OTHERS_DOTS, notes: ITEMS, timeoutMs: 60_000, attempts: 4, log });
  run.pages.push(page);
  return page;
}

async function closePage(run: Run, page: BoardPage): Promise<void> {
  noteErrors(run, page);
  run.pages.splice(run.pages.indexOf(page), 1);
  await page.context.close();
}

/** A Node client that only watches (no seat): it sees what reaches the server's other clients. */
async function connect(run: Run): Promise<BotClient> {
  const bot = await connectBot(run.url, run.board);
  run.bots.push(bot);
  return bot;
}

/** Browser A drags, browser B paints; then a Node bot writes, B paints. */
async function latencyPhase(run: Run, b: BoardPage): Promise<void> {
  const { opts, clock, report } = run;
  const a = await openPage(run, PERSON_A);
  log("browser A is live");
  const visibility = [await a.probe((p) => p.visibility(), null), await b.probe((p) => p.visibility(), null)];
  if (visibility.some((v) => v !== "visible")) report.notes.push(`page visibility during the latency run: A ${visibility[0]}, B ${visibility[1]}`);
  const ca = await measureClockOffset(a, clock);
  const cb = await measureClockOffset(b, clock);
  report.clocks = { a: ca, b: cb, aMinusBMs: ca.offsetMs - cb.offsetMs };
  if (Math.abs(ca.offsetMs - cb.offsetMs) > 2) {
    report.notes.push(`the two pages' clocks differ by ${(ca.offsetMs - cb.offsetMs).toFixed(2)} ms: browser → browser latencies carry that error`);
  }

  const bot = await connect(run);
  const grid = bot.grid();
  const relay = { seen: watchPlacements(bot, clock), toPageMs: cb.offsetMs };
  const slots = run.seeded.slotsOf[PERSON_A.id]!;
  log(`browser → browser: ${opts.warmupMoves} warm-up moves, then ${opts.moves} measured in blocks of ${BLOCK_MOVES}`);
  await runBrowserMoves(a, b, { moves: opts.warmupMoves, grid, slots, relay, seed: opts.seed + 100, log: () => {} });
  const samples: MoveSample[] = [];
  const cpu: CpuWindow[] = [];
  let lost = 0;
  let skipped = 0;
  for (let block = 0; samples.length + lost < opts.moves; block++) {
    const moves = Math.min(BLOCK_MOVES, opts.moves - samples.length - lost);
    let attempt = 0;
    const what = `browser → browser block ${block + 1}`;
    const r = await runQuietly(what, run.quiet, () =>
      runBrowserMoves(a, b, { moves, grid, slots, relay, seed: opts.seed + 1000 * block + attempt++, log }),
    );
    samples.push(...r.value.samples);
    cpu.push(r.cpu);
    lost += r.value.lost;
    skipped += r.value.skipped;
    noteNoise(run, what, r.cpu.otherPct);
    log(`browser → browser: ${samples.length + lost}/${opts.moves} moves`);
  }
  const stats = summarise(samples, lost, skipped);
  report.latency = { browser: stats, browserCpu: mergeCpu(cpu), bot: null, botCpu: null, samples: { browser: samples, bot: [] } };
  log(`browser → browser p50 ${stats.inputToPainted.p50?.toFixed(1)} ms, p95 ${stats.inputToPainted.p95?.toFixed(1)} ms`);
  // From here on B is the only page, as it would be on its own machine.
  await closePage(run, a);

  if (opts.botMoves === 0) return;
  const offset = await measureClockOffset(b, clock);
  log(`bot → browser: ${opts.botMoves} moves`);
  const r = await runQuietly("bot → browser", run.quiet, () =>
    runBotMoves(b, {
      moves: opts.botMoves,
      grid,
      items: run.seeded.items,
      crowd: run.crowd,
      clock,
      bOffsetMs: offset.offsetMs,
      seed: opts.seed + 2,
      log,
    }),
  );
  report.latency.bot = summarise(r.value.samples, r.value.lost, 0);
  report.latency.botCpu = r.cpu;
  report.latency.samples.bot = r.value.samples;
  noteNoise(run, "bot → browser moves", r.cpu.otherPct);
  log(`bot → browser p50 ${report.latency.bot.inputToPainted.p50?.toFixed(1)} ms, p95 ${report.latency.bot.inputToPainted.p95?.toFixed(1)} ms`);
}

/** Frames in B, idle and with the bot moving notes; then where B's time goes under that load. */
async function framesPhase(run: Run, b: BoardPage): Promise<void> {
  const { opts, report } = run;
  const bot = run.bots[0] ?? (await connect(run));
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send("Performance.enable");
  const mover = new Mover(run.crowd, bot.grid(), run.seeded.items, run.clock, opts.seed + 3);
  log(`frames: ${opts.idleSeconds} s idle, then ${opts.fpsSeconds} s with the bot at ${opts.rate} moves/s`);
  const idle = await runQuietly("idle frame window", run.quiet, () => measureFrames(b, cdp, null, 0, opts.idleSeconds, run.appPid), (w) => w.cpu);
  noteNoise(run, "idle frame window", idle.cpu.otherPct);
  const load = await runQuietly(
    "frame window under load",
    run.quiet,
    () => measureFrames(b, cdp, mover, opts.rate, opts.fpsSeconds, run.appPid),
    (w) => w.cpu,
  );
  noteNoise(run, "frame window under load", load.cpu.otherPct);
  log(`frames under load: ${load.value.frames.fps.toFixed(1)} fps, interval p95 ${load.value.frames.interval.p95?.toFixed(1)} ms`);
  report.frames = { idle: idle.value, load: load.value, profile: null, trace: null };
  if (load.value.movesSkipped > 0) report.notes.push(`the bot fell behind and skipped ${load.value.movesSkipped} moves during the frame window`);

  if (opts.diagnose) {
    // Profiling and tracing slow the page down, so they run after the measured windows, never during them.
    log("diagnosis: CPU profile of B under load (8 s)");
    await waitForQuiet(run.appPid, run.budget, log);
    const { summary, profile } = await profileUnderLoad(cdp, mover, opts.rate, 8, fetchText);
    report.frames.profile = summary;
    writeFileSync(`${run.base}.cpuprofile`, JSON.stringify(profile));
    log("diagnosis: Chromium trace of B under load (6 s)");
    try {
      await waitForQuiet(run.appPid, run.budget, log);
      report.frames.trace = await traceUnderLoad(run.browser, b, mover, opts.rate, 6);
    } catch (err) {
      report.notes.push(`trace failed: ${firstLine(err)}`);
    }
  }
  await cdp.detach().catch(() => {});
}

async function fetchText(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const clock = makeClock(measureEpochOffset());
  let app: AppServer | null = null;
  let browser: Browser | null = null;
  let run: Run | null = null;

  const cleanup = async () => {
    for (const bot of [...(run?.bots ?? []), ...(run?.crowd.values() ?? [])]) bot.close();
    for (const p of run?.pages ?? []) await p.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await app?.stop();
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      process.stderr.write(`\n${sig}: stopping the app and Chromium\n`);
      killAppsNow();
      void browser?.close().finally(() => process.exit(130));
      setTimeout(() => process.exit(130), 3000).unref();
    });
  }
  process.on("exit", killAppsNow);

  const outDir = path.join(ROOT, "bench", "results");
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `browser-${startedAt.toISOString().replace(/[:.]/g, "-")}`);

  try {
    log(`starting the app (${opts.build === "auto" ? "building first if the build is stale" : "existing build"})`);
    app = await startApp({ build: opts.build, readyTimeoutMs: 15 * 60_000, log });
    log(`app at ${app.url}, build ${app.build.buildId ?? "?"} of ${app.build.builtAt ?? "?"}`);

    const board = await createBoard(app.url, "Browser bench");
    const seeded = await seedBoard(app.url, board, opts.seed);
    log(`seeded ${seeded.participants.length} participants × ${seeded.items.length} items = ${seeded.placements} placements in ${seeded.seedMs} ms`);

    browser = await launchChromium();
    const budget = { ms: opts.quietBudgetSec * 1000 };
    run = {
      opts,
      url: app.url,
      appPid: app.pid,
      board,
      seeded,
      crowd: await connectCrowd(app.url, board, seeded.botSeats),
      clock,
      browser,
      bots: [],
      pages: [],
      budget,
      quiet: { appPid: app.pid, budget, log, attempts: 3 },
      base,
      report: {
        startedAt: startedAt.toISOString(),
        finishedAt: "",
        env: {
          node: process.version,
          chromium: browser.version(),
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model ?? "unknown",
          memGb: Math.round(os.totalmem() / 1024 ** 3),
          buildId: app.build.buildId,
          builtAt: app.build.builtAt,
          viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
        },
        board: { participants: seeded.participants.length, items: seeded.items.length, placements: seeded.placements, seedMs: seeded.seedMs },
        options: { ...opts, only: opts.only.join(",") },
        clocks: null,
        latency: null,
        frames: null,
        bundle: null,
        notes: [],
      },
    };
    const report = run.report;

    if (opts.only.includes("bundle")) {
      log("first-load JavaScript: opening the board with an empty cache");
      report.bundle = await measureFirstLoad(browser, app.url, board, PERSON_A, 2000);
      log(`first-load JS: ${(report.bundle.totalGzipBytes / 1024).toFixed(1)} KB gzipped in ${report.bundle.chunks.length} files`);
    }
    if (opts.only.includes("latency") || opts.only.includes("fps")) {
      const b = await openPage(run, PERSON_B);
      log("browser B is live and draws the whole board");
      if (opts.only.includes("latency")) await latencyPhase(run, b);
      if (opts.only.includes("fps")) await framesPhase(run, b);
    }

    for (const p of run.pages) noteErrors(run, p);
    report.finishedAt = new Date().toISOString();
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
    writeFileSync(`${base}.md`, renderMarkdown(report) + "\n");
    process.stdout.write(renderSummary(report) + "\n");
    log(`wrote ${path.relative(process.cwd(), base)}.{json,md}${opts.diagnose && report.frames ? " and .cpuprofile" : ""}`);
  } catch (err) {
    const tail = app?.outputTail();
    if (tail) process.stderr.write(`app output:\n${tail}\n`);
    throw err;
  } finally {
    await cleanup();
  }
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    process.stderr.write(`bench:browser failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAppsNow();
    process.exit(1);
  });
