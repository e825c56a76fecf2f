import * as Y from "yjs";
import { colorFor } from "../board/colors";
import { roots } from "../board/doc";
import { BOARD_FORMAT, placementKey, type Item, type Meta, type Participant, type Placement } from "../board/schema";
import type { Snapshot } from "./schema";

/** A fresh board document holding a snapshot's content; blind, lock, focus and timer start over, the round carries on. */
export function snapshotToDoc(snapshot: Snapshot, origin: unknown = "import"): Y.Doc {
  const doc = new Y.Doc();
  const r = roots(doc);
  doc.transact(() => {
    const meta: Meta = {
      format: BOARD_FORMAT,
      title: snapshot.board.title,
      grid: snapshot.board.grid,
      blind: false,
      locked: false,
      round: snapshot.board.round ?? 1,
      focus: null,
      timer: null,
      template: snapshot.board.template ?? "blank",
      reference: snapshot.board.reference ?? {},
      anonymous: false,
    };
    for (const [k, v] of Object.entries(meta)) r.meta.set(k, v);
    snapshot.participants.forEach((p) => {
      const participant: Participant = {
        id: p.id,
        name: p.name,
        color: p.color ?? colorFor(p.id),
        joinedAt: p.joinedAt ?? 0,
      };
      r.participants.set(p.id, participant);
    });
    for (const s of snapshot.items) {
      const item: Item = { id: s.id, text: s.text, createdBy: s.createdBy, createdAt: s.createdAt };
      if (s.note != null) item.note = s.note;
      r.items.set(s.id, item);
      for (const p of s.placements) {
        const placement: Placement = { item: s.id, participant: p.participant, col: p.col, row: p.row, at: p.at };
        r.placements.set(placementKey(s.id, p.participant), placement);
      }
    }
  }, origin);
  return doc;
}
