import type { BoardState } from "../board/doc";
import { cellOf, insideGrid, sizeOf, type GridSize } from "../board/grid";
import type { GoalCorner, Item, Placement } from "../board/schema";
import { computeStats } from "./index";
import type { ItemStats } from "./schema";

export interface ItemWithStats {
  item: Item;
  /** This item's placements, oldest first. */
  placements: Placement[];
  stats: ItemStats | null;
}

/**
 * Statistics already worked out, by item, with what they were worked out from. A screen keeps
 * one across renders: a change to the board usually moves one note, and only that item's
 * statistics (whose crux part grows as n² log n) are worked out again.
 */
export type StatsCache = Map<string, { from: string; stats: ItemStats | null }>;

const statsInput = (placements: readonly Placement[], size: GridSize, goal: GoalCorner | null) =>
  `${size.columns}x${size.rows}|${goal ?? "no-goal"}|` + placements.map((p) => `${p.participant}@${p.col},${p.row}`).join("|");

/** Every item of a board with its placements and statistics, in the board's item order. */
export function itemStats(state: BoardState, cache?: StatsCache): ItemWithStats[] {
  const size = sizeOf(state.meta.grid);
  const { goal } = state.meta;
  const byItem = new Map<string, Placement[]>();
  for (const p of state.placements) {
    const list = byItem.get(p.item);
    if (list) list.push(p);
    else byItem.set(p.item, [p]);
  }
  if (cache && cache.size > state.items.length) {
    const present = new Set(state.items.map((i) => i.id));
    for (const id of cache.keys()) if (!present.has(id)) cache.delete(id);
  }
  return state.items.map((item) => {
    const placements = (byItem.get(item.id) ?? []).sort((a, b) => a.at - b.at || (a.participant < b.participant ? -1 : 1));
    if (!cache) return { item, placements, stats: computeStats(placements, size, goal) };
    const from = statsInput(placements, size, goal);
    let known = cache.get(item.id);
    if (known?.from !== from) {
      known = { from, stats: computeStats(placements, size, goal) };
      cache.set(item.id, known);
    }
    return { item, placements, stats: known.stats };
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
