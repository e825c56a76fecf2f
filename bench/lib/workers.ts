import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { spawnTs } from "./children";
import type { FromWorker, StepReport, SyncedReport, ToWorker } from "./messages";

/** The orchestrator's end of one generator process (bench/worker.ts): messages in order, awaited by kind. */
export class WorkerHandle {
  private readonly queue: FromWorker[] = [];
  private readonly waiters: Array<{
    match: (m: FromWorker) => boolean;
    resolve: (m: FromWorker) => void;
    reject: (e: Error) => void;
  }> = [];
  readonly errors: string[] = [];
  private dead: Error | null = null;

  static spawn(index: number): WorkerHandle {
    return new WorkerHandle(index, spawnTs(path.join(__dirname, "..", "worker.ts"), [], "inherit"));
  }

  private constructor(
    readonly index: number,
    readonly child: ChildProcess,
  ) {
    child.on("message", (raw: unknown) => this.onMessage(raw as FromWorker));
    child.once("exit", (code, signal) => {
      this.dead = new Error(`worker ${index} exited (${signal ?? code})${this.errors.length ? `: ${this.errors[0]}` : ""}`);
      for (const w of this.waiters.splice(0)) w.reject(this.dead);
    });
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === "error") this.errors.push(msg.message);
    const i = this.waiters.findIndex((w) => w.match(msg));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      w?.resolve(msg);
    } else this.queue.push(msg);
  }

  send(msg: ToWorker): void {
    if (this.child.connected) this.child.send(msg);
  }

  next<T extends FromWorker>(match: (m: FromWorker) => m is T, timeoutMs: number, what: string): Promise<T> {
    const queued = this.queue.findIndex(match);
    if (queued >= 0) return Promise.resolve(this.queue.splice(queued, 1)[0] as T);
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`worker ${this.index}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (m: FromWorker) => {
          clearTimeout(timer);
          resolve(m as T);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }
}

export const isSynced = (m: FromWorker): m is SyncedReport => m.type === "synced";
export const isStepResult =
  (id: number) =>
  (m: FromWorker): m is StepReport =>
    m.type === "stepResult" && m.id === id;
