import type { ServerReady } from "../lib/messages";

/** The orchestrator waits for exactly this line on stdout. */
export function announceReady(port: number): void {
  const line: ServerReady = { ready: true, port, pid: process.pid };
  process.stdout.write(JSON.stringify(line) + "\n");
}

/**
 * Exit on SIGTERM/SIGINT or when the orchestrator disappears (IPC channel
 * closes), so no server outlives a crashed run. close() gets a bounded grace.
 */
export function exitWith(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 2000);
    force.unref();
    close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  process.on("disconnect", shutdown);
}

export function fail(err: unknown): never {
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
}
