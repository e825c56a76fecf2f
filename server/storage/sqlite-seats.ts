import type Database from "better-sqlite3";
import { seatFromRow, type SeatRow } from "./rows";
import type { DocStore } from "./types";

export type SeatMethods = Pick<DocStore, "addSeat" | "findSeat" | "getSeat" | "removeSeat" | "removedParticipants" | "countSeats">;

/**
 * The SQLite store's seats. Each write is one statement that also checks the board exists, so an
 * unknown board and a taken id are told apart from a stored seat by the change count alone.
 * `live` throws once the store is closed.
 */
export function sqliteSeats(db: Database.Database, live: () => void): SeatMethods {
  const q = {
    // The SELECT carries a WHERE, as SQLite needs to read the ON CONFLICT after it as the upsert's.
    addSeat: db.prepare<[string, string, string, number, string]>(
      `INSERT INTO seats (board_id, participant_id, seat_hash, created_at) SELECT ?, ?, ?, ? FROM boards WHERE id = ?
       ON CONFLICT (board_id, participant_id) DO NOTHING`,
    ),
    // A secret is random, so two seats of a board never share a hash in practice; if they did, the
    // oldest answers, always the same one.
    findSeat: db.prepare<[string, string], SeatRow>("SELECT * FROM seats WHERE board_id = ? AND seat_hash = ? ORDER BY created_at, rowid LIMIT 1"),
    getSeat: db.prepare<[string, string], SeatRow>("SELECT * FROM seats WHERE board_id = ? AND participant_id = ?"),
    // The update always matches the row, so the change count is 1 exactly when the board exists.
    removeSeat: db.prepare<[string, string, number, number, string]>(
      `INSERT INTO seats (board_id, participant_id, seat_hash, created_at, removed_at) SELECT ?, ?, NULL, ?, ? FROM boards WHERE id = ?
       ON CONFLICT (board_id, participant_id) DO UPDATE SET removed_at = coalesce(seats.removed_at, excluded.removed_at)`,
    ),
    removedParticipants: db
      .prepare<[string], string>("SELECT participant_id FROM seats WHERE board_id = ? AND removed_at IS NOT NULL")
      .pluck(),
    countSeats: db.prepare<[string], number>("SELECT COUNT(*) FROM seats WHERE board_id = ?").pluck(),
  };

  return {
    async addSeat(seat) {
      live();
      return q.addSeat.run(seat.boardId, seat.participantId, seat.seatHash, seat.createdAt, seat.boardId).changes === 1;
    },
    async findSeat(boardId, seatHash) {
      live();
      const row = q.findSeat.get(boardId, seatHash);
      return row ? seatFromRow(row) : null;
    },
    async getSeat(boardId, participantId) {
      live();
      const row = q.getSeat.get(boardId, participantId);
      return row ? seatFromRow(row) : null;
    },
    async removeSeat(boardId, participantId, at) {
      live();
      return q.removeSeat.run(boardId, participantId, at, at, boardId).changes === 1;
    },
    async removedParticipants(boardId) {
      live();
      return q.removedParticipants.all(boardId);
    },
    async countSeats(boardId) {
      live();
      return q.countSeats.get(boardId) ?? 0;
    },
  };
}
