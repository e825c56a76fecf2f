import type { BoardState } from "./doc";
import { referenceCell } from "./geometry";
import { sizeOf } from "./grid";
import type { Item } from "./schema";

export interface ItemSummary {
  item: Item;
  placements: number;
  /** Who placed it, hidden placements included (the second board given): with seats, only the facilitator may take others' placements off with the item. */
  placedBy: string[];
  reference: { row: number; col: number } | null;
}

/** Each item with how many people placed it and its reference cell, for the item list. */
export function summarizeItems(board: BoardState, everyone: BoardState = board): ItemSummary[] {
  const size = sizeOf(board.meta.grid);
  const count = (placements: BoardState["placements"]) => {
    const perItem = new Map<string, string[]>();
    for (const p of placements) perItem.set(p.item, [...(perItem.get(p.item) ?? []), p.participant]);
    return perItem;
  };
  const shown = count(board.placements);
  const all = everyone === board ? shown : count(everyone.placements);
  return board.items.map((item) => {
    const ref = referenceCell(board.meta.reference, item.id, size);
    return { item, placements: shown.get(item.id)?.length ?? 0, placedBy: all.get(item.id) ?? [], reference: ref ? { row: ref.row, col: ref.col } : null };
  });
}
