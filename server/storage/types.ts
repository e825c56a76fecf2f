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
  /**
   * The viewer key itself, kept so a facilitator who replaces the participant link is given every link
   * again; absent on boards created before links could be replaced. The viewer key only reads.
   */
  viewerKey?: string;
  /**
   * When seats came to this board (epoch ms), for boards created before seats existed: a participant
   * entry that joined before it may be claimed, once, by the device that placed under it. Absent on
   * boards created with seats, where every entry was made by taking a seat and none can be claimed.
   */
  seatsSince?: number;
}

/** A person's seat on a board: the secret their connections write with (contract v2, "Seats"). */
export interface SeatRecord {
  boardId: string;
  participantId: string;
  /** SHA-256 (hex) of the seat's secret; null for a person removed before they ever took a seat. */
  seatHash: string | null;
  createdAt: number;
  /** When the facilitator removed the person (epoch ms); null while the seat works. */
  removedAt: number | null;
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
  /**
   * True for the state that pruning left in place of every entry before it (`pruneHistory`): the
   * history starts there, and a replay starts from the board as that state holds it.
   */
  folded: boolean;
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
   * compaction does not shorten this, and compacted states are not part of it; only `pruneHistory` does,
   * and then the first entry is the folded state. [] for an unknown board.
   */
  loadHistory(boardId: string): Promise<HistoryEntry[]>;
  /**
   * Shortens every board's history to what happened from `before` (epoch ms) on: on each board with
   * history entries stamped earlier, those entries and every entry before them are replaced by one
   * folded state (`HistoryEntry.folded`) stamped `before`, at the sequence number of the last one
   * replaced, so that applying the history still gives the board. A board whose only such entry is
   * already a folded state is left alone. The board's log (`loadDoc`) and its snapshots are untouched.
   * A board whose history cannot be decoded is skipped and left as it was. Safe to run from several
   * processes at once: the second finds the work done. Resolves with how many entries were replaced.
   */
  pruneHistory(before: number): Promise<number>;
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
  /**
   * Replaces one role's key: its hash, and the key itself where the record keeps it (participant,
   * viewer). Replacing the participant key also deletes the board's join codes, since they hand out
   * the participant link the replacement retires. Resolves false, changing nothing, for an unknown board.
   */
  replaceKey(boardId: string, role: Role, keyHash: string, key: string): Promise<boolean>;
  /**
   * Deletes the board and everything of it: its update log, history, snapshots, join codes and seats, in one
   * transaction. Resolves false when there was no such board.
   */
  deleteBoard(boardId: string): Promise<boolean>;
  /**
   * Stores a new seat. Resolves false, changing nothing, when that participant id already has or had a
   * seat on the board (removed ones included: an id is seated once), or the board is unknown.
   */
  addSeat(seat: Omit<SeatRecord, "removedAt"> & { seatHash: string }): Promise<boolean>;
  /** The seat whose secret hashes to `seatHash` on this board, removed or not; null when there is none. */
  findSeat(boardId: string, seatHash: string): Promise<SeatRecord | null>;
  /** The seat of one participant id on a board, removed or not; null when it never had one. */
  getSeat(boardId: string, participantId: string): Promise<SeatRecord | null>;
  /**
   * Marks the person removed at `at`: their seat stops working and their id can never be seated again.
   * A person without a seat gets a removed one (no secret). Removing again keeps the first time.
   * Resolves false, changing nothing, for an unknown board.
   */
  removeSeat(boardId: string, participantId: string, at: number): Promise<boolean>;
  /** The participant ids removed from a board, in no particular order. */
  removedParticipants(boardId: string): Promise<string[]>;
  /** How many seats the board has handed out, removed ones included. */
  countSeats(boardId: string): Promise<number>;
  /** Resolves when the store answers a trivial query promptly; rejects when it cannot (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateBoardError extends Error {
  constructor(id: string) {
    super(`board ${id} already exists`);
  }
}
