import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { freePort } from "../lib/port";
import path from "node:path";
import { SERVER_ARGS } from "../../scripts/app.mjs";
import { sleep } from "../lib/clock";

export const ROOT = path.resolve(path.dirname(__filename), "../..");
export const SCRATCH = path.join(ROOT, "bench", ".scratch");

export interface BuildInfo {
  buildId: string | null;
  /** When `.next/BUILD_ID` was written: the build the numbers belong to. */
  builtAt: string | null;
}

export interface AppServer {
  url: string;
  pid: number;
  build: BuildInfo;
  /** The last lines the server printed, for error messages. */
  outputTail(): string;
  stop(): Promise<void>;
}

export function readBuildInfo(): BuildInfo {
  const file = path.join(ROOT, ".next", "BUILD_ID");
  try {
    return { buildId: readFileSync(file, "utf8").trim(), builtAt: statSync(file).mtime.toISOString() };
  } catch {
    return { buildId: null, builtAt: null };
  }
}

const live = new Set<ChildProcess>();

/** SIGKILL to every process group this run started; for exit paths that cannot wait. */
export function killAppsNow(): void {
  for (const child of live) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
  live.clear();
}

interface StartOptions {
  /** "auto": `scripts/start.mjs`, which runs `next build` first when the build is older than the sources. */
  build: "auto" | "never";
  readyTimeoutMs: number;
  log(msg: string): void;
}

/**
 * The whole app (pages, API, sync) as `npm start` runs it, on a free port
 * with a fresh SQLite directory. It runs in its own process group: start.mjs
 * forks the real server, and stopping the group stops both and nothing else.
 */
export async function startApp(opts: StartOptions): Promise<AppServer> {
  // `next build` holds .next/lock while it writes; serving or building meanwhile would read a half-written build.
  const lock = path.join(ROOT, ".next", "lock");
  if (existsSync(lock)) {
    opts.log("another next build is running (.next/lock); waiting for it to finish");
    const until = Date.now() + opts.readyTimeoutMs;
    while (existsSync(lock) && Date.now() < until) await sleep(1000);
  }
  if (opts.build === "never" && (readBuildInfo().buildId === null || !existsSync(path.join(ROOT, "build", "server.js")))) {
    throw new Error("no .next or server build: run `npm run build` first, or leave out --no-build");
  }
  mkdirSync(SCRATCH, { recursive: true });
  const dataDir = mkdtempSync(path.join(SCRATCH, "data-"));
  const port = await freePort();
  const args = opts.build === "auto" ? ["scripts/start.mjs"] : SERVER_ARGS;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  live.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-6000);
    if (/building the web app/.test(text)) opts.log("the .next build is older than the sources: running next build (a minute or two)");
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const outputTail = () => output.trim().split("\n").slice(-20).join("\n");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      live.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Gone between the check and the signal.
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    live.delete(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + opts.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${outputTail()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { url, pid: child.pid!, build: readBuildInfo(), outputTail, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`the app did not answer /healthz within ${opts.readyTimeoutMs} ms:\n${outputTail()}`);
}
