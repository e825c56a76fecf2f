import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { ROOT, SERVER_ARGS, serverBuildIsCurrent, serverEnv } from "../../scripts/app.mjs";
import { readMemory } from "../lib/proc";

/** The compiled build when it is current (what `npm start` runs), else the sources through tsx; pages off either way. */
function serverArgs(): { args: string[]; what: string } {
  if (serverBuildIsCurrent()) return { args: [...SERVER_ARGS, "--no-web"], what: "build/server.js --no-web" };
  return { args: ["--import", "tsx", "server/main.ts", "--no-web"], what: "tsx server/main.ts --no-web" };
}

export interface Incarnation {
  pid: number;
  startedAt: number;
  /** When it logged "listening". */
  readyAt: number;
  /** RSS (MB) shortly after start, once every client had synced to it; null until read. */
  rssEarlyMb: number | null;
  /** RSS (MB) just before it was killed or stopped. */
  rssLateMb: number | null;
  endedAt: number | null;
  /** How it ended: our SIGKILL, or anything else (a crash). */
  ending: "killed" | "crashed" | null;
  exit: string | null;
}

/**
 * The server as a child process on one port and one DATA_DIR, killed with SIGKILL and started
 * again on the same data. Everything it prints goes to `<dataDir>/server.log`, all incarnations
 * in turn, so a crash can be read afterwards.
 */
export class SoakServer {
  readonly incarnations: Incarnation[] = [];
  /** Warnings and errors the server logged, all incarnations together, by level and message. */
  readonly warnings = new Map<string, number>();
  readonly command = serverArgs();
  private child: ChildProcess | null = null;
  private readonly log: fs.WriteStream;

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.log = fs.createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get current(): Incarnation {
    const last = this.incarnations.at(-1);
    if (!last) throw new Error("the server was never started");
    return last;
  }

  get crashes(): Incarnation[] {
    return this.incarnations.filter((i) => i.ending === "crashed");
  }

  async start(): Promise<Incarnation> {
    const startedAt = Date.now();
    const child = spawn(process.execPath, this.command.args, {
      cwd: ROOT,
      env: serverEnv({ ...process.env, PORT: String(this.port), HOST: "127.0.0.1", DATA_DIR: this.dataDir, LOG_LEVEL: "info" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const incarnation: Incarnation = {
      pid: child.pid!,
      startedAt,
      readyAt: 0,
      rssEarlyMb: null,
      rssLateMb: null,
      endedAt: null,
      ending: null,
      exit: null,
    };
    this.incarnations.push(incarnation);
    child.stderr!.on("data", (d: Buffer) => this.log.write(d));
    child.once("exit", (code, signal) => {
      incarnation.endedAt = Date.now();
      incarnation.exit = signal ?? `exit ${code}`;
      incarnation.ending ??= "crashed";
      this.log.write(`--- pid ${incarnation.pid} ended: ${incarnation.exit} (${incarnation.ending})\n`);
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s (see ${this.dataDir}/server.log)`)), 30_000);
      child.once("exit", () => {
        clearTimeout(timer);
        reject(new Error(`the server exited while starting: ${incarnation.exit} (see ${this.dataDir}/server.log)`));
      });
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        this.log.write(line + "\n");
        try {
          const entry = JSON.parse(line) as { msg?: unknown; level?: unknown };
          if ((entry.level === "warn" || entry.level === "error") && typeof entry.msg === "string") {
            const key = `${entry.level}: ${entry.msg}`;
            this.warnings.set(key, (this.warnings.get(key) ?? 0) + 1);
          }
          if (entry.msg === "listening" && incarnation.readyAt === 0) {
            incarnation.readyAt = Date.now();
            clearTimeout(timer);
            resolve();
          }
        } catch {
          // not a log line
        }
      });
    });
    return incarnation;
  }

  rssMb(): number | null {
    return this.child?.pid ? (readMemory(this.child.pid)?.rssMb ?? null) : null;
  }

  /** SIGKILL, as a crash or an impatient operator would; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const incarnation = this.current;
    incarnation.rssLateMb = this.rssMb();
    incarnation.ending = "killed";
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }

  async close(): Promise<void> {
    await this.kill();
    if (!this.log.writableEnded) await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
