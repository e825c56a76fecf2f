import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuilt } from "../scripts/app.mjs";
import { installCleanupHandlers, killAllNow, runCleanups, stopChild, waitExit } from "./lib/children";
import { makeClock, measureEpochOffset, sleep } from "./lib/clock";
import { nodeOf, protocolOf, type ClientSpec, type ServerKind } from "./lib/messages";
import { noise, NOISY_STEP_PCT, waitForQuiet } from "./lib/noise";
import { parseArgs, type Options } from "./lib/options";
import { renderMarkdown } from "./lib/report";
import type { BenchReport, RunResult, StepResult } from "./lib/results";
import { scenarios, type Scenario } from "./lib/scenarios";
import { createRooms, seatPeople, startServer, type Person, type Room, type ServerHandle } from "./lib/servers";
import { RssSampler, runStep, PLAN_LEAD_MS, type StepContext } from "./lib/step";
import { isSynced, WorkerHandle } from "./lib/workers";

const WORKERS = 2;
/** Placements each sender keeps before taking back its oldest (see worker.ts). */
const KEEP_LIVE = 64;
const SETTLE_AFTER_SYNC_MS = 1000;

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Clients round-robin over nodes, and over workers so each room's clients sit in different processes. */
function clientSpecs(server: ServerHandle, scenario: Scenario, rooms: Room[], people: Person[][]): ClientSpec[][] {
  const nodes = server.ports.length;
  const specs: ClientSpec[][] = Array.from({ length: WORKERS }, () => []);
  let g = 0;
  rooms.forEach((room, r) => {
    for (let c = 0; c < scenario.clientsPerRoom; c++, g++) {
      const node = nodeOf(g, nodes);
      const { participant, seat } = people[r]![c]!;
      specs[Math.floor(g / nodes) % WORKERS]!.push({
        g,
        room: room.name,
        port: server.ports[node]!,
        node,
        participant,
        ...(room.key !== undefined ? { key: room.key } : {}),
        ...(seat !== undefined ? { seat } : {}),
      });
    }
  });
  return specs;
}

/** Notes on what bounds a figure: the generator falling behind, the machine's cores, clock or connection trouble. */
function limitNotes(result: RunResult, scenario: Scenario): void {
  const cores = os.cpus().length;
  for (const s of scenario.ramp ? result.steps.slice(-1) : result.steps) {
    const at = scenario.ramp ? `at ${s.ratePerClient}/s per client: ` : "";
    const offered = s.offeredMovesPerSec * s.windowSec;
    if (s.missedSends > 0.01 * offered) {
      result.notes.push(`${at}the generator fell behind and skipped ${s.missedSends} of ${Math.round(offered)} sends (${((100 * s.missedSends) / offered).toFixed(1)} %)`);
    }
    const busy = (s.serverCpuPct ?? 0) + s.generatorCpuPct + (s.otherCpuPct ?? 0);
    if (busy >= 0.85 * 100 * cores) {
      result.notes.push(
        `${at}the machine was CPU-bound: server ${s.serverCpuPct?.toFixed(0) ?? "?"} % + generator ${s.generatorCpuPct.toFixed(0)} % + other ${s.otherCpuPct?.toFixed(0) ?? "?"} % of ${100 * cores} %`,
      );
    }
  }
  for (const s of result.steps) {
    if (s.negativeLatencies > 0) result.notes.push(`${s.negativeLatencies} negative latencies at ${s.ratePerClient}/s (clock problem)`);
    if (s.reconnects > 0) result.notes.push(`${s.reconnects} client disconnects during the window at ${s.ratePerClient}/s`);
    if (s.lost < 0) result.notes.push(`more deliveries than expected at ${s.ratePerClient}/s (${-s.lost} extra)`);
  }
}

