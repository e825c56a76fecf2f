import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * Every child process, temp dir and outside resource (a database, a Redis key
 * prefix) the run creates is registered here so a crash, Ctrl-C or a failed
 * scenario never leaves servers, workers, SQLite files or test databases behind.
 */
const live = new Set<ChildProcess>();
const dirs = new Set<string>();
const cleanups = new Set<() => Promise<void>>();

/**
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every server and worker
 * process into <dir>, for finding out where a figure comes from.
 */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

export function spawnTs(file: string, args: string[], output: "pipe" | "inherit", nodeFlags: string[] = []): ChildProcess {
  return track(
    fork(file, args, {
      stdio: ["ignore", output, output, "ipc"],
      // Inherit tsx's loader flags so the child can run TypeScript directly.
      execArgv: [...process.execArgv, ...profileArgs(), ...nodeFlags],
    }),
  );
}

export function trackDir(dir: string): void {
  dirs.add(dir);
}

export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Reported by the next listing of the tmp dir at worst; nothing to do here.
  }
  dirs.delete(dir);
}

/** Registers an asynchronous clean-up; returns the function that runs it (once) and unregisters it. */
export function trackCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const run = (): Promise<void> => {
    cleanups.delete(run);
    done ??= fn().catch(() => undefined);
    return done;
  };
  cleanups.add(run);
  return run;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true if the process exits by itself within ms. */
export function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  // 'close' rather than 'exit': it comes after the child's stdout is drained,
  // and the server entries print their log summary while shutting down.
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (!hasExited(child)) child.kill("SIGKILL");
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Synchronous last resort for process exit paths. */
export function killAllNow(): void {
  for (const child of live) {
    if (!hasExited(child)) {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
  live.clear();
  for (const dir of [...dirs]) removeDir(dir);
}

/** Runs every outstanding asynchronous clean-up, for at most `ms`. */
export async function runCleanups(ms: number): Promise<void> {
  const all = Promise.all([...cleanups].map((run) => run()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

let installed = false;

export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killAllNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      process.stderr.write(`\n${sig}: stopping servers and workers\n`);
      killAllNow();
      void runCleanups(5000).finally(() => process.exit(130));
    });
  }
}
