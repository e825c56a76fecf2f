/** How rows read from either adapter's tables become records. */
import type { BoardRecord, SeatRecord } from "./types";

/** A `boards` row as both adapters' tables hold it. */
export interface BoardRow {
  id: string;
  created_at: number;
  facilitator_hash: string;
  participant_hash: string;
  viewer_hash: string;
  participant_key: string | null;
  viewer_key: string | null;
  seats_since: number | null;
}

export const boardFromRow = (row: BoardRow): BoardRecord => ({
  id: row.id,
  createdAt: row.created_at,
  keyHashes: { facilitator: row.facilitator_hash, participant: row.participant_hash, viewer: row.viewer_hash },
  ...(row.participant_key === null ? {} : { participantKey: row.participant_key }),
  ...(row.viewer_key === null ? {} : { viewerKey: row.viewer_key }),
  ...(row.seats_since === null ? {} : { seatsSince: row.seats_since }),
});

/** A `seats` row as both adapters' tables hold it. */
export interface SeatRow {
  board_id: string;
  participant_id: string;
  seat_hash: string | null;
  created_at: number;
  removed_at: number | null;
}

export const seatFromRow = (row: SeatRow): SeatRecord => ({
  boardId: row.board_id,
  participantId: row.participant_id,
  seatHash: row.seat_hash,
  createdAt: row.created_at,
  removedAt: row.removed_at,
});

/**
 * Whether the log rows after `afterSeq` (in order, as `loadUpdatesSince` read them) no longer hold
 * every update after it, because a compaction folded some into a state. Sequence numbers have no
 * gaps, so the first row must be `afterSeq + 1` and an ordinary update; a gap also covers files from
 * before updates were marked compacted.
 */
export function replacedByCompaction(rows: ReadonlyArray<{ seq: number; compacted: number | boolean }>, afterSeq: number): boolean {
  const first = rows[0];
  return first !== undefined && (Boolean(first.compacted) || first.seq !== afterSeq + 1);
}
