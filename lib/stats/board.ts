import type { BoardState } from "../board/doc";
import type { Item, Placement } from "../board/schema";
import { computeStats, type ItemStats } from "./index";

export interface ItemWithStats {
  item: Item;
  /** This item's placements, oldest first. */
  placements: Placement[];
  stats: ItemStats | null;
}

/** Every item of a board with its placements and statistics, in the board's item order. */
export function itemStats(state: BoardState): ItemWithStats[] {
  const size = { rows: state.meta.grid.rows.length, columns: state.meta.grid.columns.length };
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
export function itemsPerCell(entries: readonly ItemWithStats[], size: { rows: number; columns: number }): number[][] {
  const counts = Array.from({ length: size.rows }, () => new Array<number>(size.columns).fill(0));
  for (const { placements } of entries) {
    const cells = new Set(placements.map((p) => `${Math.floor(p.row)}:${Math.floor(p.col)}`));
    for (const key of cells) {
      const [r, c] = key.split(":").map(Number);
      if (counts[r!]?.[c!] !== undefined) counts[r!]![c!]! += 1;
    }
  }
  return counts;
}
