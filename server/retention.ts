import type { Logger } from "./log";
import type { DocStore } from "./storage/types";

export interface HistoryRetention {
  /** History older than this (ms) is pruned. */
  keepMs: number;
  /** How often pruning runs; it also runs once at start. */
  everyMs?: number;
}

export const PRUNE_EVERY_MS = 3_600_000;

/**
 * Prunes every board's history older than `keepMs` now and then every `everyMs`, one run at a time.
 * The timer does not keep the process alive; `stop` waits for a run in progress, so the store can be
 * closed after it. Several nodes may run this on one store: pruning is idempotent and guarded per board.
 */
export function startHistoryPruning(store: DocStore, retention: HistoryRetention, logger: Logger, now: () => number = Date.now) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= (async () => {
      const before = now() - retention.keepMs;
      try {
        const replaced = await store.pruneHistory(before);
        if (replaced > 0) logger.info("history pruned", { before: new Date(before).toISOString(), entries: replaced });
      } catch (err) {
        // The next run tries again; nothing was changed for a board whose pruning failed.
        logger.warn("history pruning failed", { error: String(err) });
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void run(), retention.everyMs ?? PRUNE_EVERY_MS);
  timer.unref();
  void run();
  return {
    /** Runs now (or joins the run in progress); resolves when it is done. */
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
