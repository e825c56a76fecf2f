import { rankByContest, rankSplitFirst } from "./index";
import type { ItemStats } from "./schema";

/** The orders a ranked list of items can be read in. */
export type ListOrder = "contested" | "split" | "changed";
/** The orders that need nothing but the items themselves: what the overview and its picture offer. */
export type ItemOrder = Exclude<ListOrder, "changed">;

/** Items most contested first, or the two-camp items first. */
export function orderItems<T extends { stats: ItemStats | null }>(entries: readonly T[], order: ItemOrder): T[] {
  return order === "split" ? rankSplitFirst(entries) : rankByContest(entries);
}

/** How far an item's spread moved since the previous round; −1 when there is nothing to compare, so it sorts last. */
function changeOf(entry: { item: { id: string }; stats: ItemStats | null }, previous: ReadonlyMap<string, number | null>): number {
  const before = previous.get(entry.item.id);
  return before === undefined || before === null || !entry.stats ? -1 : Math.abs(entry.stats.spread - before);
}

/**
 * A ranking (most contested first, as rankByContest gives it) in the order asked for: as it is,
 * split first (rankSplitFirst), or by how far each spread moved since the previous round; without
 * a previous round "changed" has nothing to go on and keeps the ranking.
 */
export function orderRanking<T extends { item: { id: string }; stats: ItemStats | null }>(
  ranked: readonly T[],
  order: ListOrder,
  previous: ReadonlyMap<string, number | null> | null,
): T[] {
  if (order === "split") return rankSplitFirst(ranked);
  if (order === "changed" && previous) return [...ranked].sort((a, b) => changeOf(b, previous) - changeOf(a, previous));
  return [...ranked];
}
