import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
export { freePort } from "../../bench/lib/port";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface AppServer {
  url: string;
  child: ChildProcess;
}

/** A fresh data directory under `.tmp/`, which is ignored by git and lint. */
export function tempDataDir(prefix: string): string {
  const parent = path.join(ROOT, ".tmp");
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `${prefix}-`));
}

/**
 * Starts the whole app (pages, API and sync) as its own process, so a test may
 * kill it without touching the shared server. Production mode serves the
 * `.next` build that the shared web server made before any test ran.
 */
export async function startAppServer(port: number, dataDir: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<AppServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Drained, or a chatty server would block on a full pipe; the tail explains a failed start.
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  const url = `http://127.0.0.1:${port}`;
  const server = { url, child };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await killHard(server);
  throw new Error(`server did not answer /healthz within ${timeoutMs} ms:\n${output}`);
}

/** SIGKILL, as a crash would: no shutdown hook runs. Resolves once the process is gone. */
export function killHard(server: AppServer): Promise<void> {
  const { child } = server;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
