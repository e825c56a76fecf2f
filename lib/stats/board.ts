import type { BoardState } from "../board/doc";
import { cellOf, insideGrid, sizeOf, type GridSize } from "../board/grid";
import type { Item, Placement } from "../board/schema";
import { computeStats } from "./index";
import type { ItemStats } from "./schema";

export interface ItemWithStats {
  item: Item;
  /** This item's placements, oldest first. */
  placements: Placement[];
  stats: ItemStats | null;
}

/** Every item of a board with its placements and statistics, in the board's item order. */
export function itemStats(state: BoardState): ItemWithStats[] {
  const size = sizeOf(state.meta.grid);
  const byItem = new Map<string, Placement[]>();
  for (const p of state.placements) {
    const list = byItem.get(p.item);
    if (list) list.push(p);
    else byItem.set(p.item, [p]);
  }
  return state.items.map((item) => {
    const placements = (byItem.get(item.id) ?? []).sort((a, b) => a.at - b.at || (a.participant < b.participant ? -1 : 1));
    return { item, placements, stats: computeStats(placements, size) };
  });
}

/** Per cell (rows of columns): how many items have at least one placement there. */
export function itemsPerCell(entries: readonly ItemWithStats[], size: GridSize): number[][] {
  const counts = Array.from({ length: size.rows }, () => new Array<number>(size.columns).fill(0));
  for (const { placements } of entries) {
    const cells = new Set(placements.filter((p) => insideGrid(p, size)).map((p) => cellOf(p, size)).map((c) => c.row * size.columns + c.col));
    for (const index of cells) counts[Math.floor(index / size.columns)]![index % size.columns]! += 1;
  }
  return counts;
}
