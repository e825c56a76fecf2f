import { colorFor } from "../board/colors";
import { DEFAULT_META, type BoardState } from "../board/doc";
import { BOARD_FORMAT, type Item, type Meta, type Participant, type Placement } from "../board/schema";
import type { StoredSnapshot } from "./schema";

/**
 * A snapshot as a board state, the shape every view and exporter reads:
 * the board exactly as it was (its goal corner too), with nothing blind, locked, focused or timed.
 * Names are already what the snapshot holds (pseudonyms on an anonymous board).
 */
export function snapshotBoard(snapshot: StoredSnapshot): BoardState {
  const meta: Meta = {
    ...DEFAULT_META,
    format: BOARD_FORMAT,
    title: snapshot.board.title,
    grid: snapshot.board.grid,
    round: snapshot.board.round ?? 1,
    template: snapshot.board.template ?? "blank",
    reference: snapshot.board.reference ?? {},
    goal: snapshot.board.goal ?? null,
  };
  const participants: Participant[] = snapshot.participants.map((p) => ({
    id: p.id,
    name: p.name,
    color: p.color ?? colorFor(p.id),
    joinedAt: p.joinedAt ?? 0,
  }));
  const items: Item[] = [];
  const placements: Placement[] = [];
  for (const s of snapshot.items) {
    const item: Item = { id: s.id, text: s.text, createdBy: s.createdBy, createdAt: s.createdAt };
    if (s.note != null) item.note = s.note;
    if (s.order !== undefined) item.order = s.order;
    items.push(item);
    for (const p of s.placements) {
      placements.push({ item: s.id, participant: p.participant, col: p.col, row: p.row, at: p.at, ...(p.reason ? { reason: p.reason } : {}) });
    }
  }
  return { meta, items, placements, participants, invalid: { meta: 0, items: 0, placements: 0, participants: 0 } };
}
