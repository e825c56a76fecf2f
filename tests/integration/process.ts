import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const ROOT = path.resolve(__dirname, "../..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
}

/** Starts `server/main.ts` (API and sync only) as its own process on a free port. */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-web"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 20_000);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === "listening" && entry.port) {
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${entry.port}`, wsUrl: `ws://127.0.0.1:${entry.port}` });
        }
      } catch {
        // not a log line
      }
    });
  });
}

export function killHard(p: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once("exit", () => resolve());
    p.child.kill("SIGKILL");
  });
}
