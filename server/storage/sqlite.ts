import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import {
  DuplicateBoardError,
  type BoardRecord,
  type DocStore,
  type HistoryEntry,
  type Role,
  type SnapshotRecord,
  type SnapshotSummary,
  type StoredDoc,
} from "./types";
import { migrateSqlite } from "./sqlite-schema";
import { sqliteSeats } from "./sqlite-seats";
import { boardFromRow, replacedByCompaction, type BoardRow } from "./rows";
import { pruneHistoryWith, type PrunableHistory } from "./prune";

const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export interface SqliteOptions {
  /** A directory (the file is `<dir>/cruxboard.sqlite`) or an explicit file path. */
  dir?: string;
  file?: string;
  /** NORMAL survives a crash of this process (WAL); FULL also survives power loss. */
  synchronous?: "NORMAL" | "FULL";
  /** The clock that stamps each stored update (epoch ms). */
  now?: () => number;
}

export function openSqliteStore(options: SqliteOptions): DocStore {
  const file = options.file ?? path.join(options.dir ?? "./data", "cruxboard.sqlite");
  const now = options.now ?? Date.now;
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  try {
    migrateSqlite(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  // Checkpoints copy the WAL into the database and fsync it: slow enough to stall
  // every board on this thread. A worker thread does them; the main connection
  // checkpoints itself only as a safety net if the WAL grows very large.
  const checkpointer = file === ":memory:" ? null : startCheckpointer(path.resolve(file));
  db.pragma(`wal_autocheckpoint = ${checkpointer ? 16384 : 1000}`);
  db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);

  const q = {
    insertBoard: db.prepare(
      "INSERT INTO boards (id, created_at, facilitator_hash, participant_hash, viewer_hash, participant_key, viewer_key, seats_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    getBoard: db.prepare<[string], BoardRow>("SELECT * FROM boards WHERE id = ?"),
    listBoards: db.prepare<[number], { id: string; created_at: number }>(
      "SELECT id, created_at FROM boards ORDER BY created_at DESC LIMIT ?",
    ),
    loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>("SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq"),
    // A compacted state's bytes are not read: finding one here only tells the caller to reload.
    loadUpdatesSince: db.prepare<[string, number], { seq: number; compacted: number; data: Buffer | null }>(
      "SELECT seq, compacted, CASE WHEN compacted = 0 THEN data END AS data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq",
    ),
    logStart: db.prepare<[string], { seq: number; compacted: number }>(
      "SELECT seq, compacted FROM updates WHERE board_id = ? ORDER BY seq LIMIT 1",
    ),
    ping: db.prepare("SELECT 1"),
    lastSeq: db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM updates WHERE board_id = ?"),
    insertUpdate: db.prepare("INSERT INTO updates (board_id, seq, at, data) VALUES (?, ?, ?, ?)"),
    insertCompacted: db.prepare("INSERT INTO updates (board_id, seq, at, data, compacted) VALUES (?, ?, ?, ?, 1)"),
    // A compacted state only repeats updates that history already holds, so it is never copied there.
    archiveThrough: db.prepare(
      "INSERT INTO history (board_id, seq, at, data) SELECT board_id, seq, at, data FROM updates WHERE board_id = ? AND seq <= ? AND compacted = 0",
    ),
    deleteThrough: db.prepare("DELETE FROM updates WHERE board_id = ? AND seq <= ?"),
    loadHistory: db.prepare<[string, string], { seq: number; at: number | null; folded: number; data: Buffer }>(
      `SELECT seq, at, folded, data FROM history WHERE board_id = ?
       UNION ALL SELECT seq, at, 0, data FROM updates WHERE board_id = ? AND compacted = 0
       ORDER BY seq`,
    ),
    boardsToPrune: db.prepare<[number], string>("SELECT DISTINCT board_id FROM history WHERE at < ? AND folded = 0").pluck(),
    entriesToFold: db.prepare<[string, string, number], { seq: number; folded: number; data: Buffer }>(
      `SELECT seq, folded, data FROM history
       WHERE board_id = ? AND seq <= (SELECT MAX(seq) FROM history WHERE board_id = ? AND at < ?) ORDER BY seq`,
    ),
    countHistoryThrough: db.prepare<[string, number], number>("SELECT COUNT(*) FROM history WHERE board_id = ? AND seq <= ?").pluck(),
    deleteHistoryThrough: db.prepare("DELETE FROM history WHERE board_id = ? AND seq <= ?"),
    insertFolded: db.prepare("INSERT INTO history (board_id, seq, at, data, folded) VALUES (?, ?, ?, ?, 1)"),
    insertSnapshot: db.prepare("INSERT INTO snapshots (board_id, id, name, taken_at, json, state) VALUES (?, ?, ?, ?, ?, ?)"),
    listSnapshots: db.prepare<[string], { id: string; name: string; taken_at: number }>(
      "SELECT id, name, taken_at FROM snapshots WHERE board_id = ? ORDER BY taken_at, rowid",
    ),
    getSnapshot: db.prepare<[string, string], { id: string; board_id: string; name: string; taken_at: number; json: string; state: Buffer }>(
      "SELECT * FROM snapshots WHERE board_id = ? AND id = ?",
    ),
    getJoinCode: db.prepare<[string], { code: string; board_id: string; created_at: number; expires_at: number }>(
      "SELECT * FROM join_codes WHERE code = ?",
    ),
    // Only an expired holder gives way: a live code is never handed to a second board.
    putJoinCode: db.prepare<[string, string, number, number, number]>(
      `INSERT INTO join_codes (code, board_id, created_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET board_id = excluded.board_id, created_at = excluded.created_at, expires_at = excluded.expires_at
       WHERE join_codes.expires_at <= ?`,
    ),
    sweepJoinCodes: db.prepare<[number]>("DELETE FROM join_codes WHERE expires_at < ?"),
    replaceKey: {
      facilitator: db.prepare<[string, string]>("UPDATE boards SET facilitator_hash = ? WHERE id = ?"),
      participant: db.prepare<[string, string, string]>("UPDATE boards SET participant_hash = ?, participant_key = ? WHERE id = ?"),
      viewer: db.prepare<[string, string, string]>("UPDATE boards SET viewer_hash = ?, viewer_key = ? WHERE id = ?"),
    },
    // Children first: every table references boards, and foreign keys are enforced.
    deleteBoard: ["seats", "join_codes", "snapshots", "history", "updates", "boards"].map((table) =>
      db.prepare<[string]>(`DELETE FROM ${table} WHERE ${table === "boards" ? "id" : "board_id"} = ?`),
    ),
    deleteJoinCodesOf: db.prepare<[string]>("DELETE FROM join_codes WHERE board_id = ?"),
  };

  const createBoard = db.transaction((board: BoardRecord, initialState: Uint8Array) => {
    if (q.getBoard.get(board.id)) throw new DuplicateBoardError(board.id);
    const { keyHashes: hashes } = board;
    q.insertBoard.run(
      board.id,
      board.createdAt,
      hashes.facilitator,
      hashes.participant,
      hashes.viewer,
      board.participantKey ?? null,
      board.viewerKey ?? null,
      board.seatsSince ?? null,
    );
    q.insertUpdate.run(board.id, 1, now(), initialState);
  });

  // Last sequence number per board, so the hot append path skips a MAX() query. Only this
  // connection writes these rows; a failed transaction forgets what it touched.
  const lastSeqs = new Map<string, number>();
  const lastSeqOf = (boardId: string) => lastSeqs.get(boardId) ?? q.lastSeq.get(boardId)?.seq ?? 0;
  const appendBatchTx = db.transaction((entries: ReadonlyArray<{ boardId: string; updates: readonly Uint8Array[] }>) => {
    // One reading of the clock per batch: the whole batch became durable at once.
    const at = now();
    return entries.map((e) => {
      let seq = lastSeqOf(e.boardId);
      for (const u of e.updates) q.insertUpdate.run(e.boardId, ++seq, at, u);
      return seq;
    });
  });
  const appendBatch = (entries: ReadonlyArray<{ boardId: string; updates: readonly Uint8Array[] }>): number[] => {
    try {
      const seqs = appendBatchTx(entries);
      entries.forEach((e, i) => lastSeqs.set(e.boardId, seqs[i]!));
      return seqs;
    } catch (err) {
      for (const e of entries) lastSeqs.delete(e.boardId);
      throw err;
    }
  };

  const compact = db.transaction((boardId: string, state: Uint8Array, throughSeq: number): boolean => {
    const start = q.logStart.get(boardId);
    if (start && start.compacted === 1 && start.seq >= throughSeq) return false;
    q.archiveThrough.run(boardId, throughSeq);
    q.deleteThrough.run(boardId, throughSeq);
    q.insertCompacted.run(boardId, throughSeq, now(), state);
    return true;
  });

  const replaceWithState = db.transaction((boardId: string, throughSeq: number, count: number, state: Uint8Array, at: number) => {
    if (q.countHistoryThrough.get(boardId, throughSeq) !== count) return false;
    q.deleteHistoryThrough.run(boardId, throughSeq);
    q.insertFolded.run(boardId, throughSeq, at, state);
    return true;
  });
  const prunable: PrunableHistory = {
    boardsToPrune: async (before) => q.boardsToPrune.all(before),
    entriesToFold: async (boardId, before) =>
      q.entriesToFold.all(boardId, boardId, before).map((r) => ({ seq: r.seq, folded: r.folded === 1, update: bytesOf(r.data) })),
    // IMMEDIATE: the count is read under the write lock, so nothing can change between it and the write.
    replaceWithState: async (boardId, throughSeq, count, state, at) => replaceWithState.immediate(boardId, throughSeq, count, state, at),
  };

  const replaceKey = db.transaction((boardId: string, role: Role, keyHash: string, key: string): boolean => {
    const changed = role === "facilitator" ? q.replaceKey.facilitator.run(keyHash, boardId) : q.replaceKey[role].run(keyHash, key, boardId);
    if (changed.changes === 0) return false;
    if (role === "participant") q.deleteJoinCodesOf.run(boardId);
    return true;
  });

  const deleteBoard = db.transaction((boardId: string): boolean => {
    let boards = 0;
    for (const statement of q.deleteBoard) boards = statement.run(boardId).changes;
    return boards === 1;
  });

  let closed = false;
  const live = () => {
    if (closed) throw new Error("store is closed");
  };

  return {
    name: "sqlite",
    async createBoard(board, initialState) {
      live();
      createBoard(board, initialState);
    },
    async getBoard(id) {
      live();
      const row = q.getBoard.get(id);
      return row ? boardFromRow(row) : null;
    },
    async listBoards(limit = 100) {
      live();
      return q.listBoards.all(limit).map((r) => ({ id: r.id, createdAt: r.created_at }));
    },
    async loadDoc(boardId): Promise<StoredDoc> {
      live();
      const rows = q.loadUpdates.all(boardId);
      let bytes = 0;
      const updates = rows.map((r) => {
        bytes += r.data.byteLength;
        return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
      });
      return { updates, lastSeq: rows.at(-1)?.seq ?? 0, bytes };
    },
    async appendUpdates(boardId, updates) {
      live();
      if (updates.length === 0) return q.lastSeq.get(boardId)?.seq ?? 0;
      return appendBatch([{ boardId, updates }])[0]!;
    },
    async appendBatch(entries) {
      live();
      return appendBatch(entries);
    },
    async loadUpdatesSince(boardId, afterSeq) {
      live();
      const rows = q.loadUpdatesSince.all(boardId, afterSeq);
      if (replacedByCompaction(rows, afterSeq)) return null;
      return rows.map((r) => ({ seq: r.seq, update: new Uint8Array(r.data!.buffer, r.data!.byteOffset, r.data!.byteLength) }));
    },
    async compact(boardId, state, throughSeq) {
      live();
      return compact(boardId, state, throughSeq);
    },
    async loadHistory(boardId): Promise<HistoryEntry[]> {
      live();
      return q.loadHistory.all(boardId, boardId).map((r) => ({ seq: r.seq, at: r.at, update: bytesOf(r.data), folded: r.folded === 1 }));
    },
    async pruneHistory(before) {
      live();
      return pruneHistoryWith(prunable, before);
    },
    async addSnapshot(s: SnapshotRecord) {
      live();
      q.insertSnapshot.run(s.boardId, s.id, s.name, s.takenAt, s.json, s.state);
    },
    async listSnapshots(boardId): Promise<SnapshotSummary[]> {
      live();
      return q.listSnapshots.all(boardId).map((r) => ({ id: r.id, name: r.name, takenAt: r.taken_at }));
    },
    async getSnapshot(boardId, snapshotId) {
      live();
      const r = q.getSnapshot.get(boardId, snapshotId);
      if (!r) return null;
      return {
        id: r.id,
        boardId: r.board_id,
        name: r.name,
        takenAt: r.taken_at,
        json: r.json,
        state: new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength),
      };
    },
    async addJoinCode(c, now) {
      live();
      return q.putJoinCode.run(c.code, c.boardId, c.createdAt, c.expiresAt, now).changes === 1;
    },
    async getJoinCode(code) {
      live();
      const r = q.getJoinCode.get(code);
      return r ? { code: r.code, boardId: r.board_id, createdAt: r.created_at, expiresAt: r.expires_at } : null;
    },
    async sweepJoinCodes(before) {
      live();
      return q.sweepJoinCodes.run(before).changes;
    },
    async replaceKey(boardId, role, keyHash, key) {
      live();
      return replaceKey(boardId, role, keyHash, key);
    },
    async deleteBoard(boardId) {
      live();
      try {
        return deleteBoard(boardId);
      } finally {
        lastSeqs.delete(boardId);
      }
    },
    ...sqliteSeats(db, live),
    async ping() {
      live();
      q.ping.get();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (checkpointer) await checkpointer.terminate();
      db.close();
    },
  };
}

const CHECKPOINT_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy: try again next tick */ }
}, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/** Runs passive WAL checkpoints on its own thread and connection. */
function startCheckpointer(file: string, everyMs = 1000): { terminate(): Promise<void> } {
  const worker = new Worker(CHECKPOINT_SOURCE, { eval: true, workerData: { file, everyMs, driver: require.resolve("better-sqlite3") } });
  worker.unref();
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  void exit.then(() => (exited = true));
  worker.on("error", () => undefined);
  return {
    terminate: async () => {
      // Unreferenced, the worker would not keep the process alive until it exits: a script whose
      // last step is closing the store would end with that close still pending and nothing after it run.
      if (!exited) {
        worker.ref();
        worker.postMessage("stop");
      }
      await exit;
    },
  };
}
