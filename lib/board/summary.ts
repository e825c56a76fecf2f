import type { BoardState } from "./doc";
import { referenceCell } from "./geometry";
import { sizeOf } from "./grid";
import type { Item } from "./schema";

export interface ItemSummary {
  item: Item;
  placements: number;
  reference: { row: number; col: number } | null;
}

/** Each item with how many people placed it and its reference cell, for the item list. */
export function summarizeItems(board: BoardState): ItemSummary[] {
  const size = sizeOf(board.meta.grid);
  const perItem = new Map<string, number>();
  for (const p of board.placements) perItem.set(p.item, (perItem.get(p.item) ?? 0) + 1);
  return board.items.map((item) => {
    const ref = referenceCell(board.meta.reference, item.id, size);
    return { item, placements: perItem.get(item.id) ?? 0, reference: ref ? { row: ref.row, col: ref.col } : null };
  });
}
