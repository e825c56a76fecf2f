import type pg from "pg";
import { createLogger, type Logger } from "../log";
import { createPool, inTransaction, withinMs } from "./postgres-pool";
import { LOCK_COMPACTION, LOCK_PRUNING, migratePostgres } from "./postgres-schema";
import { pruneHistoryWith, type PrunableHistory } from "./prune";
import { DuplicateBoardError, type BoardRecord, type DocStore, type HistoryEntry, type StoredDoc } from "./types";
import { boardFromRow, replacedByCompaction, seatFromRow, type BoardRow, type SeatRow } from "./rows";

export interface PostgresOptions {
  /** postgres:// or postgresql:// connection string. */
  url: string;
  /** Most connections this process holds at once. */
  poolMax: number;
  /** Postgres cancels a statement (lock waits included) that runs longer. */
  statementTimeoutMs: number;
  /** The clock that stamps each stored update (epoch ms). */
  now?: () => number;
  /** Where broken connections are reported; warnings to stdout when absent. */
  logger?: Logger;
  /** How long `ping` waits for an answer. */
  pingTimeoutMs?: number;
}

type Batch = ReadonlyArray<{ boardId: string; updates: readonly Uint8Array[] }>;

const SQL = {
  // One statement, so the board and its first update exist together or not at all.
  createBoard: `WITH board AS (
      INSERT INTO boards (id, created_at, facilitator_hash, participant_hash, viewer_hash, participant_key, viewer_key, seats_since, last_seq)
      VALUES ($1, $2, $3, $4, $5, $6, $9, $10, 1) ON CONFLICT (id) DO NOTHING RETURNING id)
    INSERT INTO updates (board_id, seq, at, data) SELECT id, 1, $7, $8 FROM board`,
  getBoard: `SELECT id, created_at, facilitator_hash, participant_hash, viewer_hash, participant_key, viewer_key, seats_since
    FROM boards WHERE id = $1`,
  listBoards: "SELECT id, created_at FROM boards ORDER BY created_at DESC LIMIT $1",
  loadUpdates: "SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq",
  // A compacted state's bytes are not read: finding one here only tells the caller to reload.
  loadUpdatesSince: `SELECT seq, compacted, CASE WHEN compacted THEN NULL ELSE data END AS data
    FROM updates WHERE board_id = $1 AND seq > $2 ORDER BY seq`,
  lastSeq: "SELECT last_seq FROM boards WHERE id = $1",
  // Rows are locked in id order, so two nodes appending to the same boards cannot deadlock. NO KEY:
  // inserts that reference the board (compaction's, history's) need not wait for appends.
  lockBoards: "SELECT id, last_seq FROM boards WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE",
  append: `WITH raised AS (
      UPDATE boards SET last_seq = raised.last_seq FROM unnest($1::text[], $2::bigint[]) AS raised(id, last_seq)
      WHERE boards.id = raised.id)
    INSERT INTO updates (board_id, seq, at, data)
    SELECT board_id, seq, $3, data FROM unnest($4::text[], $5::bigint[], $6::bytea[]) AS u(board_id, seq, data)`,
  logStart: "SELECT seq, compacted FROM updates WHERE board_id = $1 ORDER BY seq LIMIT 1",
  // A compacted state only repeats updates that history already holds, so it is never copied there.
  archiveThrough: `WITH gone AS (DELETE FROM updates WHERE board_id = $1 AND seq <= $2 RETURNING board_id, seq, at, data, compacted)
    INSERT INTO history (board_id, seq, at, data) SELECT board_id, seq, at, data FROM gone WHERE NOT compacted`,
  insertCompacted: "INSERT INTO updates (board_id, seq, at, data, compacted) VALUES ($1, $2, $3, $4, true)",
  loadHistory: `SELECT seq, at, folded, data FROM history WHERE board_id = $1
    UNION ALL SELECT seq, at, false, data FROM updates WHERE board_id = $1 AND NOT compacted
    ORDER BY seq`,
  boardsToPrune: "SELECT DISTINCT board_id FROM history WHERE at < $1 AND NOT folded",
  entriesToFold: `SELECT seq, folded, data FROM history
    WHERE board_id = $1 AND seq <= (SELECT MAX(seq) FROM history WHERE board_id = $1 AND at < $2) ORDER BY seq`,
  countHistoryThrough: "SELECT COUNT(*)::int AS n FROM history WHERE board_id = $1 AND seq <= $2",
  deleteHistoryThrough: "DELETE FROM history WHERE board_id = $1 AND seq <= $2",
  insertFolded: "INSERT INTO history (board_id, seq, at, data, folded) VALUES ($1, $2, $3, $4, true)",
  insertSnapshot: "INSERT INTO snapshots (board_id, id, name, taken_at, json, state) VALUES ($1, $2, $3, $4, $5, $6)",
  listSnapshots: "SELECT id, name, taken_at FROM snapshots WHERE board_id = $1 ORDER BY taken_at, added",
  getSnapshot: "SELECT id, board_id, name, taken_at, json, state FROM snapshots WHERE board_id = $1 AND id = $2",
  // Only an expired holder gives way: a live code is never handed to a second board.
  putJoinCode: `INSERT INTO join_codes (code, board_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (code) DO UPDATE SET board_id = excluded.board_id, created_at = excluded.created_at, expires_at = excluded.expires_at
    WHERE join_codes.expires_at <= $5`,
  getJoinCode: "SELECT code, board_id, created_at, expires_at FROM join_codes WHERE code = $1",
  sweepJoinCodes: "DELETE FROM join_codes WHERE expires_at < $1",
  replaceKey: {
    facilitator: "UPDATE boards SET facilitator_hash = $2 WHERE id = $1",
    participant: "UPDATE boards SET participant_hash = $2, participant_key = $3 WHERE id = $1",
    viewer: "UPDATE boards SET viewer_hash = $2, viewer_key = $3 WHERE id = $1",
  },
  deleteJoinCodesOf: "DELETE FROM join_codes WHERE board_id = $1",
  // The board's row is locked first, so an append on another node either finishes before or finds no board.
  lockBoard: "SELECT id FROM boards WHERE id = $1 FOR UPDATE",
  deleteBoard: ["seats", "join_codes", "snapshots", "history", "updates"].map((table) => `DELETE FROM ${table} WHERE board_id = $1`),
  deleteBoardRow: "DELETE FROM boards WHERE id = $1",
  // Selecting from boards makes an unknown board insert nothing; a board deleted meanwhile fails the
  // foreign key instead (the deletion holds its row), which is answered the same way.
  addSeat: `INSERT INTO seats (board_id, participant_id, seat_hash, created_at) SELECT id, $2, $3, $4 FROM boards WHERE id = $1
    ON CONFLICT (board_id, participant_id) DO NOTHING`,
  // A secret is random, so two seats of a board never share a hash in practice; if they did, the
  // oldest answers, always the same one.
  findSeat: `SELECT board_id, participant_id, seat_hash, created_at, removed_at FROM seats WHERE board_id = $1 AND seat_hash = $2
    ORDER BY created_at, participant_id LIMIT 1`,
  getSeat: "SELECT board_id, participant_id, seat_hash, created_at, removed_at FROM seats WHERE board_id = $1 AND participant_id = $2",
  // The update always touches the row, so one row is reported exactly when the board exists.
  removeSeat: `INSERT INTO seats (board_id, participant_id, seat_hash, created_at, removed_at) SELECT id, $2, NULL, $3, $3 FROM boards WHERE id = $1
    ON CONFLICT (board_id, participant_id) DO UPDATE SET removed_at = COALESCE(seats.removed_at, excluded.removed_at)`,
  removedParticipants: "SELECT participant_id FROM seats WHERE board_id = $1 AND removed_at IS NOT NULL",
  countSeats: "SELECT COUNT(*)::int AS n FROM seats WHERE board_id = $1",
};

