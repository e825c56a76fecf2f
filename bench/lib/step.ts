import { sleep, type Clock } from "./clock";
import { LatencyHistogram } from "./hist";
import type { StepPlan, StepReport } from "./messages";
import { cpuSecondsOf, readMachineCpuSeconds, readMemory, writeBytesOf } from "./proc";
import type { SecondResult, StepResult } from "./results";
import { RAMP_P95_LIMIT_MS, type Scenario } from "./scenarios";
import type { ServerHandle } from "./servers";
import { isStepResult, type WorkerHandle } from "./workers";

/** How far ahead of its start a step is planned, so every worker has it in time. */
export const PLAN_LEAD_MS = 300;
const RSS_SAMPLE_MS = 200;
const COLLECT_TIMEOUT_MS = 15_000;

/** Sampled RSS of all of a server's processes together. */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  stepPeakMb = 0;
  overallPeakMb = 0;

  constructor(private readonly pids: number[]) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), RSS_SAMPLE_MS);
  }

  /** Current total, or null when a process is gone. VmHWM would include the TypeScript loader's start-up transient. */
  read(): number | null {
    let total = 0;
    for (const pid of this.pids) {
      const m = readMemory(pid);
      if (m === null) return null;
      total += m.rssMb;
    }
    return total;
  }

  sample(): void {
    const mb = this.read();
    if (mb === null) return;
    this.stepPeakMb = Math.max(this.stepPeakMb, mb);
    this.overallPeakMb = Math.max(this.overallPeakMb, mb);
  }

  resetStep(): void {
    this.stepPeakMb = 0;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

export interface StepContext {
  scenario: Scenario;
  totalClients: number;
  server: ServerHandle;
  workers: WorkerHandle[];
  sampler: RssSampler;
  clock: Clock;
  /** When the first client started connecting, on the shared clock. */
  connectedFrom: number;
  log(msg: string): void;
}

async function sleepUntil(clock: Clock, t: number): Promise<void> {
  await sleep(t - clock());
}

function mergeSeconds(reports: StepReport[], plan: StepPlan, ctx: StepContext, serverCpuPct: Array<number | null>): SecondResult[] {
  const n = Math.max(0, ...reports.map((r) => r.seconds.length));
  return Array.from({ length: n }, (_, i) => {
    const hist = new LatencyHistogram();
    let awarenessFramesIn = 0;
    let generatorLagMaxMs = 0;
    for (const r of reports) {
      const s = r.seconds[i];
      if (!s) continue;
      hist.merge(s.latency);
      awarenessFramesIn += s.awarenessFramesIn;
      generatorLagMaxMs = Math.max(generatorLagMaxMs, s.loopLagMaxMs);
    }
    return {
      sinceConnectSec: Math.round((plan.measureFrom + i * 1000 - ctx.connectedFrom) / 1000),
      deliveries: hist.count,
      p99Ms: hist.percentile(99),
      maxMs: hist.count > 0 ? hist.maxMs : null,
      serverCpuPct: serverCpuPct[i] ?? null,
      awarenessFramesIn,
      generatorLagMaxMs,
    };
  });
}

interface Readings {
  serverCpuSec: number | null;
  serverRssPeakMb: number | null;
  serverDiskWriteMb: number | null;
  /** Seconds the server's CPU was read over (the timers never fire exactly on the window's edges). */
  cpuWindowSec: number;
  otherCpuPct: number | null;
  serverCpuPctBySecond: Array<number | null>;
}

function aggregate(ctx: StepContext, plan: StepPlan, reports: StepReport[], read: Readings): StepResult {
  const { scenario } = ctx;
  const latency = new LatencyHistogram();
  const crossNode = new LatencyHistogram();
  let sent = 0;
  let missed = 0;
  let received = 0;
  let framesIn = 0;
  let bytesIn = 0;
  let awarenessFramesIn = 0;
  let genCpuPct = 0;
  let lagP99 = 0;
  let lagMax = 0;
  let reconnects = 0;
  for (const r of reports) {
    latency.merge(r.latency);
    crossNode.merge(r.crossNode);
    sent += r.sent;
    missed += r.missed;
    received += r.received;
    framesIn += r.framesIn;
    bytesIn += r.bytesIn;
    awarenessFramesIn += r.awarenessFramesIn;
    genCpuPct += r.windowMs > 0 ? (100 * r.cpuMs) / r.windowMs : 0;
    lagP99 = Math.max(lagP99, r.loopLagP99Ms);
    lagMax = Math.max(lagMax, r.loopLagMaxMs);
    reconnects += r.reconnects;
  }
  const windowSec = (plan.measureTo - plan.measureFrom) / 1000;
  // Every move is expected at every other client of its room (all rooms are the same size).
  const expected = sent * (scenario.clientsPerRoom - 1);
  const lost = expected - received;
  const { serverCpuSec } = read;
  const step: StepResult = {
    ratePerClient: plan.ratePerClient,
    offeredMovesPerSec: plan.ratePerClient * ctx.totalClients,
    movesPerSec: sent / windowSec,
    deliveriesPerSec: received / windowSec,
    sent,
    missedSends: missed,
    expected,
    received,
    lost,
    lossPct: expected > 0 ? (100 * lost) / expected : 0,
    p50Ms: latency.percentile(50),
    p95Ms: latency.percentile(95),
    p99Ms: latency.percentile(99),
    maxMs: latency.count > 0 ? latency.maxMs : null,
    meanMs: latency.mean(),
    negativeLatencies: latency.negative,
    windowSec,
    serverCpuSec,
    serverCpuPct: serverCpuSec === null ? null : (100 * serverCpuSec) / read.cpuWindowSec,
    serverCpuSecPer1kDeliveries: serverCpuSec === null || received === 0 ? null : (1000 * serverCpuSec) / received,
    serverRssPeakMb: read.serverRssPeakMb,
    serverDiskWriteMb: read.serverDiskWriteMb,
    generatorCpuPct: genCpuPct,
    otherCpuPct: read.otherCpuPct,
    generatorLoopLagP99Ms: lagP99,
    generatorLoopLagMaxMs: lagMax,
    framesPerDelivery: received > 0 ? framesIn / received : null,
    bytesPerDelivery: received > 0 ? bytesIn / received : null,
    reconnects,
    awarenessFramesPerSec: awarenessFramesIn / windowSec,
    crossNodeDeliveries: crossNode.count,
    crossNodeP95Ms: crossNode.percentile(95),
    crossNodeP99Ms: crossNode.percentile(99),
  };
  if (scenario.series) step.seconds = mergeSeconds(reports, plan, ctx, read.serverCpuPctBySecond);
  if (scenario.ramp) step.pass = step.p95Ms !== null && step.p95Ms <= RAMP_P95_LIMIT_MS && step.lost <= 0 && step.received > 0;
  return step;
}

/** One measured window at `rate` moves/s per client: plan it, read the server while it runs, collect the workers' counts. */
export async function runStep(ctx: StepContext, id: number, rate: number): Promise<StepResult> {
  const { scenario, server, workers, sampler, clock } = ctx;
  const { warmupMs, measureMs, drainMs } = scenario.timing;
  const sendFrom = clock() + PLAN_LEAD_MS;
  const plan: StepPlan = {
    id,
    ratePerClient: rate,
    sendFrom,
    measureFrom: sendFrom + warmupMs,
    measureTo: sendFrom + warmupMs + measureMs,
    sendTo: sendFrom + warmupMs + measureMs,
  };
  const ownPids = [process.pid, ...server.pids, ...workers.map((w) => w.child.pid)];
  for (const w of workers) w.send({ type: "step", plan });
  await sleepUntil(clock, plan.measureFrom);
  sampler.resetStep();
  const ours0 = cpuSecondsOf(ownPids);
  const machine0 = readMachineCpuSeconds();
  const cpu0 = cpuSecondsOf(server.pids);
  const io0 = writeBytesOf(server.pids);
  const w0 = clock();
  const serverCpuPctBySecond: Array<number | null> = [];
  let last = { cpu: cpu0, at: w0 };
  for (let t = plan.measureFrom + 1000; t <= plan.measureTo; t += 1000) {
    await sleepUntil(clock, t);
    const now = { cpu: cpuSecondsOf(server.pids), at: clock() };
    serverCpuPctBySecond.push(now.cpu !== null && last.cpu !== null ? (100 * (now.cpu - last.cpu)) / ((now.at - last.at) / 1000) : null);
    last = now;
  }
  await sleepUntil(clock, plan.measureTo);
  const cpu1 = cpuSecondsOf(server.pids);
  const io1 = writeBytesOf(server.pids);
  const machine1 = readMachineCpuSeconds();
  const ours1 = cpuSecondsOf(ownPids);
  const cpuWindowSec = (clock() - w0) / 1000;
  const foreignSec =
    machine0 !== null && machine1 !== null && ours0 !== null && ours1 !== null ? Math.max(0, machine1 - machine0 - (ours1 - ours0)) : null;
  sampler.sample();
  const stepPeak = sampler.stepPeakMb;
  await sleepUntil(clock, plan.sendTo + drainMs);
  for (const w of workers) w.send({ type: "collect", id });
  const reports = await Promise.all(workers.map((w) => w.next(isStepResult(id), COLLECT_TIMEOUT_MS, `step ${id} result`)));
  const step = aggregate(ctx, plan, reports, {
    serverCpuSec: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
    serverRssPeakMb: stepPeak > 0 ? stepPeak : null,
    serverDiskWriteMb: io0 !== null && io1 !== null ? (io1 - io0) / (1024 * 1024) : null,
    cpuWindowSec,
    otherCpuPct: foreignSec === null ? null : (100 * foreignSec) / cpuWindowSec,
    serverCpuPctBySecond,
  });
  ctx.log(
    `${server.kind}/${scenario.id}${scenario.ramp ? ` @${rate}/s/client` : ""}: ` +
      `${step.movesPerSec.toFixed(0)} moves/s, ${step.deliveriesPerSec.toFixed(0)} deliveries/s, ` +
      `p95 ${step.p95Ms?.toFixed(1) ?? "-"} ms, p99 ${step.p99Ms?.toFixed(1) ?? "-"} ms, max ${step.maxMs?.toFixed(0) ?? "-"} ms, lost ${step.lost}, ` +
      `server CPU ${step.serverCpuPct?.toFixed(0) ?? "-"} %, generator CPU ${step.generatorCpuPct.toFixed(0)} %, ` +
      `other processes ${step.otherCpuPct?.toFixed(0) ?? "-"} %`,
  );
  return step;
}