async function measureSteps(ctx: StepContext, result: RunResult): Promise<void> {
  const { scenario, server, workers } = ctx;
  const ownPids = [...server.pids, ...workers.map((w) => w.child.pid)];
  let stepId = 0;
  for (const rate of scenario.rates) {
    let step: StepResult | null = null;
    for (let attempt = 1; attempt <= 1 + noise.retries; attempt++) {
      await waitForQuiet(ownPids, log);
      step = await runStep(ctx, stepId++, rate);
      step.attempts = attempt;
      const noisy = step.otherCpuPct !== null && step.otherCpuPct > NOISY_STEP_PCT;
      if (!noisy || attempt > noise.retries || noise.budgetMs <= 0) break;
      const { warmupMs, measureMs, drainMs } = scenario.timing;
      noise.budgetMs -= PLAN_LEAD_MS + warmupMs + measureMs + drainMs;
      log(`${server.kind}/${scenario.id}: other processes used ${step.otherCpuPct?.toFixed(0)} % CPU in the window; repeating the step`);
    }
    if (step === null) break;
    if (step.otherCpuPct !== null && step.otherCpuPct > NOISY_STEP_PCT) {
      result.notes.push(`${scenario.ramp ? `step ${rate}/s: ` : ""}measured while other processes used ${step.otherCpuPct.toFixed(0)} % CPU (noisy)`);
    }
    result.steps.push(step);
    if (scenario.ramp && !step.pass) break;
  }
  if (scenario.ramp) {
    const best = result.steps.filter((s) => s.pass).reduce<StepResult | null>((b, s) => (b === null || s.movesPerSec > b.movesPerSec ? s : b), null);
    result.ceilingMovesPerSec = best ? best.movesPerSec : null;
    result.ceilingRatePerClient = best ? best.ratePerClient : null;
    if (result.steps[result.steps.length - 1]?.pass) result.notes.push("ramp ended without failing: the ceiling is at least the last step");
  }
}

async function runOne(kind: ServerKind, scenario: Scenario, run: number, opts: Options, runTag: string, logDir: string | null): Promise<RunResult> {
  const totalClients = scenario.rooms * scenario.clientsPerRoom;
  const result: RunResult = { server: kind, scenario: scenario.id, run, status: "ok", clients: totalClients, rooms: scenario.rooms, steps: [], notes: [] };
  let server: ServerHandle | null = null;
  const workers: WorkerHandle[] = [];
  let sampler: RssSampler | null = null;
  const clock = makeClock(epochOffset);
  try {
    await waitForQuiet([], log);
    const logFile = logDir ? path.join(logDir, `${kind}-${scenario.id}-${run}.log`) : null;
    try {
      server = await startServer(kind, { nodeFlags: opts.nodeFlags, nodes: kind === "cluster" ? opts.nodes : 1, logFile });
    } catch (err) {
      result.status = "error";
      result.error = errorText(err);
      return result;
    }
    const srv = server;
    sampler = new RssSampler(srv.pids);
    result.serverRssIdleMb = sampler.read();
    sampler.start();

    const rooms = await createRooms(srv, scenario.rooms, `${runTag}-${scenario.id}-${run}`);
    // Seats before anything is timed: taking one is part of joining, not of the sync being measured.
    const people = await seatPeople(srv, rooms, scenario.clientsPerRoom, (g) => nodeOf(g, srv.ports.length));
    const specs = clientSpecs(srv, scenario, rooms, people);
    const syncTimeoutMs = scenario.connectSpreadMs + 30_000;
    for (let w = 0; w < WORKERS; w++) workers.push(WorkerHandle.spawn(w));
    const connectedFrom = clock();
    workers.forEach((w, i) =>
      w.send({
        type: "init",
        workerIndex: i,
        protocol: protocolOf(kind),
        clients: specs[i]!,
        nodes: srv.ports.length,
        senders: people.flat().map((p) => p.participant),
        epochOffset,
        connectSpreadMs: scenario.connectSpreadMs,
        syncTimeoutMs,
        keepLive: KEEP_LIVE,
        receive: opts.receive,
        awareness: opts.awareness,
      }),
    );
    const synced = await Promise.all(workers.map((w) => w.next(isSynced, syncTimeoutMs + 15_000, "sync report")));
    result.connectSec = (clock() - connectedFrom) / 1000;
    const failed = synced.reduce((n, s) => n + s.failed, 0);
    if (failed > 0) {
      const errs = synced.flatMap((s) => s.errors).slice(0, 5);
      throw new Error(`${failed} of ${totalClients} clients did not sync${errs.length ? `: ${errs.join("; ")}` : ""}`);
    }
    log(`${kind}/${scenario.id}: ${totalClients} clients synced in ${result.connectSec.toFixed(1)} s`);
    await sleep(SETTLE_AFTER_SYNC_MS);
    await measureSteps({ scenario, totalClients, server: srv, workers, sampler, clock, connectedFrom, log }, result);
    limitNotes(result, scenario);
    for (const w of workers) if (w.errors.length > 0) result.notes.push(`worker ${w.index}: ${w.errors[0]}`);
  } catch (err) {
    result.status = "error";
    result.error = errorText(err);
    const tail = server?.outputTail();
    if (tail) result.error += `\nserver output:\n${tail}`;
  } finally {
    if (server) {
      sampler?.sample();
      result.serverRssEndMb = sampler?.read() ?? null;
      result.serverRssPeakMb = Math.max(sampler?.overallPeakMb ?? 0, result.serverRssEndMb ?? 0) || null;
    }
    sampler?.stop();
    for (const w of workers) w.send({ type: "stop" });
    await Promise.all(workers.map(async (w) => (await waitExit(w.child, 3000)) || stopChild(w.child, 2000)));
    if (server) {
      await server.stop();
      const parts = Object.entries(server.logSummary() ?? {}).map(([msg, n]) => `${n}× ${msg}`);
      if (parts.length > 0) result.notes.push(`server log: ${parts.slice(0, 8).join("; ")}`);
    }
  }
  return result;
}

