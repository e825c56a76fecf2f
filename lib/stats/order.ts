import { rankByContest, rankSplitFirst } from "./index";
import type { ItemStats } from "./schema";

/** The orders a list of items is read in: most contested first, or the two-camp items first. */
export type ItemOrder = "contested" | "split-first";

export function orderItems<T extends { stats: ItemStats | null }>(entries: readonly T[], order: ItemOrder): T[] {
  return order === "split-first" ? rankSplitFirst(entries) : rankByContest(entries);
}
