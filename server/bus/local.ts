import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Bus, BoardFeed, BoardNotice, FeedListener, StoredUpdates } from "./types";

/**
 * The bus of one process. A board has one room per process, so usually nobody else listens and
 * publishing costs nothing; several listeners on one board (two servers sharing a store in one
 * process, as tests do) hear each other, as nodes do over Redis.
 */
export function createLocalBus(options: { single?: boolean } = {}): Bus {
  const feeds = new Map<string, Set<LocalFeed>>();

  class LocalFeed implements BoardFeed {
    private listener: FeedListener | null = null;
    private early: Array<(l: FeedListener) => void> = [];
    constructor(private readonly boardId: string) {}

    listen(listener: FeedListener): void {
      this.listener = listener;
      for (const deliver of this.early) deliver(listener);
      this.early = [];
    }
    async publishUpdates(entry: StoredUpdates): Promise<void> {
      this.others((f) => f.deliver((l) => l.onUpdates(entry)));
    }
    publishAwareness(update: Uint8Array): void {
      this.others((f) => f.deliver((l) => l.onAwareness(update)));
    }
    close(): void {
      const set = feeds.get(this.boardId);
      set?.delete(this);
      if (set?.size === 0) feeds.delete(this.boardId);
    }
    private others(fn: (f: LocalFeed) => void): void {
      for (const f of feeds.get(this.boardId) ?? []) if (f !== this) fn(f);
    }
    /** Delivers to every feed of the board: in one process the caller's own room hears it twice, which it may. */
    static announce(boardId: string, notice: BoardNotice): void {
      for (const f of feeds.get(boardId) ?? []) f.deliver((l) => l.onNotice(notice));
    }
    private deliver(fn: (l: FeedListener) => void): void {
      // Asynchronously, as a real bus would: never inside the publisher's own turn.
      setImmediate(() => (this.listener ? fn(this.listener) : this.early.push(fn)));
    }
  }

  return {
    name: "local",
    single: options.single ?? true,
    async open(boardId) {
      const feed = new LocalFeed(boardId);
      let set = feeds.get(boardId);
      if (!set) feeds.set(boardId, (set = new Set()));
      set.add(feed);
      return feed;
    },
    async announce(boardId, notice) {
      LocalFeed.announce(boardId, notice);
    },
    limiter: (_name, points, duration) => new RateLimiterMemory({ points, duration }),
    down: () => [],
    onReset() {
      // Nothing in process can be lost without the process.
    },
    async close() {
      feeds.clear();
    },
  };
}