/** Postgres's code for a foreign key violation. */
const FOREIGN_KEY_VIOLATION = "23503";
/** Resolves false where the board was deleted while the statement ran. */
const unlessBoardGone = (err: unknown): false => {
  if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) return false;
  throw err;
};

const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * A store that any number of server processes share. Migrates the database before resolving; rejects
 * when it cannot reach it or a newer release wrote it.
 */
export async function openPostgresStore(options: PostgresOptions): Promise<DocStore> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger("warn");
  await migratePostgres(options.url, options.statementTimeoutMs);
  const pool = createPool({ ...options, logger });

  let closed = false;
  const live = () => {
    if (closed) throw new Error("store is closed");
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => {
    live();
    return pool.query<R>(text, values);
  };

  const appendBatch = async (entries: Batch): Promise<number[]> => {
    if (entries.length === 0) return [];
    const boardIds = [...new Set(entries.map((e) => e.boardId))].sort();
    return inTransaction(pool, async (client) => {
      const locked = await client.query<{ id: string; last_seq: number }>(SQL.lockBoards, [boardIds]);
      const lastSeqs = new Map(locked.rows.map((r) => [r.id, r.last_seq]));
      const missing = boardIds.filter((id) => !lastSeqs.has(id));
      if (missing.length > 0) throw new Error(`cannot append to unknown board ${missing.join(", ")}`);
      const rows = { boardIds: [] as string[], seqs: [] as number[], data: [] as Uint8Array[] };
      const result = entries.map(({ boardId, updates }) => {
        let seq = lastSeqs.get(boardId)!;
        for (const update of updates) {
          rows.boardIds.push(boardId);
          rows.seqs.push(++seq);
          rows.data.push(update);
        }
        lastSeqs.set(boardId, seq);
        return seq;
      });
      if (rows.data.length > 0) {
        // One reading of the clock per batch: the whole batch becomes durable at once.
        await client.query(SQL.append, [[...lastSeqs.keys()], [...lastSeqs.values()], now(), rows.boardIds, rows.seqs, rows.data]);
      }
      return result;
    });
  };

  const prunable: PrunableHistory = {
    async boardsToPrune(before) {
      return (await query<{ board_id: string }>(SQL.boardsToPrune, [before])).rows.map((r) => r.board_id);
    },
    async entriesToFold(boardId, before) {
      const { rows } = await query<{ seq: number; folded: boolean; data: Buffer }>(SQL.entriesToFold, [boardId, before]);
      return rows.map((r) => ({ seq: r.seq, folded: r.folded, update: bytesOf(r.data) }));
    },
    replaceWithState(boardId, throughSeq, count, state, at) {
      live();
      return inTransaction(pool, async (client) => {
        // Nodes pruning one board queue here; the later one counts fewer entries than it read and stops.
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_PRUNING, boardId]);
        const found = (await client.query<{ n: number }>(SQL.countHistoryThrough, [boardId, throughSeq])).rows[0]!.n;
        if (found !== count) return false;
        await client.query(SQL.deleteHistoryThrough, [boardId, throughSeq]);
        await client.query(SQL.insertFolded, [boardId, throughSeq, at, state]);
        return true;
      });
    },
  };

  return {
    name: "postgres",
    async createBoard(board: BoardRecord, initialState) {
      const { keyHashes: h } = board;
      const values = [
        board.id,
        board.createdAt,
        h.facilitator,
        h.participant,
        h.viewer,
        board.participantKey ?? null,
        now(),
        initialState,
        board.viewerKey ?? null,
        board.seatsSince ?? null,
      ];
      const result = await query(SQL.createBoard, values);
      if (result.rowCount !== 1) throw new DuplicateBoardError(board.id);
    },
    async getBoard(id) {
      const row = (await query<BoardRow>(SQL.getBoard, [id])).rows[0];
      return row ? boardFromRow(row) : null;
    },
    async listBoards(limit = 100) {
      const { rows } = await query<{ id: string; created_at: number }>(SQL.listBoards, [limit]);
      return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
    },
    async loadDoc(boardId): Promise<StoredDoc> {
      const { rows } = await query<{ seq: number; data: Buffer }>(SQL.loadUpdates, [boardId]);
      let bytes = 0;
      const updates = rows.map((r) => {
        bytes += r.data.byteLength;
        return bytesOf(r.data);
      });
      return { updates, lastSeq: rows.at(-1)?.seq ?? 0, bytes };
    },
    async loadUpdatesSince(boardId, afterSeq) {
      const { rows } = await query<{ seq: number; compacted: boolean; data: Buffer | null }>(SQL.loadUpdatesSince, [boardId, afterSeq]);
      if (replacedByCompaction(rows, afterSeq)) return null;
      return rows.map((r) => ({ seq: r.seq, update: bytesOf(r.data!) }));
    },
    async appendUpdates(boardId, updates) {
      live();
      if (updates.length === 0) return (await query<{ last_seq: number }>(SQL.lastSeq, [boardId])).rows[0]?.last_seq ?? 0;
      return (await appendBatch([{ boardId, updates }]))[0]!;
    },
    async appendBatch(entries) {
      live();
      return appendBatch(entries);
    },
    async compact(boardId, state, throughSeq) {
      live();
      return inTransaction(pool, async (client) => {
        // Nodes compacting one board queue here; the later one finds the work done and does nothing.
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_COMPACTION, boardId]);
        const start = (await client.query<{ seq: number; compacted: boolean }>(SQL.logStart, [boardId])).rows[0];
        if (start?.compacted && start.seq >= throughSeq) return false;
        await client.query(SQL.archiveThrough, [boardId, throughSeq]);
        await client.query(SQL.insertCompacted, [boardId, throughSeq, now(), state]);
        return true;
      });
    },
    async loadHistory(boardId): Promise<HistoryEntry[]> {
      const { rows } = await query<{ seq: number; at: number | null; folded: boolean; data: Buffer }>(SQL.loadHistory, [boardId]);
      return rows.map((r) => ({ seq: r.seq, at: r.at, update: bytesOf(r.data), folded: r.folded }));
    },
    async pruneHistory(before) {
      return pruneHistoryWith(prunable, before);
    },
    async addSnapshot(s) {
      await query(SQL.insertSnapshot, [s.boardId, s.id, s.name, s.takenAt, s.json, s.state]);
    },
    async listSnapshots(boardId) {
      const { rows } = await query<{ id: string; name: string; taken_at: number }>(SQL.listSnapshots, [boardId]);
      return rows.map((r) => ({ id: r.id, name: r.name, takenAt: r.taken_at }));
    },
    async getSnapshot(boardId, snapshotId) {
      const r = (
        await query<{ id: string; board_id: string; name: string; taken_at: number; json: string; state: Buffer }>(SQL.getSnapshot, [
          boardId,
          snapshotId,
        ])
      ).rows[0];
      if (!r) return null;
      return { id: r.id, boardId: r.board_id, name: r.name, takenAt: r.taken_at, json: r.json, state: bytesOf(r.state) };
    },
    async addJoinCode(c, at) {
      return (await query(SQL.putJoinCode, [c.code, c.boardId, c.createdAt, c.expiresAt, at])).rowCount === 1;
    },
    async getJoinCode(code) {
      const r = (await query<{ code: string; board_id: string; created_at: number; expires_at: number }>(SQL.getJoinCode, [code])).rows[0];
      return r ? { code: r.code, boardId: r.board_id, createdAt: r.created_at, expiresAt: r.expires_at } : null;
    },
    async sweepJoinCodes(before) {
      return (await query(SQL.sweepJoinCodes, [before])).rowCount ?? 0;
    },
    async replaceKey(boardId, role, keyHash, key) {
      live();
      return inTransaction(pool, async (client) => {
        const values = role === "facilitator" ? [boardId, keyHash] : [boardId, keyHash, key];
        const changed = await client.query(SQL.replaceKey[role], values);
        if (changed.rowCount !== 1) return false;
        if (role === "participant") await client.query(SQL.deleteJoinCodesOf, [boardId]);
        return true;
      });
    },
    async deleteBoard(boardId) {
      live();
      return inTransaction(pool, async (client) => {
        if ((await client.query(SQL.lockBoard, [boardId])).rowCount !== 1) return false;
        for (const statement of SQL.deleteBoard) await client.query(statement, [boardId]);
        await client.query(SQL.deleteBoardRow, [boardId]);
        return true;
      });
    },
    async addSeat(seat) {
      const values = [seat.boardId, seat.participantId, seat.seatHash, seat.createdAt];
      return query(SQL.addSeat, values).then((r) => r.rowCount === 1, unlessBoardGone);
    },
    async findSeat(boardId, seatHash) {
      const row = (await query<SeatRow>(SQL.findSeat, [boardId, seatHash])).rows[0];
      return row ? seatFromRow(row) : null;
    },
    async getSeat(boardId, participantId) {
      const row = (await query<SeatRow>(SQL.getSeat, [boardId, participantId])).rows[0];
      return row ? seatFromRow(row) : null;
    },
    async removeSeat(boardId, participantId, at) {
      return query(SQL.removeSeat, [boardId, participantId, at]).then((r) => r.rowCount === 1, unlessBoardGone);
    },
    async removedParticipants(boardId) {
      return (await query<{ participant_id: string }>(SQL.removedParticipants, [boardId])).rows.map((r) => r.participant_id);
    },
    async countSeats(boardId) {
      return (await query<{ n: number }>(SQL.countSeats, [boardId])).rows[0]!.n;
    },
    async ping() {
      const timeoutMs = options.pingTimeoutMs ?? 2000;
      await withinMs(query("SELECT 1", []), timeoutMs, `Postgres did not answer within ${timeoutMs} ms`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
