import type { Role } from "../../lib/board/schema";

export { ROLES } from "../../lib/board/schema";
export type { Role };

export interface BoardRecord {
  id: string;
  createdAt: number;
  /** SHA-256 (hex) of each role's key; keys themselves are never stored. */
  keyHashes: Record<Role, string>;
  /**
   * The participant key itself, kept so a join code can hand out the participant link (that key goes
   * to the whole room anyway); absent on boards created before join codes. Whatever replaces the
   * participant key must replace this with it.
   */
  participantKey?: string;
}

/** A short code that leads to a board's participant link until it expires. */
export interface JoinCodeRecord {
  /** Canonical form: upper case, no separators (lib/api/schemas normalizeJoinCode). */
  code: string;
  boardId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SnapshotRecord {
  id: string;
  boardId: string;
  name: string;
  takenAt: number;
  /** The snapshot JSON (lib/snapshot format) as text. */
  json: string;
  /** The board's Yjs state when it was taken. */
  state: Uint8Array;
}

export type SnapshotSummary = Pick<SnapshotRecord, "id" | "name" | "takenAt">;

/** One update the board accepted, as history keeps it. */
export interface HistoryEntry {
  seq: number;
  /** The server's clock when it stored the update (epoch ms); null where that was not recorded. */
  at: number | null;
  update: Uint8Array;
}

export interface StoredDoc {
  /** Updates in log order; the first may be a compacted state. Applying them all gives the board. */
  updates: Uint8Array[];
  /** Sequence number of the last update, 0 for none. */
  lastSeq: number;
  /** Total stored bytes of the log. */
  bytes: number;
}

/**
 * Everything the server persists. Small on purpose: an adapter for another
 * database implements these methods and passes tests/integration/store-contract.
 * Every method resolves only once its write is durable.
 */
export interface DocStore {
  readonly name: string;
  /** Creates the board and its initial state atomically; rejects if the id exists. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  listBoards(limit?: number): Promise<Array<Pick<BoardRecord, "id" | "createdAt">>>;
  loadDoc(boardId: string): Promise<StoredDoc>;
  /** Appends in order, atomically; resolves with the sequence number of the last one. */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number>;
  /** Several boards' appends in one atomic write; resolves with each entry's last sequence number. */
  appendBatch(entries: ReadonlyArray<{ boardId: string; updates: readonly Uint8Array[] }>): Promise<number[]>;
  /**
   * The log's updates after `afterSeq`, in order: what a node that holds the board through `afterSeq`
   * lacks. null when a compaction has replaced any of them (then reload with `loadDoc`); [] when there
   * are none, or for an unknown board.
   */
  loadUpdatesSince(boardId: string, afterSeq: number): Promise<Array<{ seq: number; update: Uint8Array }> | null>;
  /**
   * Replaces every update up to and including `throughSeq` by `state` in the log that
   * `loadDoc` reads, atomically. The replaced updates stay in the board's history.
   * `state` must hold every update through `throughSeq`. Resolves false, changing nothing, when the
   * log already starts with a compacted state at `throughSeq` or later (another node got there first).
   * Two compactions of one board never run at once, even from different processes.
   */
  compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<boolean>;
  /**
   * Every update the board ever accepted, the initial state first, in sequence order:
   * compaction does not shorten this, and compacted states are not part of it. [] for an unknown board.
   */
  loadHistory(boardId: string): Promise<HistoryEntry[]>;
  addSnapshot(snapshot: SnapshotRecord): Promise<void>;
  /** Oldest first. */
  listSnapshots(boardId: string): Promise<SnapshotSummary[]>;
  getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null>;
  /**
   * Stores a join code unless a live one (expiring after `now`) already holds it; an expired holder is
   * replaced. Resolves false when the code is taken. Deleting a board must delete its codes.
   */
  addJoinCode(code: JoinCodeRecord, now: number): Promise<boolean>;
  /** The code as stored, expired or not; null when there is none. */
  getJoinCode(code: string): Promise<JoinCodeRecord | null>;
  /** Deletes the codes that expired before `before`; resolves with how many there were. */
  sweepJoinCodes(before: number): Promise<number>;
  /** Resolves when the store answers a trivial query promptly; rejects when it cannot (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateBoardError extends Error {
  constructor(id: string) {
    super(`board ${id} already exists`);
  }
}
