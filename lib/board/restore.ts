import * as Y from "yjs";
import type { StoredSnapshot } from "../snapshot/schema";
import { snapshotBoard } from "../snapshot/restore";
import { roots } from "./doc";
import { placementKey } from "./schema";

/** A fresh board document holding a snapshot's content; blind, lock, focus and timer start over, the round carries on. */
export function snapshotToDoc(snapshot: StoredSnapshot, origin: unknown = "import"): Y.Doc {
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
