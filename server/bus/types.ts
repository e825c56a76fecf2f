import type { RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * The publish stage: how one node tells the others what it stored, and hears what they stored.
 * With one node the bus is in-process (./local.ts); with several it is Redis (./redis.ts).
 * The bus carries; it never stores: the store has every update before the bus sees it.
 */

/** Updates another node stored for a board, as one merged Yjs update covering sequence numbers from..to. */
export interface StoredUpdates {
  update: Uint8Array;
  fromSeq: number;
  toSeq: number;
}

/**
 * Something the facilitator did to a board that every node's room must act on at once: its keys were
 * replaced (the room reads them again and closes connections with a key no longer valid), a person was
 * removed (the room reads who was and closes their connections), or it was deleted (the room closes
 * every connection and goes away).
 */
export const BOARD_NOTICES = ["keys-replaced", "seats-removed", "deleted"] as const;
export type BoardNotice = (typeof BOARD_NOTICES)[number];

/** What a room hears from the bus. */
export interface FeedListener {
  /** Updates another node stored. They may come out of order, twice, or (after a loss) not at all. */
  onUpdates(entry: StoredUpdates): void;
  /** A presence change from another node's clients (a y-protocols awareness update). */
  onAwareness(update: Uint8Array): void;
  /** A notice another node announced; it may come twice. */
  onNotice(notice: BoardNotice): void;
}

/** One board, as one node follows it. */
export interface BoardFeed {
  /** Starts delivering what arrived since the feed was opened; call once the room is built. */
  listen(listener: FeedListener): void;
  /** Resolves once the bus holds the entry; rejects when it could not take it. */
  publishUpdates(entry: StoredUpdates): Promise<void>;
  /** Presence of this node's clients; may be throttled or dropped, never stored. */
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

/** Counts per key within a window, shared by every node (a wrong-guess limit must not multiply with nodes). */
export type SharedLimiter = RateLimiterAbstract;

export interface Bus {
  readonly name: "local" | "redis";
  /** A limiter whose counts every node shares; `name` keeps limiters apart. */
  limiter(name: string, points: number, durationSeconds: number): SharedLimiter;
  /** True when one node serves every board: the room may trust its own copy as the whole board. */
  readonly single: boolean;
  /**
   * Starts following a board. Entries published after this resolves are delivered, so a room loaded
   * from the store afterwards misses nothing between the two.
   */
  open(boardId: string): Promise<BoardFeed>;
  /**
   * Tells the other nodes' rooms of this board (those following it) about a notice; this node's own room
   * is told by its caller. Resolves once the bus holds it. When it cannot, every node reloads its boards
   * once the bus is back (their clients then reconnect through the key check), and this rejects.
   */
  announce(boardId: string, notice: BoardNotice): Promise<void>;
  /** The dependencies that are down, for /healthz; empty when all is well. */
  down(): string[];
  /**
   * Called when the bus lost what it carried (a restart, a flush, a publish that failed): every
   * room must be reloaded from the store and its clients brought back in step.
   */
  onReset(handler: (reason: string) => void): void;
  close(): Promise<void>;
}
