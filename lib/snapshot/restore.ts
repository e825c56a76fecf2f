import * as Y from "yjs";
import { colorFor } from "../board/colors";
import { DEFAULT_META, roots, type BoardState } from "../board/doc";
import { BOARD_FORMAT, placementKey, type Item, type Meta, type Participant, type Placement } from "../board/schema";
import type { Snapshot } from "./schema";

/**
 * A snapshot as a board state, the shape every view and exporter reads:
 * the board exactly as it was, with nothing blind, locked, focused or timed.
 * Names are already what the snapshot holds (pseudonyms on an anonymous board).
 */
export function snapshotBoard(snapshot: Snapshot): BoardState {
  const meta: Meta = {
    ...DEFAULT_META,
    format: BOARD_FORMAT,
    title: snapshot.board.title,
    grid: snapshot.board.grid,
    round: snapshot.board.round ?? 1,
    template: snapshot.board.template ?? "blank",
    reference: snapshot.board.reference ?? {},
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
    items.push(item);
    for (const p of s.placements) placements.push({ item: s.id, participant: p.participant, col: p.col, row: p.row, at: p.at });
  }
  return { meta, items, placements, participants, invalid: { meta: 0, items: 0, placements: 0, participants: 0 } };
}

/** A fresh board document holding a snapshot's content; blind, lock, focus and timer start over, the round carries on. */
export function snapshotToDoc(snapshot: Snapshot, origin: unknown = "import"): Y.Doc {
  const board = snapshotBoard(snapshot);
  const doc = new Y.Doc();
  const r = roots(doc);
  doc.transact(() => {
    for (const [k, v] of Object.entries(board.meta)) r.meta.set(k, v);
    for (const p of board.participants) r.participants.set(p.id, p);
    for (const item of board.items) r.items.set(item.id, item);
    for (const p of board.placements) r.placements.set(placementKey(p.item, p.participant), p);
  }, origin);
  return doc;
}
