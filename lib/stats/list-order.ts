import { rankByContest, rankByPriority, rankSplitFirst } from "./index";
import type { ItemStats } from "./schema";

/** The orders a ranked list of items can be read in. */
export type ListOrder = "contested" | "split" | "priority" | "changed";
/** The orders that need nothing but the items themselves: what the agenda, the overview and its picture offer. */
export type ItemOrder = Exclude<ListOrder, "changed">;

type Ranking = <T extends { stats: ItemStats | null }>(entries: readonly T[]) => T[];

interface OrderDefinition<K extends ListOrder> {
  /** The order's name on a switch: "Split first". */
  label: string;
  /** How a list in this order reads, lower-case for the middle of a sentence: "most contested first". */
  reading: string;
  /** The order itself; null for "changed", which also needs the previous round's spreads (see orderRanking). */
  rank: K extends ItemOrder ? Ranking : null;
}

/** Every order of the items, once: its name, how it reads and how it ranks. Every screen and export that orders items goes through here. */
export const ORDERS: { readonly [K in ListOrder]: OrderDefinition<K> } = {
  contested: { label: "Most contested", reading: "most contested first", rank: rankByContest },
  split: { label: "Split first", reading: "two-camp items first, then the most contested", rank: rankSplitFirst },
  priority: { label: "Priorities", reading: "highest priority first", rank: rankByPriority },
  changed: { label: "Most changed", reading: "the most changed since the previous round first", rank: null },
};

/** The options of a switch between some of the orders, in the order given. */
export function orderOptions<K extends ListOrder>(keys: readonly K[]): Array<{ value: K; label: string }> {
  return keys.map((value) => ({ value, label: ORDERS[value].label }));
}

/** Items most contested first, the two-camp items first, or highest priority first. */
export function orderItems<T extends { stats: ItemStats | null }>(entries: readonly T[], order: ItemOrder): T[] {
  return ORDERS[order].rank(entries);
}

/** How far an item's spread moved since the previous round; −1 when there is nothing to compare, so it sorts last. */
function changeOf(entry: { item: { id: string }; stats: ItemStats | null }, previous: ReadonlyMap<string, number | null>): number {
  const before = previous.get(entry.item.id);
  return before === undefined || before === null || !entry.stats ? -1 : Math.abs(entry.stats.spread - before);
}

/**
 * A ranking (most contested first, as rankByContest gives it) in the order asked for: as it is,
 * split first (rankSplitFirst), highest priority first (rankByPriority), or by how far each
 * spread moved since the previous round; without
 * a previous round "changed" has nothing to go on and keeps the ranking.
 */
export function orderRanking<T extends { item: { id: string }; stats: ItemStats | null }>(
  ranked: readonly T[],
  order: ListOrder,
  previous: ReadonlyMap<string, number | null> | null,
): T[] {
  if (order === "split" || order === "priority") return ORDERS[order].rank(ranked);
  if (order === "changed" && previous) return [...ranked].sort((a, b) => changeOf(b, previous) - changeOf(a, previous));
  return [...ranked];
}