const epochOffset = measureEpochOffset();

async function main(): Promise<void> {
  installCleanupHandlers();
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const runTag = startedAt.getTime().toString(36);
  const selected = scenarios(opts.quick).filter((s) => opts.only.includes(s.id));
  for (const s of selected) {
    if (opts.runs !== null && s.runs > 1) s.runs = opts.runs;
    if (opts.connectSpreadMs !== null) s.connectSpreadMs = opts.connectSpreadMs;
  }
  if (opts.quick) {
    // A smoke run checks that everything works; it does not wait for a quiet machine.
    noise.quietMaxWaitMs = 5000;
    noise.retries = 0;
    noise.budgetMs = 20_000;
  }
  if (opts.noiseBudgetSec !== null) noise.budgetMs = opts.noiseBudgetSec * 1000;
  if (opts.servers.includes("cruxboard") || opts.servers.includes("cluster")) {
    // Built before anything is measured, as `npm start` would; a stale build would measure old code.
    await ensureBuilt({ log, stdio: ["ignore", 2, 2] });
  }
  const outDir = path.join(__dirname, "results");
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const base = path.join(outDir, `${stamp}${opts.quick ? "-quick" : ""}`);
  const logDir = opts.serverLogs ? `${base}-logs` : null;
  mkdirSync(logDir ?? outDir, { recursive: true });

  const results: RunResult[] = [];
  for (const scenario of selected) {
    for (let run = 1; run <= scenario.runs; run++) {
      for (const kind of opts.servers) {
        log(`${kind}/${scenario.id}${scenario.runs > 1 ? ` run ${run}/${scenario.runs}` : ""}: ${scenario.title}`);
        const r = await runOne(kind, scenario, run, opts, runTag, logDir);
        if (r.status !== "ok") log(`${kind}/${scenario.id}: ${r.status}: ${r.error ?? ""}`);
        results.push(r);
      }
    }
  }

  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: opts.quick,
    receive: opts.receive,
    awareness: opts.awareness,
    nodeFlags: opts.nodeFlags,
    nodes: opts.nodes,
    env: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      memGb: Math.round(os.totalmem() / 1024 ** 3),
      workers: WORKERS,
      platform: `${os.platform()} ${os.release()}`,
    },
    servers: opts.servers,
    scenarios: selected.map((s) => ({ id: s.id, title: s.title, rooms: s.rooms, clientsPerRoom: s.clientsPerRoom, rates: s.rates, runs: s.runs, connectSpreadMs: s.connectSpreadMs })),
    results,
  };
  const md = renderMarkdown(report);
  process.stdout.write(md + "\n");
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(`${base}.md`, md + "\n");
  log(`wrote ${path.relative(process.cwd(), base)}.{json,md}${logDir ? ` and server logs in ${path.relative(process.cwd(), logDir)}/` : ""}`);
}

main()
  .then(async () => {
    killAllNow();
    await runCleanups(5000);
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAllNow();
    await runCleanups(5000);
    process.exit(1);
  });
