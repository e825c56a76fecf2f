import type { Replay } from "../../lib/api/schemas";
import { replayHistoryInTurns } from "../../lib/board/history";
import type { DocStore } from "../storage/types";

export interface BoardReplay {
  replay: Replay;
  /** Stored updates the timeline was built from. */
  updates: number;
}

/**
 * Timelines for replay. Building one re-applies every update a board ever
 * accepted, so: a board's timeline is kept until the board changes or its history is pruned (a room of
 * people scrubbing the same session costs one replay), only one replay runs at
 * a time across all boards (a burst of requests queues instead of splitting
 * the thread), and each replay yields to the event loop as it goes, so sync
 * traffic keeps flowing meanwhile.
 */
export function createHistoryService(store: DocStore, options: { cacheSize?: number } = {}) {
  const cacheSize = options.cacheSize ?? 8;
  // Insertion order is recency: a hit moves to the end, the oldest is dropped first.
  const cache = new Map<string, { version: string; result: Promise<BoardReplay> }>();
  let queue: Promise<unknown> = Promise.resolve();
  let replays = 0;

  return {
    /** How many timelines were built (not served from the cache). */
    get replays() {
      return replays;
    },
    async timeline(boardId: string): Promise<BoardReplay> {
      const entries = await store.loadHistory(boardId);
      // A new update changes the last entry; pruning changes the first (and usually the count).
      const first = entries[0];
      const version = `${entries.length}:${first?.seq}:${first?.folded}:${entries.at(-1)?.seq ?? 0}`;
      const hit = cache.get(boardId);
      if (hit && hit.version === version) {
        cache.delete(boardId);
        cache.set(boardId, hit);
        return hit.result;
      }
      const result = queue.then(async (): Promise<BoardReplay> => {
        replays++;
        return { replay: await replayHistoryInTurns(entries), updates: entries.length };
      });
      queue = result.catch(() => undefined);
      cache.delete(boardId);
      cache.set(boardId, { version, result });
      while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      // A failed replay is not remembered: the next request tries again.
      result.catch(() => {
        if (cache.get(boardId)?.result === result) cache.delete(boardId);
      });
      return result;
    },
  };
}
